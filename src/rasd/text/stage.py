"""The text stage: sentences, clauses and tokens of a Document."""

from __future__ import annotations

from rasd.document import Document
from rasd.text.sentences import split_clauses, split_sentences
from rasd.text.tokens import tokenize


def analyse_text(doc: Document) -> Document:
    doc.sentences = [doc.span(s, e, "sentence") for s, e in split_sentences(doc.text)]
    doc.spans["clauses"] = [
        doc.span(cs, ce, "clause") for s in doc.sentences for cs, ce in split_clauses(doc.text, s.start, s.end)
    ]
    doc.tokens = tokenize(doc.text)
    return doc
