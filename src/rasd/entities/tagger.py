"""The entities stage: tag each sentence's tokens and write ``doc.entities`` with clitic-free spans."""

from __future__ import annotations

from rasd.document import Document, Entity
from rasd.entities.features import entity_key
from rasd.entities.model import NerModel, Tagged, load_model
from rasd.text.normalize import normalize

_CONJ = ("و", "ف")
_PREP = ("ب", "ك", "ل")
_MAX_SENT = 200  # tokens per CRF call when a document has no sentence split


def tag_entities(doc: Document, model: NerModel | None = None) -> Document:
    """Fill ``doc.entities`` (PER/LOC/ORG/MISC, fine class when known) from ``doc.tokens``."""
    if not doc.tokens:
        from rasd.text.stage import analyse_text

        analyse_text(doc)
    model = model or load_model()
    chunks = _chunks(doc)
    found = model.document_entities([[t.text for t in chunk] for chunk in chunks])
    doc.entities = [_entity(doc, chunk, f, model) for chunk, fs in zip(chunks, found, strict=True) for f in fs]
    return doc


def _chunks(doc: Document) -> list[list]:
    """Token lists per sentence (or fixed-size pieces when there are no sentences)."""
    if doc.sentences:
        out, i = [], 0
        for s in doc.sentences:
            chunk = []
            while i < len(doc.tokens) and doc.tokens[i].start < s.end:
                if doc.tokens[i].start >= s.start:
                    chunk.append(doc.tokens[i])
                i += 1
            out.append(chunk)
        if i < len(doc.tokens):
            out.append(doc.tokens[i:])
        return [c[j:j + _MAX_SENT] for c in out for j in range(0, len(c), _MAX_SENT)]
    return [doc.tokens[j:j + _MAX_SENT] for j in range(0, len(doc.tokens), _MAX_SENT)]


def _entity(doc: Document, tokens: list, found: Tagged, model: NerModel) -> Entity:
    """The entity over ``tokens[found.start:found.end]``, without a leading و/ف/ب/ك/ل clitic."""
    first, last = tokens[found.start], tokens[found.end - 1]
    start = first.start + clitic_length(first.text, model.ranks)
    if start >= last.end:
        start = first.start
    fine = model.fine.get(entity_key([t.text for t in tokens[found.start:found.end]]))
    return Entity(doc.text[start:last.end], start, last.end, found.label, fine, found.score)


def clitic_length(surface: str, ranks: dict[str, int]) -> int:
    """Characters of ``surface`` taken by leading و/ف/ب/ك/ل clitics (not the article).

    Among the readings with and without clitics the one most frequent in news text wins
    (``وبغداد`` → ``بغداد``, but ``وليد`` and ``لبنان`` stay whole); ``للـ`` drops both lams.
    """
    norm = normalize(surface)
    options: list[tuple[int, str]] = [(0, norm)]
    rest, k = norm, 0
    if len(rest) > 3 and rest[0] in _CONJ:
        rest, k = rest[1:], 1
        options.append((k, rest))
    if rest.startswith("لل") and len(rest) > 4:
        options.append((k + 2, "ال" + rest[2:]))
    elif len(rest) > 3 and rest[0] in _PREP:
        options.append((k + 1, rest[1:]))
    letters, _ = min(options, key=lambda o: (ranks.get(o[1], float("inf")), o[0]))
    return _offset_after(surface, letters)


def _offset_after(surface: str, letters: int) -> int:
    """Index in ``surface`` just after its first ``letters`` normalised letters (and their marks)."""
    pos = 0
    while letters and pos < len(surface):
        if normalize(surface[pos]):
            letters -= 1
        pos += 1
    while letters == 0 and 0 < pos < len(surface) and not normalize(surface[pos]):
        pos += 1
    return pos
