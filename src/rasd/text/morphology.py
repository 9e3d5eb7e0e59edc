"""farahidi's best morphological analysis of a word, cached once per word type for every stage.

A new word costs farahidi about 10 ms; the words the pipeline asks about most often are looked up in
``rasd/data/text/morphology.tsv.gz`` (the same analyses, precomputed by ``python -m rasd.text.build``).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

TABLE = "morphology.tsv.gz"


@dataclass(frozen=True)
class Analysis:
    """What rasd reads of an analysis: part of speech (فعل …), tense, pattern and proclitic forms."""

    pos: str | None
    tense: str | None
    pattern: str | None
    proclitics: tuple[str, ...]

    def row(self, word: str) -> str:
        return "\t".join([word, self.pos or "", self.tense or "", self.pattern or "", "|".join(self.proclitics)])


def farahidi_analysis(word: str) -> Analysis | None:
    """farahidi's top-ranked analysis of ``word``, or None if it knows no reading."""
    import farahidi

    analyses = farahidi.analyze(word)
    if not analyses:
        return None
    a = analyses[0]
    return Analysis(a.pos, a.tense, a.pattern, tuple(p.form for p in a.proclitics))


@cache
def _table() -> dict[str, Analysis | None]:
    path = resources.files("rasd.data").joinpath("text", TABLE)
    if not path.is_file():
        return {}
    out: dict[str, Analysis | None] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        word, *rest = line.split("\t")
        out[word] = None if rest == ["-"] else Analysis(*(x or None for x in rest[:3]), tuple(filter(None, rest[3].split("|"))))
    return out


@lru_cache(maxsize=50000)
def best_analysis(word: str) -> Analysis | None:
    """The top-ranked analysis of ``word`` (table, else farahidi), or None if unknown."""
    table = _table()
    return table[word] if word in table else analyse(word)


analyse = farahidi_analysis  # a module name, so that the table's builder can count the words asked about


def is_verb(word: str) -> bool:
    analysis = best_analysis(word)
    return analysis is not None and analysis.pos == "فعل"


def proclitic_forms(word: str) -> tuple[str, ...]:
    """The proclitics of the best analysis (``("وَ", "سَ")`` …); () when none or unknown."""
    analysis = best_analysis(word)
    return analysis.proclitics if analysis is not None else ()
