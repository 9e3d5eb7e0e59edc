"""Loading of the attribution / factuality cue lists (rasd/data/sources/cues.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from rasd.text.normalize import normalize
from rasd.text.phrases import PhraseSet


@dataclass(frozen=True)
class Cues:
    reporting_verbs: frozenset[str]
    continuation_verbs: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]
    preposition_set: PhraseSet
    kinds: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    factuality: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    window: int
    planned_after: tuple[tuple[str, ...], ...] = ()
    purpose_before: frozenset[str] = frozenset()
    attempt: frozenset[str] = frozenset()
    happened_after: tuple[tuple[str, ...], ...] = ()
    foiled: tuple[tuple[str, ...], ...] = ()
    aggregate: tuple[tuple[str, ...], ...] = ()
    aggregate_before_period: frozenset[str] = frozenset()
    aggregate_after: tuple[tuple[str, ...], ...] = ()
    past_anchors: tuple[tuple[str, ...], ...] = ()
    recent_after: frozenset[str] = frozenset()
    change_of_hands_anchors: frozenset[str] = frozenset()
    any_before: frozenset[str] = frozenset()
    motive_words: frozenset[str] = frozenset()


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(normalize(p).split()) for p in items}, key=len, reverse=True))


@cache
def load_cues() -> Cues:
    raw = yaml.safe_load(resources.files("rasd.data").joinpath("sources/cues.yaml").read_text(encoding="utf-8"))
    fact = raw["factuality"]
    return Cues(
        reporting_verbs=frozenset(normalize(w) for w in raw["reporting_verbs"]),
        continuation_verbs=frozenset(normalize(w) for w in raw["continuation_verbs"]),
        prepositions=_phrases(raw["prepositions"]),
        preposition_set=PhraseSet(_phrases(raw["prepositions"]) + tuple(p[:-1] for p in _phrases(raw["prepositions"]) if len(p) > 1 and p[-1] == "ل")),
        kinds=tuple((k, _phrases(v)) for k, v in raw["kinds"].items()),
        factuality=tuple((k, _phrases(fact[k])) for k in ("negated", "planned_or_threatened", "possible")),
        window=int(fact.get("window", 6)),
        planned_after=_phrases(fact.get("planned_after", [])),
        purpose_before=frozenset(normalize(w) for w in fact.get("purpose_before", [])),
        attempt=frozenset(normalize(w) for w in fact.get("attempt", [])),
        happened_after=_phrases(fact.get("happened_after", [])),
        foiled=_phrases(fact.get("foiled", [])),
        aggregate=_phrases(raw.get("aggregate", [])),
        aggregate_after=_phrases(raw.get("aggregate_after", [])),
        past_anchors=_phrases(raw.get("past_anchors", [])),
        recent_after=frozenset(normalize(w) for w in raw.get("recent_after", [])),
        change_of_hands_anchors=frozenset(normalize(w) for w in raw.get("change_of_hands_anchors", [])),
        aggregate_before_period=frozenset(normalize(w) for w in raw.get("aggregate_before_period", [])),
        any_before=frozenset(normalize(w) for w in raw.get("any_before", [])),
        motive_words=frozenset(normalize(w) for w in raw.get("motive_words", [])),
    )


def strip_conj(word: str) -> str:
    """Drop a leading و/ف/ك (conjunction or كما) from a normalised word when a known form remains."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word
