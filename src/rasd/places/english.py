"""ACLED-style English place names from GeoNames names.

GeoNames writes Arabic places in BGN/PCGN romanisation ("Al Qā’im", "Ar Raqqah", "Ra’s al ‘Ayn"); ACLED
writes plain ASCII without ayn and hamza marks, and in some countries joins the article with a hyphen
("Al-Qaim", "Ras al-Ayn" in Syria and Iraq; "Al Hudaydah" in Yemen).  :func:`english_name` gives the
analyst's spelling from ``english_names.yaml`` where it has one, else that rule applied to the GeoNames
name (letters transliterated by the ``anyascii`` package).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from anyascii import anyascii

# Countries whose GeoNames names romanise Arabic: their ASCII apostrophes are ayn/hamza marks too.
ARABIC_COUNTRIES = frozenset(
    "SY IQ YE LY LB JO PS IL EG SA AE QA KW BH OM SD SS DZ TN MA MR SO DJ ER KM".split()
)
_MARKS = re.compile("[\u2018\u2019\u02bb\u02bc\u02bd\u02be\u02bf\u00b4`]")  # ‘ ’ ʻ ʼ ʽ ʾ ʿ ´ `
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
# The article as BGN/PCGN writes it before sun and moon letters, followed by the next word.
_ARTICLE = re.compile(r"\b(al|ad|adh|an|ar|as|ash|at|ath|az)\s+(?=[A-Za-z])", re.IGNORECASE)


@dataclass(frozen=True)
class Spelling:
    """The analyst's settings in ``english_names.yaml``."""

    hyphenated: frozenset[str]  # countries where ACLED writes "Al-Qaim"
    names: dict[int, str]  # geonameid → ACLED spelling


@cache
def spelling() -> Spelling:
    path = resources.files("rasd.data").joinpath("places", "english_names.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = {int(k): str(v) for k, v in (data.get("names") or {}).items()}
    bad = [v for v in names.values() if not v.isascii()]
    if bad:
        raise ValueError(f"english_names.yaml: names must be ASCII: {bad}")
    return Spelling(frozenset(data.get("hyphenated_article") or ()), names)


def ascii_name(name: str, arabic: bool = False) -> str:
    """A Latin name in ASCII: ayn/hamza marks dropped (with ``arabic`` the ASCII apostrophe too),
    letters transliterated (Ḩalab → Halab), Arabic script left out ("Al-Medy Village, قرية المدي")."""
    text = _MARKS.sub("", name)
    if arabic:
        text = text.replace("'", "")
    if not text.isascii():
        text = anyascii(_ARABIC_SCRIPT.sub("", text).strip(" ,;-") or text)
    return " ".join(text.split())


def _hyphenate(match: re.Match) -> str:
    article = match.group(1)
    return f"{article.capitalize()}-" if match.start() == 0 else f"{article.lower()}-"


def acled_style(name: str, country: str | None) -> str:
    """The ACLED spelling of a GeoNames name: ASCII, and where ACLED does so the article joined by a
    hyphen ("Al Qā’im" → "Al-Qaim", "Dayr az Zawr" → "Dayr az-Zawr")."""
    text = ascii_name(name, country in ARABIC_COUNTRIES)
    return _ARTICLE.sub(_hyphenate, text) if country in spelling().hyphenated else text


def english_name(geonameid: int, name: str, country: str | None) -> str:
    """The English name a record shows for a GeoNames place."""
    return spelling().names.get(geonameid) or acled_style(name, country)
