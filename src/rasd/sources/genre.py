"""What kind of article it is: an opinion column is told by its byline or its address
(rasd/data/sources/bylines.yaml)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from rasd.document import Article
from rasd.text.normalize import normalize

TOWN = 500_000  # a city a dateline names (smaller towns share their names with families and given names)
_NOT_A_NAME = re.compile(r"[-ـ–/\\(),،:|\"«»\d]")  # a dateline's separators, quotes and numbers


def is_column(article: Article) -> bool:
    """An address on an outlet's opinion pages, or a byline that is a person's name alone (2–5 words, no place,
    agency or outlet) or an editorial label."""
    if article.url and any(p.search(article.url) for p in _column_urls()):
        return True
    line = re.sub(r"(?:&nbsp;|\s)+", " ", article.dateline or "").strip()
    if not line:
        return False
    words, norm = _bylines(), normalize(line)
    if norm in words["editorials"]:
        return True
    if _NOT_A_NAME.search(line):
        return False
    names = [w for w in norm.replace(".", ". ").split() if w not in words["honorifics"]]
    if not 2 <= len(names) <= 5 or any(len(w) < 2 or w in words["report_words"] for w in names):
        return False  # "أ ف ب": letters of an agency
    return not _names_a_place(line)


def _names_a_place(line: str) -> bool:
    from rasd.places.gazetteer import default_gazetteer
    from rasd.places.lexicon import lexicon
    from rasd.places.matcher import find_mentions
    from rasd.text.tokens import tokenize

    # a report's dateline names a country, a province or a city
    return any(c.kind in ("country", "admin") or c.population >= TOWN for m in find_mentions(tokenize(line),
               default_gazetteer(), lexicon()) for c in m.candidates)


@cache
def _raw() -> dict:
    return yaml.safe_load(resources.files("rasd.data").joinpath("sources/bylines.yaml").read_text(encoding="utf-8"))


@cache
def _bylines() -> dict[str, frozenset[str]]:
    return {k: frozenset(normalize(str(w)) for w in _raw().get(k) or []) for k in ("editorials", "honorifics", "report_words")}


@cache
def _column_urls() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _raw().get("column_urls") or [])
