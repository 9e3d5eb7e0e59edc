"""Document memory for the second CRF pass: what the first pass called a word elsewhere in the text.

A name often appears once with a telling context ("الرئيس جورج بوش") and again bare ("وقال بوش");
the second pass sees the first pass's type for the same clitic-free word in the other sentences
of the document (extended prediction history, Ratinov & Roth 2009).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rasd.entities.corpus import entity_spans
from rasd.entities.features import stripped
from rasd.text.normalize import normalize

BLOCK = 20  # sentences per pseudo-document where a corpus has no document breaks


def sentence_votes(tokens: list[str], tags: list[str]) -> Counter:
    """``(word, type)`` counts of the entity words of one tagged sentence."""
    votes: Counter = Counter()
    for start, end, kind in entity_spans(tags):
        for token in tokens[start:end]:
            word = stripped(normalize(token))
            if len(word) > 1:
                votes[(word, kind)] += 1
    return votes


def memories(sentences: list[list[str]], first_pass: list[list[str]]) -> list[dict[str, str]]:
    """For each sentence, word → majority type over the *other* sentences of the document."""
    per_sentence = [sentence_votes(toks, tags) for toks, tags in zip(sentences, first_pass, strict=True)]
    total: Counter = sum(per_sentence, Counter())
    out = []
    for own in per_sentence:
        best: dict[str, tuple[int, str]] = defaultdict(lambda: (0, ""))
        for (word, kind), n in (total - own).items():
            if n > best[word][0]:
                best[word] = (n, kind)
        out.append({w: kind for w, (_, kind) in best.items()})
    return out


def blocks(n: int, size: int = BLOCK) -> list[range]:
    return [range(i, min(i + size, n)) for i in range(0, n, size)]
