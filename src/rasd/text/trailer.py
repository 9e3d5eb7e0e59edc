"""Trailing boilerplate (tag lists, repeated headlines, related links) at the end of an article."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def _pattern() -> tuple[re.Pattern, frozenset[str], int]:
    raw = yaml.safe_load(resources.files("rasd.data").joinpath("text/trailers.yaml").read_text(encoding="utf-8"))
    words = sorted(raw["markers"], key=len, reverse=True)
    single = "|".join(re.escape(w) for w in words if " " not in w)
    phrases = "|".join(re.escape(w) for w in words if " " in w)
    # the marker may run into the first listed title: "مقالات أخرى للكاتب(كاش تايم)", even with no space at all
    # ("مقالات أخرى للكاتبالنصح بالإثارة"); a one-word marker must end at a word boundary. An empty list adds no
    # alternative (an empty one would match everywhere).
    parts = [rf"(?:{single})(?=[\s:(«\"“]|$)"] if single else []
    parts += [f"(?:{phrases})"] if phrases else []
    pattern = re.compile(rf"(?:^|(?<=[\s.،,:]))(?:{'|'.join(parts) or '(?!)'})")
    return pattern, frozenset(raw.get("headline_markers", ())), int(raw.get("max_chars", 400))


def trailer_start(text: str) -> int | None:
    """Offset where trailing boilerplate begins, or None.

    "… في المدينة سمات تدمر حمص داعش" → the offset of "سمات".
    """
    pattern, headline_markers, max_chars = _pattern()
    tail_from = max(0, len(text) - max_chars)
    for m in pattern.finditer(text, tail_from):
        rest = text[m.end() :]
        if m.group(0) in headline_markers or not re.search(r"[.!?؟]\s", rest + " "):
            return m.start()
    return None
