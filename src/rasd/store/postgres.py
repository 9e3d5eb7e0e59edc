"""PostgreSQL + PostGIS store: the same tables, migrations, ingest, clustering and search as the SQLite
store (:class:`rasd.store.base.Store`), shared by several readers and writers.

* Places are ``geometry(Point, 4326)`` columns (``events.geom``, ``real_events.geom``) kept by
  PostgreSQL from latitude and longitude, with GiST indexes.
* Search: ``articles_fts.terms`` is a ``tsvector`` of the 'simple' configuration over the terms SQLite's
  FTS5 indexes (normalised words, clitic-free forms, light stems) with a GIN index; a query is
  normalised the same way, so ``قتل`` finds قُتِلَ in both.
* Writers serialise on one advisory lock per transaction (the clusterer reads, then writes, the events
  near each report), as SQLite's ``BEGIN IMMEDIATE`` does; readers never wait.

The database needs the PostGIS extension (``CREATE EXTENSION postgis`` by a superuser, once).  A URL's
``options=-csearch_path%3Dmy_schema,public`` keeps a store in its own schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rasd.store.base import Store, StoreError
from rasd.store.dialect import PostgresSql
from rasd.store.migrations import migrate
from rasd.store.search import QueryWord

SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str) -> bool:
    return str(db).startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password (for messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


class PostgresStore(Store):
    """The store in a PostgreSQL database given by a ``postgresql://`` URL (libpq's URL and parameters).

    ``readonly`` opens a session whose transactions are read-only and applies no migration."""

    def __init__(self, url: str, readonly: bool = False, connect_timeout: int = 10) -> None:
        super().__init__()
        self.url, self.name, self.readonly = url, redact(url), readonly
        try:
            import psycopg
        except ImportError:
            raise StoreError(f"{self.name}: PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: cannot connect: {_reason(exc)}") from None
        self.db = PostgresSql(conn)
        try:
            with self._errors():
                if readonly:
                    conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                else:
                    self._need_postgis()
                    self.applied = migrate(self.db)
        except BaseException:
            conn.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    def _need_postgis(self) -> None:
        if self.db.one("SELECT 1 FROM pg_extension WHERE extname = 'postgis'"):
            return
        try:
            self.conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except Exception as exc:
            raise StoreError(f"{self.name}: the database lacks PostGIS and this role cannot add it ({_reason(exc)});"
                             " a superuser can: CREATE EXTENSION postgis") from None

    @contextmanager
    def _errors(self) -> Iterator[None]:
        import psycopg

        try:
            yield
        except (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege,
                psycopg.errors.ReadOnlySqlTransaction) as exc:  # lost server, no rights: not a bug in the batch
            raise StoreError(f"{self.name}: cannot write the database: {_reason(exc)}") from None

    def _matching(self, words: list[QueryWord], limit: int) -> list[tuple[str, str | None, str, str | None]]:
        """The tsvector index, best first (ts_rank, then doc id)."""
        query = " & ".join(_ts_term(w) for w in words)
        return self.db.execute(
            "SELECT a.doc_id, a.title, a.text, a.published FROM articles_fts f JOIN articles a ON a.doc_id = f.doc_id,"
            " to_tsquery('simple', ?) q WHERE f.terms @@ q ORDER BY ts_rank(f.terms, q) DESC, a.doc_id LIMIT ?",
            (query, limit),
        ).fetchall()


def _ts_term(w: QueryWord) -> str:
    """One query word for ``to_tsquery``: any of its forms, or a prefix (the words are letters and digits only)."""
    if w.prefix:
        return f"'{w.word}':*"
    return "(" + " | ".join(f"'{f}'" for f in w.forms) + ")"


def _reason(exc: Any) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
