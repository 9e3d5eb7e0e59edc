"""Matching keys for Arabic words: normalised, article-free, nisba-folded, clitic-tolerant.

An alias word and a text word match when the alias key is among the text word's candidate keys:
``"والحوثيين"`` → {…, ``"حوثي"``} and the alias ``"الحوثي"`` → ``"حوثي"``.
"""

from __future__ import annotations

from functools import lru_cache

from rasd.text.normalize import normalize

_CONJ = "وف"
_PREP = "بكل"
# Spelling variants of "militia" seen in news text, folded onto one form.
_MILITIA = (("ميلشي", "ميليشي"), ("مليشي", "ميليشي"), ("ملشي", "ميليشي"))


def strip_article(word: str) -> str:
    """``الجيش`` → ``جيش``; short words such as ``الله`` keep their article."""
    return word[2:] if word.startswith("ال") and len(word) >= 5 else word


def fold(word: str) -> str:
    """Fold nisba inflections onto the masculine singular and militia spellings onto one form."""
    for variant, canon in _MILITIA:
        if word.startswith(variant):
            word = canon + word[len(variant):]
            break
    if len(word) >= 5 and word.endswith(("يين", "يون", "يات")):
        return word[:-2]
    if len(word) >= 4 and word.endswith("يه"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key of one alias word (already written without conjunction/preposition clitics)."""
    return fold(strip_article(normalize(word)))


@lru_cache(maxsize=65536)
def inner_keys(norm: str) -> frozenset[str]:
    """Keys of a word inside a phrase: no conjunction may be stripped ("مسلحين والحوثيين" is two)."""
    return frozenset(fold(strip_article(r)) for d, r in readings(norm) if r and (d == 0 or norm[0] not in _CONJ))


@lru_cache(maxsize=65536)
def candidate_keys(norm: str) -> frozenset[str]:
    """Keys a normalised text word may stand for once its proclitics are removed."""
    return frozenset(fold(r) for r in candidate_forms(norm))


@lru_cache(maxsize=65536)
def readings(norm: str) -> tuple[tuple[int, str], ...]:
    """(letters dropped from the front, reading) for each way of removing proclitics.

    ``لل`` becomes ``ال`` with nothing dropped, so a span never starts inside a word's letters.
    """
    out = [(0, norm)]
    if len(norm) > 3 and norm[0] in _CONJ:
        out.append((1, norm[1:]))
    for drop, r in list(out):
        if r.startswith("لل") and len(r) > 4:
            out.append((drop, "ال" + r[2:]))
        elif len(r) > 3 and r[0] in _PREP:
            out.append((drop + 1, r[1:]))
    return tuple(out)


@lru_cache(maxsize=65536)
def candidate_forms(norm: str) -> frozenset[str]:
    """Like :func:`candidate_keys` but without nisba folding (exact inflection kept)."""
    return frozenset(strip_article(r) for _, r in readings(norm) if r)


def clitic_length(norm: str, key: str) -> int:
    """How many leading letters of ``norm`` are proclitics when it is read as ``key``."""
    drops = [d for d, r in readings(norm) if fold(strip_article(r)) == key]
    return max(drops, default=0)


def phrase_keys(phrase: str) -> tuple[str, ...]:
    """Keys of the words of an alias phrase."""
    return tuple(word_key(w) for w in phrase.split() if normalize(w))


def phrase_forms(phrase: str) -> tuple[str, ...]:
    """Exact (unfolded) forms of the words of a phrase."""
    return tuple(strip_article(normalize(w)) for w in phrase.split() if normalize(w))
