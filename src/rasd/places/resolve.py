"""Choose a gazetteer entry for each mention (or drop it as a false place) and write Places.

Scoring prefers the article's country focus, triggers that agree with the candidate's kind,
containment ("X في محافظة Y"), closeness to places already resolved, population and feature kind.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from rasd.document import Document, Entity, Memo, Place
from rasd.geo import haversine_km
from rasd.places.gazetteer import REGION, TOWN_UNIT, Candidate, Gazetteer, fold, parent_town
from rasd.places.lexicon import Lexicon
from rasd.places.matcher import Mention

_KIND_BASE = {"country": 3.0, "region": 2.0, "admin": 2.0, "site": 2.2}
_LINK = frozenset({"في", "ب", "من", "،", ",", "-", "(", "التابعه", "التابع", "الواقعه", "الواقع", "شمال", "جنوب", "شرق", "غرب"})


@dataclass
class Context:
    """What the resolver knows about the article."""

    focus: str | None = None
    countries: Counter = field(default_factory=Counter)
    anchors: list[Candidate] = field(default_factory=list)  # places resolved without doubt
    entities: list[Entity] = field(default_factory=list)
    cities: set[str] = field(default_factory=set)  # folded English names of towns mentioned
    named: set[str] = field(default_factory=set)  # countries the article names as such (or its dateline's)
    _memo: Memo = field(default_factory=Memo, repr=False, compare=False)  # lookups worked out once per article


distance_km = haversine_km  # great-circle distance, shared with the events stage


def _population_score(c: Candidate) -> float:
    return math.log10(c.population + 10) / 2


def _parent_city(c: Candidate) -> str | None:
    return parent_town(c.subtype)


def score(c: Candidate, m: Mention, ctx: Context) -> float:
    s = _KIND_BASE.get(c.kind, 0.0) if c.source != "geonames" else _population_score(c)
    if c.kind == "admin" and c.level == 2:
        s -= 0.8
    if c.source == "site" and c.kind == "populated":
        s = 2.0
    s += _country_bonus(c, ctx)
    s += _trigger_bonus(c, m)
    within = m.extra.get("within")
    if within is not None and c.kind != "country" and (
        (within.kind == "admin" and c.admin1 == (within.admin1 or within.name_en)) or
        (within.kind == "country" and c.country == within.country)):
        s += 2.5
    s += _proximity_bonus(c, ctx, m.candidates)
    if c.lat is not None and any(distance_km(c.lat, c.lon, b.lat, b.lon) <= BEARING_KM for b in m.extra.get("bearing", ())):
        s += 2.5  # "دوما جنوب نابلس": the Duma near Nablus
    parent = _parent_city(c)
    if parent and fold(parent) not in ctx.cities and m.trigger_class != "quarter":
        s -= 4.0
    return s


BEARING_KM = 150  # "X جنوب Y": how far from Y a place named by its bearing from Y may lie


def _country_bonus(c: Candidate, ctx: Context) -> float:
    if c.country is None:
        return 0.0
    if c.country == ctx.focus:
        return 2.0
    return 0.5 if ctx.countries.get(c.country) else 0.0


def _trigger_bonus(c: Candidate, m: Mention) -> float:
    t = m.trigger_class
    if t == "admin":
        return 3.0 if c.kind == "admin" else (1.0 if c.kind == "populated" else -2.0)
    if t in ("populated", "district", "near") or m.direction:
        return 2.0 if c.kind == "populated" else (-0.5 if c.kind == "country" and m.direction else -1.0)
    if t in ("quarter", "site"):
        return 2.0 if c.kind in ("populated", "site") else -1.0
    return 0.0


def _distinct_anchors(ctx: Context) -> list[Candidate]:
    """Each anchor once (a town named a hundred times is one anchor), so nearness stays linear in the article."""
    return ctx._memo.get("distinct anchors", lambda: list({id(a): a for a in ctx.anchors}.values()), ctx.anchors)


def _proximity_bonus(c: Candidate, ctx: Context, own: list[Candidate] = ()) -> float:
    """Closeness to the places resolved without doubt, other than this name's own readings."""
    if c.lat is None or c.kind in ("country", "region"):
        return 0.0
    best = min((distance_km(c.lat, c.lon, a.lat, a.lon) for a in _distinct_anchors(ctx)
                if a.lat is not None and a.kind not in ("country", "region") and a != c and a not in own), default=None)
    if best is None:
        return 0.0
    return 2.0 if best < 50 else 1.0 if best < 150 else 0.0


DOMINANT_RATIO = 5  # a place this many times bigger than its namesakes is the one meant (Geneva, not Geneva IL)


def _dominance(cands: list[Candidate], focus: str | None) -> tuple[Candidate | None, float]:
    """The GeoNames place that dwarfs the other GeoNames places of its name, and its bonus (up to
    2 for a thousandfold); none when that would pass over a namesake in the region (Middle East
    first) or in the article's own country there."""
    towns = sorted((c for c in cands if c.source == "geonames"), key=lambda c: -c.population)
    if len(towns) < 2 or towns[0].population < DOMINANT_RATIO * max(towns[1].population, 1):
        return None, 0.0
    others = {c.country for c in towns[1:] if c.country in REGION}
    if (towns[0].country not in REGION and others) or (focus in others and towns[0].country != focus):
        return None, 0.0
    return towns[0], min(2.0, 0.75 * math.log10(towns[0].population / max(towns[1].population, 1)))


def rank(m: Mention, ctx: Context) -> list[tuple[float, Candidate]]:
    top, bonus = _dominance(m.candidates, ctx.focus)
    scored = ((score(c, m, ctx) + (bonus if c is top else 0.0), c) for c in m.candidates)
    return sorted(scored, key=lambda x: (-x[0], -x[1].population))


def confidence(ranked: list[tuple[float, Candidate]]) -> float:
    if not ranked:
        return 0.0
    if len(ranked) == 1:
        return 0.9
    margin = ranked[0][0] - ranked[1][0]
    return round(min(0.95, 0.5 + 0.45 * (1 - math.exp(-margin))), 3)


# --- false places -----------------------------------------------------------------------------

def has_entity(m: Mention, ctx: Context) -> bool:
    return any(e.label == "LOC" and e.start <= m.name_start and m.end <= e.end + 1
               for e in ctx._memo.index(ctx.entities).around(m.name_start, m.end - 1))


def in_person_name(m: Mention, ctx: Context) -> bool:
    """Inside a longer PER entity (the name is one word of a person's full name)."""
    return any(e.label == "PER" and e.start <= m.name_start and m.end <= e.end and (e.end - e.start) > (m.end - m.name_start) + 1
               for e in ctx._memo.index(ctx.entities).around(m.name_start, m.end))


def is_place(m: Mention, best: Candidate, ctx: Context, lex: Lexicon) -> bool:
    """Keep a match only when it reads as a place in its context."""
    if not _reads_as_place(m, best, ctx, lex):
        return False
    if (m.trigger_class is not None or "within" in m.extra or " " in m.key
            or (best.country not in REGION and has_entity(m, ctx))):
        return True  # a cue, a containment, a name of two words, or a tagged name abroad («محادثات لوزان»)
    return not _stray_foreign_town(best, ctx)


def _reads_as_place(m: Mention, best: Candidate, ctx: Context, lex: Lexicon) -> bool:
    if m.unresolved_site:
        return True
    if m.key in lex.never or _dual_of_trigger(m.key, lex):
        return False
    if m.trigger_class is None and in_person_name(m, ctx):
        return False  # "بشار الأسد", "علي عبدالله صالح": part of a person's name
    common = m.key in lex.common_words or is_common_word(m, lex)
    # "قرب" before a common word ("قرب جامعة دمشق") is a preposition, not evidence of a place
    trigger = m.trigger_class is not None and not (common and m.trigger in lex.near_prepositions)
    # an NER LOC tag is evidence for a name, not for a common word ("الحكومة", "قبلي"): those need a cue
    strong = trigger or (has_entity(m, ctx) and not common) or (m.direction is not None and m.key not in lex.common_words)
    if m.key in lex.person_names:
        return m.trigger_class not in (None, "site") or has_entity(m, ctx)
    if strong:
        return True
    local = best.country is not None and best.country == ctx.focus
    cue = m.preposition or bool(m.extra.get("listed"))
    if common:
        if best.kind == "country":
            return m.preposition
        return cue and local and _near_anchor(best, ctx)
    if is_weak(m, best):
        return local and (cue or _near_anchor(best, ctx))
    return True


STRAY_KM = 800  # a foreign town this far from every place of the article's own country


def _stray_foreign_town(c: Candidate, ctx: Context) -> bool:
    """«(المهدية) … بمدينة رفح» in an Egyptian report: a minor town of a country the article never names,
    far from all its other places, is a local name the gazetteer lacks, not that town."""
    if c.kind != "populated" or c.source != "geonames" or _prominent(c) or c.lat is None:
        return False
    if c.country is None or c.country == ctx.focus or c.country in ctx.named:
        return False
    own = [a for a in _distinct_anchors(ctx) if a.country == ctx.focus and a.lat is not None
           and a.kind not in ("country", "region")]
    return bool(own) and min(distance_km(c.lat, c.lon, a.lat, a.lon) for a in own) > STRAY_KM


def _dual_of_trigger(key: str, lex: Lexicon) -> bool:
    """"جسرين" (two bridges) is the dual of a place word, not the village Jisrin."""
    stem = key[:-2] if key.endswith(("ين", "ان")) else ""
    return bool(stem) and (stem in lex.site or stem in lex.populated or stem in lex.admin)


def is_weak(m: Mention, c: Candidate) -> bool:
    """A one-word GeoNames village, or a minor town outside the region: needs local support."""
    if c.source != "geonames" or " " in m.key:
        return False
    return c.population < 20_000 or (c.country not in REGION and c.population < PROMINENT_POPULATION)


COMMON_PER_MILLION = 15.0
SELDOM_CUED = 0.15  # a name news writes after a place cue less often than this reads as a common word
PROMINENT_POPULATION = 150_000


def is_common_word(m: Mention, lex: Lexicon) -> bool:
    """A frequent (or seldom place-cued) news word whose places are not prominent enough to be meant
    without context."""
    if lex.frequency.get(m.key, 0.0) < COMMON_PER_MILLION and lex.cue_share.get(m.key, 1.0) >= SELDOM_CUED:
        return False
    return not any(_prominent(c) for c in m.candidates)


def _prominent(c: Candidate) -> bool:
    if c.kind in ("country", "region") or (c.kind == "admin" and c.level == 1):
        return True
    return c.source == "geonames" and c.population >= PROMINENT_POPULATION


def _near_anchor(c: Candidate, ctx: Context) -> bool:
    return c.lat is not None and any(
        a.lat is not None and a.kind not in ("country", "region") and distance_km(c.lat, c.lon, a.lat, a.lon) < 150
        for a in _distinct_anchors(ctx))


# --- writing Places ---------------------------------------------------------------------------

def _admin_from_town(c: Candidate, trigger: str) -> Candidate:
    """"محافظة صبيا", "مديرية لودر": the unit named after a town (coordinates of the town).

    A محافظة is a province (admin1) except in Saudi Arabia, whose provinces are مناطق; a district
    named after its town stands on that town (see ``TOWN_UNIT``).
    """
    district = trigger in _DISTRICT_WORDS
    suffix = "District" if district else "Governorate"
    return replace(c, name_en=f"{c.name_en} {suffix}", kind="admin", level=2 if district or c.country == "SA" else 1,
                   admin2=f"{c.name_en} {suffix}", geonameid=None, subtype=TOWN_UNIT if district else c.subtype)


_DISTRICT_WORDS = frozenset({"مديريه", "قضاء", "ناحيه", "منطقه", "اقليم"})
# "منطقة كرش", "إقليم سيلوبي", "قضاء البعاج": before a town the word is no part of the name (the coders
# name the town); before a province ("منطقة عسير", "إقليم ماردين") it is.
_AREA_WORDS = frozenset({"منطقه", "اقليم"})
_TOWN_WORDS = frozenset({"قضاء", "ناحيه"})


def _unit_word(m: Mention) -> str | None:
    """The district word in front of the name: the trigger, or the first word of a curated unit name."""
    if m.trigger in _AREA_WORDS:
        return m.trigger
    first = m.key.split(" ", 1)[0]
    return first if " " in m.key and first in _TOWN_WORDS | _AREA_WORDS else None


def name_alone(m: Mention, c: Candidate) -> bool:
    """Is the span the name without its district word ("كرش", not "منطقة كرش")?  A region of one
    country keeps it ("منطقة القلمون"); one across countries does not ("الشرق الأوسط" of "منطقة الشرق
    الأوسط": 308 hits in 30k articles, «منطقة الخليج» 197)."""
    if _unit_word(m) is None:
        return False
    if c.kind == "region":
        return c.country is None
    if c.kind == "admin" and _unit_word(m) == "منطقه" and c.country != "SA":
        return True  # «منطقة» names a Saudi region ("منطقة عسير"); elsewhere it is only "the area of"
    return not (c.kind == "admin" and (c.level == 1 or c.subtype != TOWN_UNIT))


@cache
def _compass_points() -> dict[tuple[str, str], tuple[str, float, float]]:
    text = resources.files("rasd.data").joinpath("places/compass_regions.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {(r[0], r[1]): (r[2], float(r[3]), float(r[4])) for r in rows}


def compass_point(country: str | None, direction: str) -> tuple[str, float, float] | None:
    """(admin1, lat, lon) standing for "the north-east of Syria" and the like, when known."""
    return _compass_points().get((country or "", direction))


def to_place(doc: Document, m: Mention, c: Candidate | None, conf: float, gaz: Gazetteer) -> Place:
    point = compass_point(c.country, m.direction) if m.direction and c is not None and c.kind == "country" else None
    # "جنوب تركيا" is a region of the country; "وسط اليمن" is the country (as the coders name them);
    # any compass part of a continent is a region of its own ("جنوب شرق آسيا", "وسط آسيا")
    continent = c is not None and c.kind == "region" and c.country is None and c.lat is None
    region = bool(m.direction and c is not None and (
        (m.direction != "Central" and c.kind == "country") or continent))
    start = m.direction_start if region else m.start
    if c is not None and not region and name_alone(m, c):
        start = m.name_start
    if c is None:  # unresolved site: a mention without coordinates
        return Place(doc.text[start:m.end], start, m.end, "", None, None, None, "site", confidence=0.4,
                     geo_precision=1, coord_source=None, name_ar=doc.text[start:m.end],
                     extra={"trigger": m.trigger, "resolved": False})
    kind, precision = c.kind, 1
    lat, lon, name_en, admin1 = c.lat, c.lon, c.name_en, c.admin1
    if region:
        kind, name_en, lat, lon, precision = "region", f"{m.direction} {c.name_en}", None, None, 3
        if point is not None:
            admin1, lat, lon = point
    elif kind == "country" or kind == "region":
        precision = 3
    elif kind == "admin":
        # "مديرية لودر", "منطقة كرش": the district stands on its town (the coder's precision 1)
        precision = 1 if c.subtype == TOWN_UNIT and c.level == 2 else 2 if c.level == 2 else 3
    elif m.trigger_class == "near" or m.direction or m.extra.get("near"):
        precision = 2
    extra = {k: v for k, v in (("trigger", m.trigger), ("direction", m.direction), ("near", m.extra.get("near")),
                                ("subtype", c.subtype or None)) if v}
    return Place(doc.text[start:m.end], start, m.end, name_en, c.country, lat, lon, kind,
                 geonameid=c.geonameid, admin1=admin1, admin2=c.admin2, confidence=conf, geo_precision=precision,
                 name_ar=doc.text[m.name_start:m.end], coord_source=c.coord_source, extra=extra)


def choose(m: Mention, ctx: Context) -> tuple[Candidate | None, float]:
    ranked = rank(m, ctx)
    if not ranked:
        return None, 0.0
    best = ranked[0][1]
    if (m.trigger_class == "admin" and best.kind == "populated" and m.trigger and not _parent_city(best)
            and m.trigger not in _AREA_WORDS):
        # "محافظة صبيا" is the unit named after the town; "منطقة الحوبان" stays the neighbourhood
        best = _admin_from_town(best, m.trigger)
    return best, confidence(ranked)
