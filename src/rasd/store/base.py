"""What every store does the same way on SQLite and PostgreSQL: idempotent ingest keyed on doc_id
(upserts, one transaction per batch, the batch's reports clustered into the store's events), counts,
exports, events and search over the normalised text.  A backend opens the connection, says how to
turn its driver's errors into :class:`StoreError` and how to run a full-text query."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rasd.errors import RasdError
from rasd.store.clusters import (
    EventView,
    StoreClusterer,
    find_event,
    has_tables,
    iter_event_records,
    rebuild,
    report_of,
)
from rasd.store.dialect import Sql
from rasd.store.migrations import FTS_INSERT, pending
from rasd.store.search import QueryWord, doc_text, query_words, search_terms, snippet

if TYPE_CHECKING:
    from rasd.events.cluster import Report

SPAN_LAYERS = ("entities", "places", "timexes", "actors", "sources")
_ARTICLE_COLUMNS = ("doc_id", "content_hash", "title", "text", "published", "source", "url", "dateline", "annotation")
_EVENT_COLUMNS = ("event_id", "doc_id", "event_date", "event_type", "sub_event_type", "status", "country", "location",
                  "latitude", "longitude", "record")


def _upsert(table: str, columns: tuple[str, ...], key: str, also: str = "") -> str:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` of every other column (the same SQL in SQLite and PostgreSQL)."""
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    return (f"INSERT INTO {table}({', '.join(columns)}) VALUES ({Sql.marks(len(columns))})"
            f" ON CONFLICT ({key}) DO UPDATE SET {sets}{also}")


ARTICLE_UPSERT = _upsert("articles", _ARTICLE_COLUMNS, "doc_id", ", ingested_at = excluded.ingested_at")
EVENT_UPSERT = _upsert("events", _EVENT_COLUMNS, "event_id")
SPAN_INSERT = 'INSERT INTO spans(doc_id, layer, start, "end", text, label, data) VALUES (?,?,?,?,?,?,?)'


@dataclass
class IngestStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    interrupted: bool = False  # stopped by SIGINT after committing the batch in hand

    def merge(self, other: IngestStats) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.events += other.events
        self.interrupted = self.interrupted or other.interrupted


@dataclass
class SearchHit:
    doc_id: str
    title: str | None
    snippet: str
    published: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    matched: str | None = None  # the word of the article the snippet highlights, as written


class StoreError(RasdError):
    """The database cannot be opened, read or written; the message names the database and the reason."""


class Store:
    """Articles, their annotation spans, their event records (reports) and the real events."""

    db: Sql
    readonly: bool = False

    def __init__(self) -> None:
        self._reports: dict[str, Report] = {}  # the clusterer's parsed reports, kept between batches
        self.applied: list[str] = []  # the migrations this opening applied

    @property
    def conn(self) -> Any:
        """The driver's connection (``sqlite3`` or psycopg)."""
        return self.db.conn

    def pending_migrations(self) -> list[str]:
        return pending(self.db)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _errors(self) -> AbstractContextManager[Any]:
        """Turns the driver's errors that are no bug of the batch (read-only file, lost server) into StoreError."""
        return nullcontext()

    # -- writing -------------------------------------------------------------------------------

    def known_hash(self, doc_id: str) -> str | None:
        return self.db.one("SELECT content_hash FROM articles WHERE doc_id = ?", doc_id)

    def write_batch(self, annotations: Iterable[dict[str, Any]]) -> IngestStats:
        """Upsert a batch of ``rasd annotate`` objects (with ``article`` metadata) in one transaction."""
        stats = IngestStats()
        with self._errors():
            try:
                with self.db.transaction():
                    clusterer = StoreClusterer(self.db, cache=self._reports)
                    reports: dict[str, list[Report]] = {}  # by article: a later copy in the batch replaces it
                    for ann in annotations:
                        if (written := self._write_one(ann, stats, clusterer)) is not None:
                            reports[ann["doc_id"]] = written
                    clusterer.add_many([r for rs in reports.values() for r in rs])  # in publication order
                    clusterer.refresh()
            except BaseException:
                self._reports.clear()  # it may hold reports of the batch undone
                raise
        return stats

    def _write_one(self, ann: dict[str, Any], stats: IngestStats, clusterer: StoreClusterer) -> list[Report] | None:
        """Store one article; returns its reports, to be clustered (None: the article is stored unchanged)."""
        art, doc_id, db = ann["article"], ann["doc_id"], self.db
        old = self.known_hash(doc_id)
        if old == art["content_hash"]:
            stats.unchanged += 1
            return None
        if old is not None:  # the article changed: its spans, reports and index terms are replaced
            clusterer.remove([r for (r,) in db.execute("SELECT event_id FROM events WHERE doc_id = ?", (doc_id,))])
            for table in ("spans", "events", "articles_fts"):
                db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
            stats.updated += 1
        else:
            stats.added += 1
        annotation = {k: v for k, v in ann.items() if k != "article"}
        db.execute(ARTICLE_UPSERT, (doc_id, art["content_hash"], art.get("title"), art["text"], art.get("published"),
                                    art.get("source"), art.get("url"), art.get("dateline"),
                                    json.dumps(annotation, ensure_ascii=False)))
        db.execute(FTS_INSERT[db.name], (doc_id, search_terms(doc_text(art.get("title"), art["text"]))))
        db.executemany(SPAN_INSERT, [(doc_id, layer, s["start"], s["end"], s["text"], _label(layer, s),
                                      json.dumps(s, ensure_ascii=False))
                                     for layer in SPAN_LAYERS for s in ann.get(layer, [])])
        events = ann.get("events", [])
        for ev in events:
            db.execute(EVENT_UPSERT, (ev["event_id"], doc_id, *(ev.get(c) for c in _EVENT_COLUMNS[2:-1]),
                                      json.dumps(ev, ensure_ascii=False)))
        stats.events += len(events)
        return [report_of(ev, art.get("published"), art.get("source")) for ev in events]

    # -- reading -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows of each table: ``events`` counts the article-level records (reports), ``real_events`` the
        events after clustering (absent from a database of an older rasd opened read-only)."""
        tables = ["articles", "spans", "events"] + (["real_events"] if has_tables(self.db) else [])
        return {t: self.db.one(f"SELECT count(*) FROM {t}") for t in tables}

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """The stored article-level event records (reports), each with ``timestamp``: when its article was
        stored (Unix seconds, as ACLED).  :meth:`iter_real_events` gives one record per real event."""
        for record, stamp in self.db.execute(
                f"SELECT e.record, {self.db.epoch('a.ingested_at')} FROM events e"
                " JOIN articles a ON a.doc_id = e.doc_id ORDER BY e.event_date NULLS FIRST, e.event_id"):
            yield {**json.loads(record), "timestamp": stamp}

    def iter_real_events(self) -> Iterator[dict[str, Any]]:
        """One fused record per real event (SCHEMA §3 plus ``n_reports``, ``reports``, ``doc_ids``, ``aliases``,
        ``claims``), by date, each with ``timestamp``: when its newest article was stored."""
        return iter_event_records(self.db)

    def event(self, ident: str) -> EventView | None:
        """A real event by its id, an alias of it or the id of one of its reports."""
        return find_event(self.db, ident)

    def recluster(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Cluster every stored report again from nothing (one transaction); returns the number of events."""
        with self._errors(), self.db.transaction():
            return rebuild(self.db, progress)

    def iter_annotations(self) -> Iterator[dict[str, Any]]:
        for (annotation,) in self.db.execute("SELECT annotation FROM articles ORDER BY doc_id"):
            yield json.loads(annotation)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over normalised Arabic: every word of the query, in any of its forms
        (``قتل`` finds قُتِلَ, وقتل, القتل, قتلهم, قتلوا, قتلى).  ``word*`` is a prefix search."""
        words = query_words(query)
        if not words:
            return []
        hits = []
        for doc_id, title, text, published in self._matching(words, limit):
            events = [json.loads(r[0]) for r in self.db.execute("SELECT record FROM events WHERE doc_id = ?", (doc_id,))]
            shown, matched = snippet(doc_text(title, text), words)
            hits.append(SearchHit(doc_id, title, shown, published, events, matched))
        return hits

    def _matching(self, words: list[QueryWord], limit: int) -> list[tuple[str, str | None, str, str | None]]:
        """(doc id, title, text, published) of the best ``limit`` articles holding every word."""
        raise NotImplementedError


def _label(layer: str, span: dict[str, Any]) -> str | None:
    return span.get({"entities": "label", "places": "name_en", "timexes": "value", "actors": "canonical",
                     "sources": "kind"}[layer])
