"""Country context: which countries a document, and each of its sentences, is about.

Evidence: places found by the places stage, country names, nationality adjectives and cities found by
the actor matcher, actors tied to one country, and the dateline.  A sentence's own evidence weighs
more than the rest of the document.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from rasd.actors.dictionary import ActorDictionary
from rasd.actors.lexicon import ACTOR, CITY, COUNTRY, NATIONALITY
from rasd.actors.matcher import Match

LOCAL_WEIGHT = 3.0
_EVIDENCE = {COUNTRY: 1.0, NATIONALITY: 1.0, CITY: 1.0}


@dataclass
class CountryContext:
    sentences: list[tuple[int, int]]
    doc: Counter = field(default_factory=Counter)
    local: list[Counter] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.local = [Counter() for _ in self.sentences]

    def add(self, offset: int, country: str | None, weight: float = 1.0) -> None:
        if not country:
            return
        self.doc[country] += weight
        idx = self._sentence(offset)
        if idx is not None:
            self.local[idx][country] += weight

    def _sentence(self, offset: int) -> int | None:
        if len(self._starts) != len(self.sentences):
            ordered = all(e <= s for (_, e), (s, _) in zip(self.sentences, self.sentences[1:], strict=False))
            self._starts = [s for s, _ in self.sentences] if ordered else [-1] * len(self.sentences)
        if self.sentences and self._starts[0] >= 0:  # disjoint, in text order: binary search
            i = bisect_right(self._starts, offset) - 1
            return i if i >= 0 and offset < self.sentences[i][1] else None
        for i, (s, e) in enumerate(self.sentences):
            if s <= offset < e:
                return i
        return None

    def scores(self, offset: int) -> Counter:
        out = Counter(self.doc)
        idx = self._sentence(offset)
        if idx is not None:
            for c, w in self.local[idx].items():
                out[c] += LOCAL_WEIGHT * w
        return out

    def focus(self, offset: int, allowed: set[str] | None = None) -> str | None:
        """The best-supported country at ``offset`` (among ``allowed`` when given)."""
        ranked = [(w, c) for c, w in self.scores(offset).items() if w > 0 and (allowed is None or c in allowed)]
        return max(ranked)[1] if ranked else None


def build_context(sentences: list[tuple[int, int]], matches: list[Match], places: list,
                  dictionary: ActorDictionary, extra: list[tuple[int, str, float]] = ()) -> CountryContext:
    ctx = CountryContext(sentences)
    for p in places:
        ctx.add(p.start, getattr(p, "country_code", None), 1.0)
    for m in matches:
        for e in m.entries:
            if e.kind in _EVIDENCE:
                ctx.add(m.start, e.target, _EVIDENCE[e.kind])
        countries = {dictionary.actors[t].country for t in m.targets(ACTOR)}
        if len(countries) == 1 and None not in countries:
            ctx.add(m.start, countries.pop(), 0.5)
    for offset, country, weight in extra:
        ctx.add(offset, country, weight)
    return ctx
