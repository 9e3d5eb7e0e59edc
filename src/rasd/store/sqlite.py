"""SQLite store: one writer, WAL, one transaction per batch, idempotent ingest keyed on doc_id."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rasd.errors import RasdError
from rasd.store.base import SPAN_LAYERS, IngestStats, SearchHit, Store, StoreError
from rasd.store.dialect import SQLiteSql
from rasd.store.migrations import migrate
from rasd.store.search import QueryWord, light_stem, query_words, search_terms, word_forms

__all__ = ["SPAN_LAYERS", "IngestStats", "QueryWord", "SQLiteStore", "SearchHit", "StoreError", "light_stem",
           "query_words", "search_terms", "why_not_writable", "word_forms"]


class SQLiteStore(Store):
    """Articles, their annotation spans and event records in one SQLite file.

    ``readonly`` opens an existing database without writing anything next to it, so that a database in
    a read-only folder (or on a read-only disk) can be searched and exported.
    """

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        super().__init__()
        self.path = self.name = str(path)
        self.readonly = readonly
        if readonly:
            if not Path(self.path).is_file():
                raise RasdError(f"{self.path}: no such database")
            self.db = SQLiteSql(self._open_readonly())
        else:
            try:
                self.db = SQLiteSql(sqlite3.connect(self.path, isolation_level=None))
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.applied = migrate(self.db)
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

    def __enter__(self) -> SQLiteStore:
        return self

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:  # read-only file, full disk, locked: not a bug in the batch
            raise StoreError(f"{self.path}: cannot write the database: {why_not_writable(self.path, exc)}") from None

    def _matching(self, words: list[QueryWord], limit: int) -> list[tuple[str, str | None, str, str | None]]:
        """FTS5 over the index terms, best first (bm25)."""
        match = " AND ".join(_fts_term(w) for w in words)
        return self.conn.execute(
            "SELECT a.doc_id, a.title, a.text, a.published FROM articles_fts f JOIN articles a ON a.doc_id = f.doc_id"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        ).fetchall()


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


def _fts_term(w: QueryWord) -> str:
    if w.prefix:
        return f'"{w.word}"*'
    return "(" + " OR ".join(f'"{f}"' for f in w.forms) + ")"
