"""Arabic number words → values, from one lexicon (``rasd/data/text/numbers.yaml``) for every stage.

``parse_number("خمسة وعشرين")`` → 25, ``parse_number("ثلاثة آلاف")`` → 3000, ``parse_number("18")`` → 18;
``number_pattern()`` is a regular expression (over normalised text) for one such number, digits or
words, with the word clitics (و ف ب ل ك, ال) the lexicon's forms may carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasd.errors import RasdError
from rasd.text.normalize import normalize

# Sections of a cardinal (their forms make up numbers); ordinals and vague words stand alone.
CARDINAL_KINDS = ("units", "teens", "tens", "hundreds", "multipliers", "duals")
KINDS = (*CARDINAL_KINDS, "fractions", "vague", "ordinals")
_CLITIC = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال)?")
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")


class NumberLexiconError(RasdError):
    """A malformed entry in a number lexicon file."""

    def __init__(self, path: str, entry: str, message: str) -> None:
        super().__init__(f"{path}: entry {entry}: {message}")
        self.path, self.entry = path, entry


@dataclass(frozen=True)
class NumberWord:
    value: float
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Numbers:
    """The lexicon: normalised form (one or two words) → its meaning."""

    words: dict[str, NumberWord]

    def forms(self, *kinds: str) -> list[str]:
        """The normalised forms of the given kinds (all kinds when none are given)."""
        return [w for w, n in self.words.items() if not kinds or n.kind in kinds]

    def lookup(self, word: str, *kinds: str) -> NumberWord | None:
        """The meaning of ``word``, itself or with its proclitics (و ف ب ل ك, ال) removed."""
        for form in _readings(word):
            n = self.words.get(form)
            if n is not None and (not kinds or n.kind in kinds):
                return n
        return None


def _norm(word: str) -> str:
    return " ".join(normalize(word).split())


def _readings(word: str) -> list[str]:
    """``word`` and the forms left after stripping its proclitics ("وللثلاثه" → "ثلاثه")."""
    out = [word]
    m = _CLITIC.match(word)
    if m and m.end():
        out.append(word[m.end():])
    if word.startswith(("لل", "ولل", "فلل")):
        out.append(word[word.index("لل") + 2:])
    return out


def _entries(path: str, raw: Any) -> dict[str, NumberWord]:
    if not isinstance(raw, dict):
        raise NumberLexiconError(path, "(top level)", "expected a mapping of sections")
    unknown = set(raw) - set(KINDS)
    if unknown:
        raise NumberLexiconError(path, ", ".join(sorted(map(str, unknown))), f"unknown section (known: {', '.join(KINDS)})")
    words: dict[str, NumberWord] = {}
    for kind, table in raw.items():
        if not isinstance(table, dict):
            raise NumberLexiconError(path, kind, "expected a mapping of value → list of forms")
        for value, forms in table.items():
            entry = f"{kind}.{value}"
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise NumberLexiconError(path, entry, f"the value {value!r} is not a positive number")
            if not isinstance(forms, list) or not forms:
                raise NumberLexiconError(path, entry, "expected a non-empty list of written forms")
            for form in forms:
                _add(path, entry, words, form, NumberWord(float(value), kind))
    return words


def _add(path: str, entry: str, words: dict[str, NumberWord], form: Any, meaning: NumberWord) -> None:
    key = _norm(form) if isinstance(form, str) else ""
    if not key or not re.fullmatch(r"[\u0621-\u064a]+(?: [\u0621-\u064a]+)?", key):
        raise NumberLexiconError(path, entry, f"{form!r} is not an Arabic word or two-word phrase")
    old = words.get(key)
    if old is not None and old != meaning:
        raise NumberLexiconError(path, entry, f"{form!r} is already {old.kind}.{_fmt(old.value)}")
    words[key] = meaning


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def load_numbers(path: str | Path | None = None) -> Numbers:
    """The number lexicon at ``path`` (the packaged one by default), checked entry by entry."""
    if path is None:
        return _packaged()
    p = Path(path)
    return Numbers(_entries(str(p), yaml.safe_load(p.read_text(encoding="utf-8"))))


@cache
def _packaged() -> Numbers:
    res = resources.files("rasd.data").joinpath("text", "numbers.yaml")
    return Numbers(_entries("rasd/data/text/numbers.yaml", yaml.safe_load(res.read_text(encoding="utf-8"))))


def _tokens(text: str, lex: Numbers) -> list[NumberWord] | None:
    """The number words of ``text`` (two-word forms first), each with its clitics removed."""
    words = _norm(text).replace(",", ".").split()
    out: list[NumberWord] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "و":
            i += 1
            continue
        if _DIGITS.match(w):
            out.append(NumberWord(float(w), "digits"))
            i += 1
            continue
        pair = lex.lookup(f"{w} {words[i + 1]}", *CARDINAL_KINDS) if i + 1 < len(words) else None
        n = pair or lex.lookup(w, *CARDINAL_KINDS)
        if n is None:
            return None
        out.append(n)
        i += 2 if pair else 1
    return out


def parse_number(text: str, lex: Numbers | None = None) -> float | None:
    """The value of a cardinal written in digits, words or both ("3 آلاف"), None if it is none."""
    tokens = _tokens(text, lex or load_numbers())
    if not tokens:
        return None
    total = current = 0.0
    for n in tokens:
        if n.kind == "multipliers":
            current = (current or 1) * n.value
            total, current = total + current, 0.0
        elif n.kind == "hundreds" and n.value == 100 and 0 < current < 10:
            current *= 100  # "ثلاث مائة"
        else:
            current += n.value
    value = total + current
    return int(value) if value.is_integer() else value


def alternation(forms: list[str]) -> str:
    """A regex alternation of normalised forms, longest first, spaces matching any whitespace."""
    ordered = sorted(set(forms), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@cache
def number_pattern() -> str:
    """A regex (normalised text, no groups) for one cardinal: "25", "خمسة وعشرين", "3 آلاف", "ثلاثمائة"."""
    word = alternation(load_numbers().forms(*CARDINAL_KINDS))
    mult = alternation(load_numbers().forms("multipliers", "hundreds"))
    return (rf"(?:\d+(?:[.,]\d+)?(?:\s+{mult}(?!\w))?"
            rf"|{word}(?!\w)(?:\s+(?:و\s*)?{word}(?!\w))*)")
