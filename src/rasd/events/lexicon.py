"""The trigger lexicon (rasd/data/events/triggers.yaml) compiled into a phrase matcher."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from rasd.errors import RasdError
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
    unless_next: frozenset[str] = frozenset()  # words that, right after the trigger, make it none ("تستهدف تدريب")
    borrow: bool = True  # a generic trigger may take its weapon from the sentences before («كمين»: never)
    unless_sentence: PhraseSet = PhraseSet(())  # anywhere in the sentence these make it none («انهيار مبنى»)


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
    article_words: frozenset[str] = frozenset()  # verb forms that with «ال» are other words («السلم»: peace)
    support: frozenset[str] = frozenset()  # a weapon cue right after them supports, it is not the event («بدعم جوي»)
    halt: frozenset[str] = frozenset()  # a trigger right after them is halted or demanded to stop («وقف القصف»)
    crime: PhraseSet = PhraseSet(())  # a headline with these and no political word tells of ordinary crime
    political: PhraseSet = PhraseSet(())  # … unless these name an armed group, an activist or an attack
    terror: frozenset[str] = frozenset()  # right after a trigger they name political violence («هجوم إرهابي»)


def phrase(text: str) -> Phrase:
    return tuple(strip_article(w) for w in normalize(text).split())


def strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


_PRONOUNS = ("هما", "هم", "ها", "ه")


def token_keys(tok: Token, article_words: frozenset[str] = frozenset()) -> frozenset[str]:
    """Every reading of a token to look up: with and without clitics, article and pronoun suffix
    (``article_words`` are not read through «ال»)."""
    # "دورية" (a patrol) ends in taa marbuta, not the pronoun ه
    return _keys(tok.norm, tok.text.rstrip("\u064b-\u0652").endswith("ة"), article_words)


@lru_cache(maxsize=200_000)
def _keys(norm: str, feminine: bool, article_words: frozenset[str] = frozenset()) -> frozenset[str]:
    keys = set()
    for c in candidate_stems(norm):
        keys.add(c)
        bare = strip_article(c)
        if bare == c or bare not in article_words:
            keys.add(bare)
    for k in list(keys):
        for suffix in _PRONOUNS:
            if suffix == "ه" and feminine:
                continue
            if k.endswith(suffix) and len(k) - len(suffix) >= 4:
                keys.add(k[: -len(suffix)])  # "طائراتها" → "طائرات"
                break
    return frozenset(keys)


class LexiconError(RasdError):
    """A malformed entry in an events lexicon file (names the file and the entry)."""


TOP_KEYS = frozenset({"triggers", "veto", "refinable", "modifiers", "civilian_targets", "combatant_words", "article_words",
                      "support_words", "halt_words", "crime_words", "political_words", "terror_words"})
TRIGGER_KEYS = frozenset({"forms", "sub_event_type", "generic", "needs", "unless", "unless_next", "weight", "window",
                          "borrow", "unless_sentence"})
MODIFIER_KEYS = frozenset({"words", "sub_event_type", "except", "tier"})


def _load_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("rasd.data").joinpath(f"events/{name}").read_text(encoding="utf-8"))


def _words_ok(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)


def _check_entry(where: str, entry: object, keys: frozenset[str], words_key: str, types: dict) -> list[str]:
    if not isinstance(entry, dict):
        return [f"{where}: expected a mapping, got {type(entry).__name__}"]
    problems = [f"{where}: unknown option {k!r} (allowed: {', '.join(sorted(keys))})" for k in entry if k not in keys]
    if entry.get("sub_event_type") not in types:
        problems.append(f"{where}: unknown sub_event_type {entry.get('sub_event_type')!r}")
    if not _words_ok(entry.get(words_key)) or not entry.get(words_key):
        problems.append(f"{where}: {words_key!r} must be a non-empty list of words")
    for k in ("needs", "unless", "unless_next", "except", "unless_sentence"):
        if k in entry and not _words_ok(entry[k]):
            problems.append(f"{where}: {k!r} must be a list of words")
    weight, window = entry.get("weight", 0.7), entry.get("window", 6)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0.0 <= weight <= 1.0:
        problems.append(f"{where}: weight must be a number between 0 and 1")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1 or entry.get("tier", 1) not in (0, 1, 2):
        problems.append(f"{where}: window must be a whole number ≥ 1 and tier 0, 1 or 2")
    if "generic" in entry and not isinstance(entry["generic"], bool):
        problems.append(f"{where}: generic must be true or false")
    return problems


def validate(raw: object, types: dict[str, tuple[str, str]], name: str = "triggers.yaml") -> None:
    """Raise :class:`LexiconError` listing every malformed entry: unknown keys, options or sub-types."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{name}: expected a mapping at the top level")
    problems = [f"{name}: unknown section {k!r}" for k in raw if k not in TOP_KEYS]
    for i, entry in enumerate(raw.get("triggers") or []):
        forms = entry.get("forms") if isinstance(entry, dict) else None
        label = forms[0] if forms and _words_ok(forms) else "?"
        problems += _check_entry(f"{name}: triggers[{i}] ({label})", entry, TRIGGER_KEYS, "forms", types)
    for i, entry in enumerate(raw.get("modifiers") or []):
        problems += _check_entry(f"{name}: modifiers[{i}]", entry, MODIFIER_KEYS, "words", types)
    problems += [f"{name}: refinable: unknown sub_event_type {s!r}" for s in raw.get("refinable", []) if s not in types]
    for k in ("veto", "civilian_targets", "combatant_words", "article_words", "support_words", "halt_words",
              "crime_words", "political_words", "terror_words"):
        if k in raw and not _words_ok(raw[k]):
            problems.append(f"{name}: {k!r} must be a list of words")
    if problems:
        raise LexiconError("\n".join(problems))


@cache
def load_lexicon() -> Lexicon:
    types_raw = _load_yaml("types.yaml")
    types = {sub: (etype, spec["disorder_type"]) for etype, spec in types_raw.items() for sub in spec["sub_event_types"]}
    raw = _load_yaml("triggers.yaml")
    validate(raw, types)
    index: dict[str, list[tuple[Phrase, Trigger]]] = {}
    for entry in raw["triggers"]:
        sub = entry["sub_event_type"]
        trig = Trigger(
            sub_event_type=sub,
            event_type=types[sub][0],
            weight=float(entry.get("weight", 0.7)),
            generic=bool(entry.get("generic", False)),
            needs=PhraseSet(phrase(w) for w in entry.get("needs", [])),
            unless=PhraseSet(phrase(w) for w in entry.get("unless", [])),
            window=int(entry.get("window", 6)),
            unless_next=frozenset(strip_article(normalize(w)) for w in entry.get("unless_next", [])),
            borrow=bool(entry.get("borrow", True)),
            unless_sentence=PhraseSet(phrase(w) for w in entry.get("unless_sentence", [])),
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
        article_words=frozenset(normalize(w) for w in raw.get("article_words", [])),
        support=frozenset(strip_article(normalize(w)) for w in raw.get("support_words", [])),
        halt=frozenset(strip_article(normalize(w)) for w in raw.get("halt_words", [])),
        crime=PhraseSet(phrase(w) for w in raw.get("crime_words", [])),
        political=PhraseSet(phrase(w) for w in raw.get("political_words", [])),
        terror=frozenset(strip_article(normalize(w)) for w in raw.get("terror_words", [])),
    )
