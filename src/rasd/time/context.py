"""What a rule may look at around its match: neighbouring words, the clause's tense, a year in scope."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasd.time.lexicon import Lexicon

_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[.!?؟\n،;؛:]")
_EXPLICIT_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_YEAR_REACH = 400  # characters back within which an explicit year sets the year of a bare date


@dataclass
class Candidate:
    """A timex found in the normalised text (offsets into it), before mapping back."""

    start: int
    end: int
    type: str
    value: str | None
    precision: int | None = None
    range: tuple[date, date] | None = None
    rule: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Context:
    text: str  # normalised document text
    anchor: date | None
    lex: Lexicon
    _years: list[tuple[int, int]] = field(default_factory=list)  # (offset, year) of explicit years

    def __post_init__(self) -> None:
        self._years = [(m.start(), int(m.group(1))) for m in _EXPLICIT_YEAR.finditer(self.text)]

    def prev_words(self, pos: int, n: int = 1) -> str:
        words = _WORD.findall(self.text[max(0, pos - 60):pos])
        return " ".join(words[-n:])

    def prev_in(self, pos: int, words: frozenset[str] | set[str]) -> bool:
        """Whether the word before ``pos`` (with or without a leading و/ف) is one of ``words``."""
        w = self.prev_words(pos)
        return w in words or (len(w) > 2 and w[0] in "وف" and w[1:] in words)

    def next_words(self, pos: int, n: int = 1) -> str:
        return " ".join(_WORD.findall(self.text[pos:pos + 60])[:n])

    def char_before(self, pos: int) -> str:
        """The last non-space character before ``pos`` ('' at the start)."""
        s = self.text[:pos].rstrip()
        return s[-1] if s else ""

    def clause(self, start: int, end: int) -> str:
        left = max((m.end() for m in _CLAUSE_END.finditer(self.text, max(0, start - 200), start)), default=max(0, start - 200))
        m = _CLAUSE_END.search(self.text, end, end + 200)
        return self.text[left:m.start() if m else min(len(self.text), end + 200)]

    def future(self, start: int, end: int) -> bool:
        """Whether the clause around ``[start, end)`` speaks of the future."""
        clause = f" {self.clause(start, end)} "
        return any(f" {cue} " in clause or f" و{cue} " in clause for cue in self.lex.future_cues)

    def year_in_scope(self, pos: int) -> int | None:
        """The latest explicit year written shortly before ``pos`` in the same paragraph."""
        i = bisect_left(self._years, (pos, 0)) - 1
        if i < 0:
            return None
        off, y = self._years[i]
        if pos - off > _YEAR_REACH or re.search(r"\n|[.!?؟]\s", self.text[off:pos]):
            return None
        return y
