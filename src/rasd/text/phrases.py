"""A phrase set over token readings: find multi-word phrases quickly (indexed by first word)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Phrase = tuple[str, ...]


class PhraseSet:
    """Phrases (tuples of normalised words) looked up by their first word."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        self.by_first: dict[str, list[Phrase]] = {}
        for p in set(phrases):
            if p:
                self.by_first.setdefault(p[0], []).append(p)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def __iter__(self):
        return (p for v in self.by_first.values() for p in v)

    def match_at(self, keys: Sequence[frozenset[str] | set[str]], i: int) -> int:
        """Length of the longest phrase starting at token ``i`` (0 when none)."""
        for k in keys[i]:
            for p in self.by_first.get(k, ()):
                n = len(p)
                if i + n <= len(keys) and all(p[j] in keys[i + j] for j in range(1, n)):
                    return n
        return 0

    def find(self, keys: Sequence[frozenset[str] | set[str]], lo: int = 0, hi: int | None = None) -> int | None:
        """Index of the first token in ``keys[lo:hi]`` that starts a phrase, else None."""
        hi = len(keys) if hi is None else min(hi, len(keys))
        for i in range(max(lo, 0), hi):
            if self.match_at(keys, i):
                return i
        return None
