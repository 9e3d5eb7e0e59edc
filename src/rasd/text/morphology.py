"""farahidi's best morphological analysis of a word, cached once per word type for every stage."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=50000)
def best_analysis(word: str) -> Any | None:
    """The top-ranked farahidi analysis of ``word`` (≈20 ms the first time), or None if unknown."""
    import farahidi

    analyses = farahidi.analyze(word)
    return analyses[0] if analyses else None


def is_verb(word: str) -> bool:
    analysis = best_analysis(word)
    return analysis is not None and analysis.pos == "فعل"


def proclitic_forms(word: str) -> tuple[str, ...]:
    """The proclitics of the best analysis (``("وَ", "سَ")`` …); () when none or unknown."""
    analysis = best_analysis(word)
    return tuple(p.form for p in analysis.proclitics) if analysis is not None else ()
