"""The data that flows through rasd: an Article in, a Document enriched stage by stage.

Every span is an offset pair into ``Document.text`` (``title + "\\n\\n" + text``, SCHEMA §2), so
``doc.text[span.start:span.end] == span.text`` always holds.  Stage outputs are small dataclasses
whose ``to_dict`` gives the SCHEMA keys; extra, stage-specific data goes in ``extra``.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, TypeVar

from rasd.errors import RasdError
from rasd.text.normalize import NormText, normalize_with_map

T = TypeVar("T")


@dataclass
class Article:
    """One input article (SCHEMA §1). Only ``text`` is required."""

    text: str
    title: str | None = None
    id: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    origin: str | None = None  # "file:line" it was read from, for messages

    @property
    def document_text(self) -> str:
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def doc_id(self) -> str:
        return self.id or "sha1-" + self.content_hash[:16]

    @property
    def content_hash(self) -> str:
        h = hashlib.sha1()
        for part in (self.title or "", self.text, self.published or "", self.dateline or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x1f")
        return h.hexdigest()

    @property
    def published_date(self) -> date | None:
        """``published`` parsed as a date (ISO date or datetime), or None."""
        return parse_date(self.published)


# a publication date this close to the ends of the calendar leaves no room for "أمس", a weekday or the
# look-back windows around it: the stages would overflow, so such a date counts as none
_CALENDAR_MARGIN = timedelta(days=731)


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    try:
        day = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            return None
    return day if date.min + _CALENDAR_MARGIN <= day <= date.max - _CALENDAR_MARGIN else None


@dataclass
class Span:
    """A typed region of the document (sentence, clause, candidate…)."""

    start: int
    end: int
    text: str
    label: str = ""


@dataclass
class Entity:
    text: str
    start: int
    end: int
    label: str  # PER LOC ORG MISC
    fine: str | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "label": self.label}
        if self.fine:
            d["fine"] = self.fine
        return d


@dataclass
class Place:
    text: str
    start: int
    end: int
    name_en: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    kind: str  # country | admin | populated | site | region
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    confidence: float = 0.5
    geo_precision: int = 1  # ACLED: 1 town, 2 near / part of region, 3 region only
    name_ar: str | None = None
    coord_source: str = "gazetteer"
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("extra")
        d.update(self.extra)
        return d


@dataclass
class Timex:
    text: str
    start: int
    end: int
    type: str  # DATE TIME DURATION SET
    value: str | None
    precision: int | None = None  # ACLED time_precision for a DATE: 1 day, 2 week, 3 month+
    range: tuple[str, str] | None = None  # earliest, latest ISO dates for vague expressions
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "type": self.type, "value": self.value}
        if self.precision is not None:
            d["time_precision"] = self.precision
        if self.range:
            d["range"] = list(self.range)
        d.update(self.extra)
        return d


@dataclass
class ActorMention:
    text: str
    start: int
    end: int
    canonical: str | None
    inter: int | None = None
    country: str | None = None
    actor_id: str | None = None
    confidence: float = 0.5
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "canonical": self.canonical,
             "inter": self.inter}
        if self.country:
            d["country"] = self.country
        d.update(self.extra)
        return d


@dataclass
class Source:
    """Who the article says reports something (``kind`` from SCHEMA §3 ``attribution``)."""

    text: str
    start: int
    end: int
    kind: str
    cue: str | None = None  # the reporting verb / phrase, normalised
    scope_start: int | None = None  # the text this source covers (its sentence, or a follow-on one)
    scope_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind}
        if self.cue:
            d["cue"] = self.cue
        return d


class SpanIndex:
    """The spans of one list by start offset, for binary search instead of a scan per lookup.

    Built once per list (see :meth:`Document.index`), so that a loop over triggers stays linear in the
    article instead of scanning every span for each trigger.  Lookups return items in list order.
    """

    def __init__(self, items: list) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda k: items[k].start)
        self.starts = [items[k].start for k in self.order]
        self.longest = max((s.end - s.start for s in items), default=0)

    def starting_in(self, start: int, end: int) -> list:
        """The items whose ``start`` lies in ``[start, end)``, in list order."""
        found = self.order[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
        return [self.items[k] for k in sorted(found)] if found else []

    def around(self, start: int, end: int) -> list:
        """The items that may contain ``[start, end)``: those starting from ``end`` minus the longest item up to ``start``."""
        return self.starting_in(end - self.longest, start + 1)

    def overlapping(self, start: int, end: int) -> list:
        """The items that may overlap ``[start, end)``: those starting after ``start`` minus the longest item, before ``end``."""
        return self.starting_in(start - self.longest + 1, end)

    def containing(self, offset: int) -> Any:
        """The item that contains ``offset``, or None; for disjoint spans in order (sentences, clauses)."""
        before = self.starting_before(offset + 1, 1)
        return before[0] if before and offset < before[0].end else None

    def starting_before(self, offset: int, n: int) -> list:
        """The last ``n`` items (in start order) that start before ``offset``."""
        stop = bisect_left(self.starts, offset)
        return [self.items[k] for k in self.order[max(0, stop - n) : stop]]

    def starting_from(self, offset: int, n: int) -> list:
        """The first ``n`` items (in start order) that start at or after ``offset``."""
        first = bisect_left(self.starts, offset)
        return [self.items[k] for k in self.order[first : first + n]]


class Memo:
    """Values worked out once per document (or per article context), each kept while the lists it was
    built from are the same objects with the same lengths.

    Owned by the document it describes, so two documents (or two threads) never see each other's
    values, and it goes when the document goes.
    """

    def __init__(self) -> None:
        self._entries: dict[Hashable, tuple[tuple[list, ...], tuple[int, ...], Any]] = {}

    def get(self, key: Hashable, build: Callable[[], T], *lists: list) -> T:
        """``build()``, or its value from an earlier call with the same key and the same ``lists``.

        An entry keeps its lists alive, so a list's identity cannot be reused while the entry exists.
        """
        entry = self._entries.get(key)
        lengths = tuple(len(x) for x in lists)
        if entry is None or entry[1] != lengths or any(a is not b for a, b in zip(entry[0], lists, strict=True)):
            entry = self._entries[key] = (lists, lengths, build())
        return entry[2]

    def index(self, items: list) -> SpanIndex:
        """The :class:`SpanIndex` of ``items``, rebuilt when the list is replaced or changes length."""
        if not items:  # nothing to keep (and ``spans.get(name, [])`` hands a new empty list each time)
            return SpanIndex(items)
        return self.get(("index", id(items)), lambda: SpanIndex(items), items)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass
class Document:
    """The article string plus everything the stages found in it."""

    article: Article
    text: str
    sentences: list[Span] = field(default_factory=list)
    tokens: list = field(default_factory=list)  # list[rasd.text.Token]
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    events: list = field(default_factory=list)  # list[rasd.events.Event]
    spans: dict[str, list[Span]] = field(default_factory=dict)  # named candidate groups
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    # what the stages work out once per document; not part of equality, repr or pickles
    _cache: Memo = field(default_factory=Memo, init=False, repr=False, compare=False)

    @classmethod
    def from_article(cls, article: Article) -> Document:
        if not isinstance(article, Article):
            raise RasdError(f"expected an Article, got {type(article).__name__}")
        return cls(article=article, text=article.document_text)

    @property
    def doc_id(self) -> str:
        return self.article.doc_id

    @property
    def published(self) -> date | None:
        return self.article.published_date

    @property
    def body_start(self) -> int:
        """Offset where the article body starts (after the title and blank line)."""
        return len(self.article.title) + 2 if self.article.title else 0

    @cached_property
    def norm(self) -> NormText:
        """Normalised view of ``text`` with a map back to original offsets."""
        return normalize_with_map(self.text)

    def span(self, start: int, end: int, label: str = "") -> Span:
        return Span(start, end, self.text[start:end], label)

    def sentence_at(self, offset: int) -> Span | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def tokens_in(self, start: int, end: int) -> list:
        """Tokens inside ``[start, end)`` (binary search over token starts)."""
        starts = self._token_starts()
        i = bisect_left(starts, start)
        j = bisect_left(starts, end)
        return [t for t in self.tokens[i:j] if t.end <= end]

    def cached(self, key: Hashable, build: Callable[[], T], *lists: list) -> T:
        """``build()`` once per document, again only when one of ``lists`` is replaced or changes length."""
        return self._cache.get(key, build, *lists)

    def index(self, items: list) -> SpanIndex:
        """Binary-search lookups over ``items``, one of this document's span lists (built once per list)."""
        return self._cache.index(items)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (and copied) without the cache: it is rebuilt on use, and may hold large indexes."""
        state = self.__dict__.copy()
        state.pop("_cache", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cache = Memo()

    def _token_starts(self) -> list[int]:
        if len(self._starts) != len(self.tokens):
            self._starts = [t.start for t in self.tokens]
        return self._starts
