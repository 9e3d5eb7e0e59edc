"""The text stage: sentences, clauses and tokens of a Document."""

from __future__ import annotations

from rasd.document import Document
from rasd.text.sentences import split_clauses, split_sentences
from rasd.text.tokens import tokenize
from rasd.text.trailer import trailer_start


def analyse_text(doc: Document) -> Document:
    cut = trailer_start(doc.text)
    if cut is not None and cut < doc.body_start:
        cut = None  # a short article: the marker is in the headline
    doc.sentences = [doc.span(s, e, "sentence") for s, e in _split_at(doc.text, split_sentences(doc.text), cut)]
    doc.spans["trailer"] = [doc.span(cut, len(doc.text), "trailer")] if cut is not None else []
    doc.spans["clauses"] = [
        doc.span(cs, ce, "clause") for s in doc.sentences for cs, ce in split_clauses(doc.text, s.start, s.end)
    ]
    doc.tokens = tokenize(doc.text)
    return doc


def _split_at(text: str, spans: list[tuple[int, int]], cut: int | None) -> list[tuple[int, int]]:
    """A sentence that runs into the trailer ends where the trailer begins."""
    if cut is None:
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if s < cut < e:
            head_end = len(text[s:cut].rstrip())
            out.extend([(s, s + head_end), (cut, e)] if head_end else [(cut, e)])
        else:
            out.append((s, e))
    return out
