"""The time lexicons (``rasd/data/time/*.yaml``), loaded lazily and normalised for matching.

Every word is stored in rasd's matching normalisation (:func:`rasd.text.normalize.normalize`),
so the grammar matches ``doc.norm.text``.  Maps go from a normalised form to its meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rasd.text.normalize import normalize
from rasd.text.numbers import CARDINAL_KINDS, load_numbers


@dataclass(frozen=True)
class Unit:
    name: str
    letter: str
    time: bool  # takes the PT prefix
    singular: tuple[str, ...]
    dual: tuple[str, ...]
    plural: tuple[str, ...]
    factor: int = 1  # counted in another unit's letter: a decade is 10 Y
    smaller: tuple[str, int, bool] | None = None  # (letter, count, time) of the unit a fraction is written in


@dataclass(frozen=True)
class Feast:
    names: tuple[str, ...]
    hijri: tuple[tuple[int, int], ...] = ()  # (month, day) alternatives
    gregorian: tuple[int, int] | None = None


@dataclass(frozen=True)
class Phrase:
    text: str
    type: str
    value: str | None = None
    range: tuple[int, int] | None = None  # days relative to publication
    after: frozenset[str] = frozenset()  # words one of which must come right before, if any


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]  # normalised name -> Gregorian month
    months_ambiguous: frozenset[str]
    never_months: frozenset[str]  # as printed (not normalised): «إب» is Ibb, never the month آب
    lone_never_months: frozenset[str]  # as printed, never the month when alone: «في اب» is Ibb
    hijri_months: dict[str, int]
    hijri_epithets: tuple[str, ...]
    weekdays: dict[str, int]  # normalised (with ال) -> ISO weekday
    feasts: dict[str, Feast]
    seasons: dict[str, str]
    cardinals: dict[str, float]  # from the shared number lexicon
    ordinals: dict[str, int]
    vague_quantities: tuple[str, ...]
    approximators: tuple[str, ...]
    units: dict[str, Unit]
    unit_forms: dict[str, tuple[str, str]]  # form -> (unit name, "singular" | "dual" | "plural")
    days: dict[str, int]
    day_not_before: frozenset[str]
    day_not_after: frozenset[str]
    weekday_not_after: frozenset[str]
    year_adjective_after: frozenset[str]  # «الأمين العام»: العام is an adjective after these
    qualifiers: dict[str, int]
    plural_qualifiers: dict[str, int]
    calendar_units: dict[str, str]
    demonstratives: tuple[str, ...]
    part_of_period: dict[str, tuple[str, float, float]]  # word -> (kind, from, to)
    parts_of_day: dict[str, str]
    nights: dict[str, int]
    clock_periods: dict[str, str]
    clock_suffixes: tuple[str, ...]
    future_cues: tuple[str, ...]
    duration_triggers: tuple[str, ...]
    vague_adjectives: tuple[str, ...]
    vague_ago: dict[str, tuple[int, int, int]]  # unit -> (days back from, to, precision)
    phrases: tuple[Phrase, ...]
    sets: dict[str, str]


def _read(name: str) -> dict[str, Any]:
    path = resources.files("rasd.data").joinpath("time", name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def norm(word: str) -> str:
    """Lexicon normalisation: rasd's matching form with whitespace collapsed."""
    return re.sub(r"\s+", " ", normalize(str(word))).strip()


def _numbers(*kinds: str) -> dict[str, float]:
    """Forms of the shared number lexicon (rasd/data/text/numbers.yaml) of the given kinds."""
    return {w: n.value for w, n in load_numbers().words.items() if n.kind in kinds}


def _invert(table: dict[Any, list[str]], cast=int) -> dict[str, Any]:
    return {norm(w): cast(k) for k, words in table.items() for w in words}


@cache
def load_lexicon() -> Lexicon:
    cal, num, unit_data, rel, phr = (_read(f) for f in
                                     ("calendar.yaml", "numbers.yaml", "units.yaml", "relative.yaml", "phrases.yaml"))
    months: dict[str, int] = {}
    ambiguous: set[str] = set()
    for m, entry in cal["gregorian"].items():
        for w in entry.get("names", []):
            months[norm(w)] = int(m)
        for w in entry.get("needs_context", []):
            months[norm(w)] = int(m)
            ambiguous.add(norm(w))
    hijri = {norm(w): int(m) for m, e in cal["hijri"].items()
             for w in e.get("names", []) + e.get("needs_context", [])}
    units = {name: _unit(name, u) for name, u in unit_data["units"].items()}
    unit_forms: dict[str, tuple[str, str]] = {}
    for u in units.values():
        for kind in ("plural", "dual", "singular"):
            for w in getattr(u, kind):
                unit_forms.setdefault(w, (u.name, kind))
    parts = {norm(w): (kind, float(e["range"][0]), float(e["range"][1]))
             for kind, e in rel["part_of_period"].items() for w in e["words"]}
    return Lexicon(
        months=months, months_ambiguous=frozenset(ambiguous), never_months=frozenset(cal.get("never_months", [])),
        lone_never_months=frozenset(cal.get("lone_never_months", [])), hijri_months=hijri,
        hijri_epithets=tuple(norm(w) for w in cal["hijri_epithets"]),
        weekdays=_invert(cal["weekdays"]),
        feasts={norm(n): _feast(f) for f in cal["feasts"] for n in f["names"]},
        seasons=_invert(cal["seasons"], str),
        cardinals=_numbers(*CARDINAL_KINDS), ordinals={w: int(v) for w, v in _numbers("ordinals").items()},
        vague_quantities=tuple(norm(w) for w in num["vague_quantities"]),
        approximators=tuple(norm(w) for w in num["approximators"]),
        units=units, unit_forms=unit_forms,
        days=_invert(rel["days"]),
        day_not_before=frozenset(norm(w) for w in rel["day_not_before"]),
        day_not_after=frozenset(norm(w) for w in rel["day_not_after"]),
        weekday_not_after=frozenset(norm(w) for w in rel["weekday_not_after"]),
        year_adjective_after=frozenset(norm(w) for w in rel.get("year_adjective_after") or ()),
        qualifiers=_invert(rel["qualifiers"]), plural_qualifiers=_invert(rel["plural_qualifiers"]),
        calendar_units=_invert(rel["calendar_units"], str),
        demonstratives=tuple(norm(w) for w in rel["demonstratives"]),
        part_of_period=parts, parts_of_day=_invert(rel["parts_of_day"], str), nights=_invert(rel["nights"]),
        clock_periods=_invert(rel["clock_periods"], str),
        clock_suffixes=tuple(norm(w) for w in rel["clock_suffixes"]),
        future_cues=tuple(norm(w) for w in rel["future_cues"]),
        duration_triggers=tuple(norm(w) for w in rel["duration_triggers"]),
        vague_adjectives=tuple(norm(w) for w in rel["vague_adjectives"]),
        vague_ago={k: (int(v["range"][0]), int(v["range"][1]), int(v["precision"]))
                   for k, v in rel["vague_ago"].items()},
        phrases=tuple(Phrase(norm(p["text"]), p["type"], p.get("value"), tuple(p["range"]) if p.get("range") else None,
                             frozenset(norm(w) for w in p.get("after", ()))) for p in phr["phrases"]),
        sets={norm(s["text"]): s["value"] for s in phr["sets"]},
    )


def _unit(name: str, u: dict[str, Any]) -> Unit:
    forms = (tuple(norm(w) for w in u.get(k, [])) for k in ("singular", "dual", "plural"))
    small = u.get("smaller")
    smaller = (str(small[0]), int(small[1]), len(small) > 2 and small[2] == "time") if small else None
    return Unit(name, u["letter"], bool(u.get("time")), *forms, factor=int(u.get("factor", 1)), smaller=smaller)


def _feast(entry: dict[str, Any]) -> Feast:
    names = tuple(norm(n) for n in entry["names"])
    if "hijri" in entry:
        return Feast(names, (tuple(entry["hijri"]),))
    if "hijri_any" in entry:
        return Feast(names, tuple(tuple(x) for x in entry["hijri_any"]))
    return Feast(names, gregorian=tuple(entry["gregorian"]))
