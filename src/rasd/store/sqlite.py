"""SQLite store: one writer, WAL, one transaction per batch, idempotent ingest keyed on doc_id."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
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
from rasd.store.migrations import migrate, pending
from rasd.text.normalize import normalize, normalize_with_map
from rasd.text.tokens import candidate_stems

if TYPE_CHECKING:
    from rasd.events.cluster import Report

SPAN_LAYERS = ("entities", "places", "timexes", "actors", "sources")


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


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("arabic")


def light_stem(word: str) -> str:
    """A normalised word without article, clitics and common suffixes (Snowball's Arabic light stemmer):
    القتل, قتلهم, قتلوا, قتلى → قتل."""
    return _stemmer().stemWord(word) or word


def word_forms(word: str) -> list[str]:
    """The index forms of a normalised word: itself, without its clitics, and its light stem."""
    return list(dict.fromkeys([*candidate_stems(word), light_stem(word)]))


def search_terms(text: str) -> str:
    """Normalised terms for the FTS index, each with its clitic-free forms and light stem
    (``وقتلوا`` is indexed as ``وقتلوا قتلوا قتل``)."""
    out: list[str] = []
    for word in normalize(text).split():
        word = "".join(c for c in word if c.isalnum())
        if word:
            out.extend(word_forms(word))
    return " ".join(out)


class StoreError(RasdError):
    """The database cannot be opened, read or written; the message names the file and the reason."""


class SQLiteStore:
    """Articles, their annotation spans and event records in one SQLite file.

    ``readonly`` opens an existing database without writing anything next to it, so that a database in
    a read-only folder (or on a read-only disk) can be searched and exported.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._reports: dict[str, Report] = {}  # the clusterer's parsed reports, kept between batches
        self.applied: list[str] = []
        if readonly:
            if not Path(self.path).is_file():
                raise RasdError(f"{self.path}: no such database")
            self.conn = self._open_readonly()
        else:
            try:
                self.conn = sqlite3.connect(self.path, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.applied = migrate(self.conn)  # the migrations this opening applied
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot write the database: {why_not_writable(self.path, exc)}") from None
        self.conn.execute("PRAGMA foreign_keys=ON")

    def _open_readonly(self) -> sqlite3.Connection:
        """``mode=ro``; where even that needs to write (WAL's shared-memory file in a read-only folder),
        ``immutable=1``.  The path goes in a file: URI, percent-escaped (``a#b.db`` is one file name)."""
        uri = Path(self.path).absolute().as_uri()
        reason: sqlite3.Error | None = None
        for flags in ("mode=ro", "immutable=1"):
            try:
                conn = sqlite3.connect(f"{uri}?{flags}", uri=True, isolation_level=None)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.Error as exc:
                reason = exc
        raise StoreError(f"{self.path}: cannot read the database: {reason}")

    def pending_migrations(self) -> list[str]:
        return pending(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def known_hash(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def write_batch(self, annotations: Iterable[dict[str, Any]]) -> IngestStats:
        """Upsert a batch of ``rasd annotate`` objects (with ``article`` metadata) in one transaction."""
        stats = IngestStats()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                clusterer = StoreClusterer(self.conn, cache=self._reports)
                reports: dict[str, list[Report]] = {}  # by article: a later copy in the batch replaces it
                for ann in annotations:
                    if (written := self._write_one(ann, stats, clusterer)) is not None:
                        reports[ann["doc_id"]] = written
                clusterer.add_many([r for rs in reports.values() for r in rs])  # in publication order
                clusterer.refresh()
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._reports.clear()  # it may hold reports of the batch undone
                raise
        except sqlite3.OperationalError as exc:  # read-only file, full disk, locked: not a bug in the batch
            raise StoreError(f"{self.path}: cannot write the database: {why_not_writable(self.path, exc)}") from None
        return stats

    def _write_one(self, ann: dict[str, Any], stats: IngestStats, clusterer: StoreClusterer) -> list[Report] | None:
        """Store one article; returns its reports, to be clustered (None: the article is stored unchanged)."""
        art = ann["article"]
        doc_id = ann["doc_id"]
        old = self.known_hash(doc_id)
        if old == art["content_hash"]:
            stats.unchanged += 1
            return None
        if old is not None:
            clusterer.remove([r for (r,) in self.conn.execute("SELECT event_id FROM events WHERE doc_id = ?", (doc_id,))])
            self.conn.execute("DELETE FROM articles WHERE doc_id = ?", (doc_id,))
            self.conn.execute("DELETE FROM articles_fts WHERE doc_id = ?", (doc_id,))
            stats.updated += 1
        else:
            stats.added += 1
        annotation = {k: v for k, v in ann.items() if k != "article"}
        self.conn.execute(
            "INSERT INTO articles(doc_id, content_hash, title, text, published, source, url, dateline, annotation)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (doc_id, art["content_hash"], art.get("title"), art["text"], art.get("published"), art.get("source"),
             art.get("url"), art.get("dateline"), json.dumps(annotation, ensure_ascii=False)),
        )
        doc_text = f"{art['title']}\n\n{art['text']}" if art.get("title") else art["text"]
        self.conn.execute("INSERT INTO articles_fts(doc_id, terms) VALUES (?, ?)", (doc_id, search_terms(doc_text)))
        self.conn.executemany(
            "INSERT INTO spans(doc_id, layer, start, end, text, label, data) VALUES (?,?,?,?,?,?,?)",
            [(doc_id, layer, s["start"], s["end"], s["text"], _label(layer, s), json.dumps(s, ensure_ascii=False))
             for layer in SPAN_LAYERS for s in ann.get(layer, [])],
        )
        for ev in ann.get("events", []):
            self.conn.execute(
                "INSERT OR REPLACE INTO events(event_id, doc_id, event_date, event_type, sub_event_type, status,"
                " country, location, latitude, longitude, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (ev["event_id"], doc_id, ev.get("event_date"), ev.get("event_type"), ev.get("sub_event_type"),
                 ev.get("status"), ev.get("country"), ev.get("location"), ev.get("latitude"), ev.get("longitude"),
                 json.dumps(ev, ensure_ascii=False)),
            )
            stats.events += 1
        return [report_of(ev, art.get("published"), art.get("source")) for ev in ann.get("events", [])]

    # -- reading -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows of each table: ``events`` counts the article-level records (reports), ``real_events`` the
        events after clustering (absent from a database of an older rasd opened read-only)."""
        tables = ["articles", "spans", "events"] + (["real_events"] if has_tables(self.conn) else [])
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """The stored article-level event records (reports), each with ``timestamp``: when its article was
        stored (Unix seconds, as ACLED).  :meth:`iter_real_events` gives one record per real event."""
        for record, stamp in self.conn.execute(
                "SELECT e.record, CAST(strftime('%s', a.ingested_at) AS INTEGER) FROM events e"
                " JOIN articles a ON a.doc_id = e.doc_id ORDER BY e.event_date, e.event_id"):
            yield {**json.loads(record), "timestamp": stamp}

    def iter_real_events(self) -> Iterator[dict[str, Any]]:
        """One fused record per real event (SCHEMA §3 plus ``n_reports``, ``reports``, ``doc_ids``, ``aliases``,
        ``claims``), by date, each with ``timestamp``: when its newest article was stored."""
        return iter_event_records(self.conn)

    def event(self, ident: str) -> EventView | None:
        """A real event by its id, an alias of it or the id of one of its reports."""
        return find_event(self.conn, ident)

    def recluster(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Cluster every stored report again from nothing (one transaction); returns the number of events."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            n = rebuild(self.conn, progress)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return n

    def iter_annotations(self) -> Iterator[dict[str, Any]]:
        for (annotation,) in self.conn.execute("SELECT annotation FROM articles ORDER BY doc_id"):
            yield json.loads(annotation)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over normalised Arabic: every word of the query, in any of its forms
        (``قتل`` finds قُتِلَ, وقتل, القتل, قتلهم, قتلوا, قتلى).  ``word*`` is a prefix search."""
        words = query_words(query)
        if not words:
            return []
        match = " AND ".join(_fts_term(w) for w in words)
        rows = self.conn.execute(
            "SELECT a.doc_id, a.title, a.text, a.published FROM articles_fts f JOIN articles a ON a.doc_id = f.doc_id"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()
        hits = []
        for doc_id, title, text, published in rows:
            doc_text = f"{title}\n\n{text}" if title else text
            events = [json.loads(r[0]) for r in self.conn.execute("SELECT record FROM events WHERE doc_id = ?", (doc_id,))]
            snippet, matched = _snippet(doc_text, words)
            hits.append(SearchHit(doc_id, title, snippet, published, events, matched))
        return hits


def why_not_writable(path: str, exc: BaseException) -> str:
    """The likely reason SQLite could not create or write ``path`` (its own message says only "unable to open")."""
    file, folder = Path(path), Path(path).parent
    if not folder.exists():
        return f"no such folder {folder}"
    if not folder.is_dir():
        return f"{folder} is not a folder"
    if file.exists() and not os.access(file, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is not writable"
    return str(exc)


def _label(layer: str, span: dict[str, Any]) -> str | None:
    return span.get({"entities": "label", "places": "name_en", "timexes": "value", "actors": "canonical",
                     "sources": "kind"}[layer])


@dataclass(frozen=True)
class QueryWord:
    word: str  # normalised, letters and digits only
    prefix: bool  # written with a final * (matches any word that starts so)

    @property
    def forms(self) -> list[str]:
        return [self.word] if self.prefix else list(dict.fromkeys([self.word, light_stem(self.word)]))

    def matches(self, word: str) -> bool:
        if self.prefix:
            return any(f.startswith(self.word) for f in word_forms(word))
        return bool(set(self.forms) & set(word_forms(word)))


def query_words(query: str) -> list[QueryWord]:
    """The words of a search query, normalised (an empty list when nothing searchable is left)."""
    out = []
    for term in normalize(query).split():
        word = "".join(c for c in term if c.isalnum())
        if word:
            out.append(QueryWord(word, term.endswith("*")))
    return out


def _fts_term(w: QueryWord) -> str:
    if w.prefix:
        return f'"{w.word}"*'
    return "(" + " OR ".join(f'"{f}"' for f in w.forms) + ")"


_WORD = re.compile(r"\w+")


def _snippet(doc_text: str, words: list[QueryWord], width: int = 60) -> tuple[str, str | None]:
    """A window of the original text around the first word that matches the query, in [brackets],
    and that word as written."""
    view = normalize_with_map(doc_text)
    for m in _WORD.finditer(view.text):
        if any(w.matches(m.group()) for w in words):
            start, end = view.to_original(m.start(), m.end())
            lo, hi = max(0, start - width), min(len(doc_text), end + width)
            snippet = (("…" if lo else "") + doc_text[lo:start] + "[" + doc_text[start:end] + "]" + doc_text[end:hi]
                       + ("…" if hi < len(doc_text) else ""))
            return snippet, doc_text[start:end]
    return doc_text[: 2 * width], None
