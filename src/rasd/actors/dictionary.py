"""The canonical actor dictionary: named actors, countries and generic categories, loaded lazily.

Data lives in ``rasd/data/actors/*.yaml`` (see the comments there); an analyst extends it without
touching code.  Generic categories (``Civilians ({country})`` …) are instantiated per country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rasd.errors import RasdError

_ACTOR_FILES = ("syria.yaml", "iraq.yaml", "yemen.yaml", "libya.yaml", "levant.yaml", "region.yaml",
                "international.yaml", "more.yaml", "world.yaml")
INTER_EXTERNAL = 8


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    inter: int
    sector: str
    country: str | None = None
    en: tuple[str, ...] = ()
    ar: tuple[str, ...] = ()
    adj: tuple[str, ...] = ()  # Arabic aliases valid only after a head noun
    parent: str | None = None
    wikidata: str | None = None
    theatres: tuple[str, ...] = ()  # countries where it acts besides ``country``
    category: str | None = None  # generic category id for generated actors

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and its English aliases (for comparing with other datasets)."""
        return (self.name, *self.en)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "inter": self.inter, "sector": self.sector,
                "country": self.country, "aliases_en": list(self.en), "aliases_ar": list(self.ar),
                "parent": self.parent, "wikidata": self.wikidata, "category": self.category}


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    ar: tuple[str, ...]
    adjectives: tuple[str, ...]  # nisba stems and irregular forms
    cities: tuple[str, ...]
    defaults: dict[str, str]
    generic: bool = False
    acts_abroad: bool = False


@dataclass(frozen=True)
class Category:
    id: str
    name: str  # template with {country}
    en: tuple[str, ...]
    inter: int
    sector: str
    ar: tuple[str, ...]
    weak: tuple[str, ...]
    country_actor: str | None = None
    fallback: str | None = None  # category meant where the country has no ``country_actor`` default


@dataclass
class ActorDictionary:
    actors: dict[str, Actor]
    countries: dict[str, Country]
    categories: dict[str, Category]
    by_name: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for actor in self.actors.values():
            for name in actor.names:
                self.by_name.setdefault(name_key(name), actor.id)

    def get(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise RasdError(f"unknown actor id {actor_id!r}") from None

    def for_category(self, category: str, country: str | None) -> Actor | None:
        """The actor a generic category stands for in ``country`` (a named default or a generated one)."""
        cat = self.categories[category]
        c = self.countries.get(country or "")
        if c and cat.country_actor and cat.country_actor in c.defaults:
            return self.actors[c.defaults[cat.country_actor]]
        if cat.fallback:
            return self.for_category(cat.fallback, country)
        if c and f"gen.{category}.{c.iso}" in self.actors:
            return self.actors[f"gen.{category}.{c.iso}"]
        return self.actors.get(f"gen.{category}")

    def default_for(self, head: str, country: str) -> Actor | None:
        """The actor a head noun plus a nationality adjective means ("القوات التركية")."""
        c = self.countries.get(country)
        if not c:
            return None
        if head in c.defaults:
            return self.actors[c.defaults[head]]
        return None

    def descendants_in(self, actor_id: str, country: str) -> Actor | None:
        """A child of ``actor_id`` specific to ``country`` (Islamic State → Islamic State (Iraq))."""
        for a in self.actors.values():
            if a.parent == actor_id and a.country == country and a.sector == self.actors[actor_id].sector:
                return a
        return None

    def lineage(self, actor_id: str) -> list[str]:
        out: list[str] = []
        while actor_id and actor_id not in out and actor_id in self.actors:
            out.append(actor_id)
            actor_id = self.actors[actor_id].parent or ""
        return out


def name_key(name: str) -> str:
    """Comparable form of an English actor name: lower case, punctuation and spacing unified."""
    name = name.lower().replace("’", "'").replace("–", "-")
    name = re.sub(r"[^\w()' -]+", " ", name)
    return re.sub(r"\s+", " ", name).strip()


def _read(name: str) -> Any:
    text = resources.files("rasd.data").joinpath("actors", name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def _actor(row: dict[str, Any], source: str) -> Actor:
    missing = {"id", "name", "inter", "sector"} - row.keys()
    if missing:
        raise RasdError(f"{source}: actor {row.get('id', '?')} lacks {', '.join(sorted(missing))}")
    return Actor(
        id=row["id"], name=str(row["name"]), inter=int(row["inter"]), sector=row["sector"],
        country=row.get("country"), en=_tuple(row.get("en")), ar=_tuple(row.get("ar")),
        adj=_tuple(row.get("adj")), parent=row.get("parent"), wikidata=row.get("wikidata"),
        theatres=_tuple(row.get("theatres")),
    )


def _countries() -> dict[str, Country]:
    out = {}
    for iso, row in _read("countries.yaml").items():
        out[iso] = Country(iso, row["name"], _tuple(row.get("ar")), _tuple(row.get("adj")) + _tuple(row.get("forms")),
                           _tuple(row.get("cities")), dict(row.get("defaults") or {}), bool(row.get("generic")),
                           bool(row.get("acts_abroad")))
    return out


def _categories() -> dict[str, Category]:
    return {
        cid: Category(cid, row["name"], _tuple(row.get("en")), int(row["inter"]), row["sector"],
                      _tuple(row.get("ar")), _tuple(row.get("weak")), row.get("country_actor"), row.get("fallback"))
        for cid, row in _read("generic.yaml").items()
    }


def _generated(categories: dict[str, Category], countries: dict[str, Country]) -> list[Actor]:
    """One actor per (generic category, country), plus a country-less one per category."""
    out = []
    for cat in categories.values():
        if cat.fallback:
            continue
        bare = re.sub(r"\s*\(\{country\}\)|\s*of \{country\}", "", cat.name)
        out.append(Actor(f"gen.{cat.id}", bare, cat.inter, cat.sector, category=cat.id))
        for c in countries.values():
            if c.generic:
                en = tuple(e.format(country=c.name) for e in cat.en)
                out.append(Actor(f"gen.{cat.id}.{c.iso}", cat.name.format(country=c.name), cat.inter, cat.sector,
                                 country=c.iso, en=en, category=cat.id))
    return out


@cache
def load_dictionary() -> ActorDictionary:
    """The packaged dictionary (read once)."""
    actors: dict[str, Actor] = {}
    for fname in _ACTOR_FILES:
        for row in _read(fname) or []:
            actor = _actor(row, fname)
            if actor.id in actors:
                raise RasdError(f"{fname}: duplicate actor id {actor.id}")
            actors[actor.id] = actor
    countries, categories = _countries(), _categories()
    for actor in _generated(categories, countries):
        actors.setdefault(actor.id, actor)
    return ActorDictionary(actors, countries, categories)
