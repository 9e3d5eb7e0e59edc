"""Arabic temporal expressions: tagging and TIMEX3 normalisation against the publication date.

``tag_timexes(doc)`` is the pipeline stage; ``resolve(text, anchor)`` does the same on a string.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.document import Document, Timex


def resolve(text: str, anchor: date | None = None) -> list[Timex]:
    """The time expressions of ``text`` with values resolved against ``anchor`` (None: relative ones stay null)."""
    from rasd.time.tagger import find_timexes

    return find_timexes(text, anchor)


def tag_timexes(doc: Document) -> Document:
    """Pipeline stage: fill ``doc.timexes`` from ``doc.text``, resolved against ``doc.published``."""
    from rasd.time.tagger import find_timexes

    doc.timexes = find_timexes(doc.text, doc.published, doc.norm)
    return doc


__all__ = ["resolve", "tag_timexes"]
