"""Tokenisation with a conservative clitic split (و ف ب ل ك ال لل, pronoun suffixes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.text.normalize import normalize

_TOKEN = re.compile(
    r"[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06d5-\u06ff\u0640\u064b-\u065f\u0670\ufb50-\ufdff\ufe70-\ufefc\u200c\u200d]+"
    r"|[A-Za-z\u00c0-\u024f]+(?:['’.-][A-Za-z]+)*"
    r"|\d+(?:[.,:/]\d+)*"
    r"|\S"
)
_CONJ = ("و", "ف")
_PREP = ("ب", "ك", "ل")
_MIN_STEM = 2


@dataclass(frozen=True)
class Token:
    """A token with offsets into the document and its (possible) clitic split.

    ``stem_start``/``stem_end`` bound the token without the proclitics and pronoun suffix that the
    conservative splitter removed; ``prefixes`` lists them in order (e.g. ``("و", "ب", "ال")``).
    """

    text: str
    start: int
    end: int
    norm: str
    prefixes: tuple[str, ...] = ()
    suffix: str = ""
    stem_start: int = 0
    stem_end: int = 0

    stem: str = ""

    def candidates(self) -> tuple[str, ...]:
        """Normalised readings with proclitics removed (see :func:`candidate_stems`)."""
        return candidate_stems(self.norm)

    @property
    def is_arabic(self) -> bool:
        return bool(self.norm) and "\u0621" <= self.norm[0] <= "\u06ff"


@lru_cache(maxsize=200_000)  # pure in the word: news repeats its words
def split_clitics(norm: str) -> tuple[tuple[str, ...], str, str]:
    """Split a normalised word into (proclitics, stem, suffix); conservative: keeps ambiguous forms.

    A proclitic is stripped only where the split is unambiguous: before the article
    (``والمدينه`` → و + ال + مدينه, ``بالمدينه`` → ب + ال, ``للعربيه`` → ل + ال).  ``وزير``,
    ``بغداد`` and ``فلسطين`` stay whole; :meth:`Token.candidates` offers the other readings.
    """
    prefixes: list[str] = []
    rest = norm
    if len(rest) > 4 and rest[0] in _CONJ and (rest[1:3] == "ال" or rest[1:3] == "لل" or (rest[1] in _PREP and rest[2:4] == "ال")):
        prefixes.append(rest[0])
        rest = rest[1:]
    if rest.startswith("لل") and len(rest) > 2 + _MIN_STEM:
        prefixes += ["ل", "ال"]
        rest = rest[2:]
    elif len(rest) > 3 + _MIN_STEM - 1 and rest[0] in _PREP and rest[1:3] == "ال":
        prefixes.append(rest[0])
        rest = rest[1:]
    if rest.startswith("ال") and len(rest) >= 2 + _MIN_STEM:
        prefixes.append("ال")
        rest = rest[2:]
    return tuple(prefixes), rest, ""


@lru_cache(maxsize=200_000)
def candidate_stems(norm: str) -> tuple[str, ...]:
    """Possible readings of a normalised word without proclitics, most literal first.

    ``وبغداد`` → [``وبغداد``, ``بغداد``, ``غداد``]; matchers look each up in their lexicon.
    """
    out = [norm]
    rest = norm
    if len(rest) > 2 and rest[0] in _CONJ:
        rest = rest[1:]
        out.append(rest)
    if rest.startswith("لل") and len(rest) > 3:
        out.append("ال" + rest[2:])
    elif len(rest) > 3 and rest[0] in _PREP:
        out.append(rest[1:])
    return tuple(out)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokenise ``text``; offsets are shifted by ``offset`` (to tokenise a slice of a document)."""
    tokens = []
    for m in _TOKEN.finditer(text):
        surface = m.group(0)
        norm = normalize(surface)
        arabic = bool(norm) and "\u0621" <= norm[0] <= "\u064a"
        prefixes, stem, suffix = split_clitics(norm) if arabic else ((), norm, "")
        stem_start, stem_end = _stem_bounds(surface, len(norm) - len(stem) - len(suffix), len(suffix))
        tokens.append(
            Token(surface, offset + m.start(), offset + m.end(), norm, prefixes, suffix,
                  offset + m.start() + stem_start, offset + m.start() + stem_end, stem)
        )
    return tokens


def _stem_bounds(surface: str, letters: int, suffix_letters: int) -> tuple[int, int]:
    """Original offsets of the stem inside ``surface`` after skipping the removed letters."""
    pos = 0
    while letters and pos < len(surface):
        if normalize(surface[pos]):
            letters -= 1
        pos += 1
    while pos < len(surface) and not normalize(surface[pos]):
        pos += 1
    end = len(surface)
    while suffix_letters and end > pos:
        end -= 1
        if normalize(surface[end]):
            suffix_letters -= 1
    return pos, end
