"""The trigger lexicon (rasd/data/events/triggers.yaml) compiled into a phrase matcher."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from rasd.text.normalize import normalize
from rasd.text.phrases import PhraseSet
from rasd.text.tokens import Token, candidate_stems

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    event_type: str
    weight: float
    generic: bool
    needs: PhraseSet
    unless: PhraseSet
    window: int


@dataclass(frozen=True)
class Modifier:
    words: PhraseSet
    sub_event_type: str
    exceptions: frozenset[str]
    tier: int = 1  # 0: decides whatever else is named; 1: the nearest decides; 2: only when nothing else is named


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[str, tuple[tuple[Phrase, Trigger], ...]]  # first word -> candidates, longest first
    modifiers: tuple[Modifier, ...]
    civilian: PhraseSet
    combatant: PhraseSet
    types: dict[str, tuple[str, str]]  # sub_event_type -> (event_type, disorder_type)
    refinable: frozenset[str] = frozenset()  # sub-types that modifiers may change
    veto: PhraseSet = PhraseSet(())  # words that make a whole sentence a metaphor (sport, markets)


def phrase(text: str) -> Phrase:
    return tuple(strip_article(w) for w in normalize(text).split())


def strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_PRONOUNS = ("هما", "هم", "ها", "ه")


def token_keys(tok: Token) -> frozenset[str]:
    """Every reading of a token to look up: with and without clitics, article and pronoun suffix."""
    keys = set()
    for c in candidate_stems(tok.norm):
        keys.add(c)
        keys.add(strip_article(c))
    for k in list(keys):
        for suffix in _PRONOUNS:
            if k.endswith(suffix) and len(k) - len(suffix) >= 4:
                keys.add(k[: -len(suffix)])  # "طائراتها" → "طائرات"
                break
    return frozenset(keys)


def _load_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("rasd.data").joinpath(f"events/{name}").read_text(encoding="utf-8"))


@cache
def load_lexicon() -> Lexicon:
    types_raw = _load_yaml("types.yaml")
    types = {sub: (etype, spec["disorder_type"]) for etype, spec in types_raw.items() for sub in spec["sub_event_types"]}
    raw = _load_yaml("triggers.yaml")
    index: dict[str, list[tuple[Phrase, Trigger]]] = {}
    for entry in raw["triggers"]:
        sub = entry["sub_event_type"]
        if sub not in types:
            raise ValueError(f"triggers.yaml: unknown sub_event_type {sub!r}")
        trig = Trigger(
            sub_event_type=sub,
            event_type=types[sub][0],
            weight=float(entry.get("weight", 0.7)),
            generic=bool(entry.get("generic", False)),
            needs=PhraseSet(phrase(w) for w in entry.get("needs", [])),
            unless=PhraseSet(phrase(w) for w in entry.get("unless", [])),
            window=int(entry.get("window", 6)),
        )
        for form in entry["forms"]:
            p = phrase(form)
            if p:
                index.setdefault(p[0], []).append((p, trig))
    modifiers = tuple(
        Modifier(PhraseSet(phrase(w) for w in m["words"]), m["sub_event_type"], frozenset(m.get("except", [])),
                 int(m.get("tier", 1)))
        for m in raw.get("modifiers", [])
    )
    return Lexicon(
        phrases={k: tuple(sorted(v, key=lambda pt: -len(pt[0]))) for k, v in index.items()},
        modifiers=modifiers,
        civilian=PhraseSet(phrase(w) for w in raw.get("civilian_targets", [])),
        combatant=PhraseSet(phrase(w) for w in raw.get("combatant_words", [])),
        types=types,
        refinable=frozenset(raw.get("refinable", [])),
        veto=PhraseSet(phrase(w) for w in raw.get("veto", [])),
    )
