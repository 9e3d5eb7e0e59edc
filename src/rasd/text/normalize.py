"""Arabic normalisation for matching: pure ``str -> str`` functions plus an offset-keeping view.

Each function is small and tested alone; :func:`normalize_with_map` composes them character by
character and keeps, for every output character, the index of the input character it came from,
so that matches found in the normalised text map back to the original string exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u0670\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc\u06df\u06e0\u06e1\u06e2\u06e3\u06e4\u06e7\u06e8\u06ea\u06eb\u06ec\u06ed\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"
TATWEEL = "\u0640"
# Invisible marks that appear in scraped text (LRM/RLM, ZWJ/ZWNJ, BOM).
INVISIBLE = "\u200e\u200f\u200c\u200d\ufeff\u061c"
_DROP = frozenset(DIACRITICS + TATWEEL + INVISIBLE)

_CHAR_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "گ": "ك",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}

_DIAC_RE = re.compile(f"[{DIACRITICS}]")


def dediac(text: str) -> str:
    """Remove Arabic diacritics (harakat, tanween, shadda, sukun, dagger alef)."""
    return _DIAC_RE.sub("", text)


def remove_tatweel(text: str) -> str:
    return text.replace(TATWEEL, "")


def normalize_alef(text: str) -> str:
    """أ إ آ ٱ → ا"""
    return re.sub("[أإآٱٲٳ]", "ا", text)


def normalize_alef_maqsura(text: str) -> str:
    return text.replace("ى", "ي")


def normalize_taa_marbuta(text: str) -> str:
    return text.replace("ة", "ه")


def normalize_hamza(text: str) -> str:
    """Hamza on a carrier → the bare carrier (ؤ → و, ئ → ي)."""
    return text.replace("ؤ", "و").replace("ئ", "ي")


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits → ASCII digits."""
    return "".join(_DIGITS.get(c, c) for c in text)


def normalize_presentation_forms(text: str) -> str:
    """Arabic presentation forms (U+FB50–U+FEFF) → base letters via NFKC."""
    return "".join(_presentation(c) for c in text)


def _presentation(c: str) -> str:
    if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefc":
        return unicodedata.normalize("NFKC", c)
    return c


@lru_cache(maxsize=4096)
def _norm_char(c: str) -> str:
    """The normalised form of one character ('' when it is dropped)."""
    out = []
    for ch in _presentation(c):
        if ch in _DROP:
            continue
        ch = _DIGITS.get(ch, ch)
        out.append(_CHAR_MAP.get(ch, ch))
    return "".join(out)


def _translation() -> dict[int, str | None]:
    """``_norm_char`` as a str.translate table: every character it changes, the rest left alone."""
    changed = [*_DROP, *_DIGITS, *_CHAR_MAP, *map(chr, range(0xFB50, 0xFE00)), *map(chr, range(0xFE70, 0xFEFD))]
    return {ord(c): (_norm_char(c) or None) for c in changed if _norm_char(c) != c}


_TRANSLATION = _translation()


def normalize(text: str) -> str:
    """Full matching normalisation of a string (no offset map); ``_norm_char`` of each character."""
    return text.translate(_TRANSLATION)


@dataclass(frozen=True)
class NormText:
    """A normalised view of ``original`` with a map back to original offsets.

    ``index[i]`` is the original offset of normalised character ``i``; ``index`` has one extra
    final entry equal to ``len(original)``.
    """

    original: str
    text: str
    index: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the original string, keeping trailing marks."""
        if end <= start:
            pos = self.index[start]
            return pos, pos
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1
        # include diacritics / tatweel that follow the last character in the original
        while o_end < len(self.original) and self.original[o_end] in _DROP and (
            end >= len(self.text) or o_end < self.index[end]
        ):
            o_end += 1
        return o_start, o_end


def normalize_with_map(text: str) -> NormText:
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        n = _norm_char(c)
        for ch in n:
            chars.append(ch)
            index.append(i)
    index.append(len(text))
    return NormText(text, "".join(chars), tuple(index))
