"""The few places where SQLite and PostgreSQL SQL differ, behind one small connection adapter.

The store's shared SQL is written with ``?`` placeholders (SQLite's style) and never holds a literal
``?``; :class:`PostgresSql` rewrites it for psycopg (``%s``, a ``%`` doubled).  What else differs (the
Unix time of a stored timestamp, whether a table exists, transactions, the table of applied
migrations) is a method or attribute here, so that the clustering and the store's reading and
writing run unchanged on either database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

# a place as a PostGIS point (WGS 84) that PostgreSQL keeps from the row's latitude and longitude
PG_POINT = """geom geometry(Point, 4326) GENERATED ALWAYS AS (
    CASE WHEN longitude IS NOT NULL AND latitude IS NOT NULL
         THEN ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END) STORED"""


class Sql:
    """A connection with the store's dialect; ``conn`` is the driver's own connection."""

    name = ""
    migrations_table = "migrations"

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def one(self, sql: str, *args: Any) -> Any:
        """The first column of the first row (None when there is no row)."""
        row = self.execute(sql, args).fetchone()
        return row[0] if row else None

    @staticmethod
    def marks(n: int) -> str:
        """``n`` placeholders for an ``IN (...)`` list."""
        return ",".join("?" * n)

    def epoch(self, expr: str) -> str:
        """SQL: the stored time ``expr`` as whole Unix seconds."""
        raise NotImplementedError

    def has_table(self, name: str) -> bool:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield


class SQLiteSql(Sql):
    name = "sqlite"

    def epoch(self, expr: str) -> str:
        return f"CAST(strftime('%s', {expr}) AS INTEGER)"

    def has_table(self, name: str) -> bool:
        return self.one("SELECT 1 FROM sqlite_master WHERE name = ?", name) is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (the connection is in autocommit mode: ``isolation_level=None``)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")


@lru_cache(maxsize=512)
def _pyformat(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresSql(Sql):
    """psycopg 3, autocommit; writers take one advisory lock per transaction (one writer at a time,
    as SQLite's ``BEGIN IMMEDIATE``: the clusterer reads, then writes, the events near a report)."""

    name = "postgresql"
    migrations_table = "schema_migrations"
    WRITE_LOCK = 0x72617364  # "rasd"

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(_pyformat(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_pyformat(sql), list(rows))

    def epoch(self, expr: str) -> str:
        return f"CAST(floor(extract(epoch FROM {expr})) AS BIGINT)"

    def has_table(self, name: str) -> bool:
        return self.one("SELECT to_regclass(?) IS NOT NULL", name) is True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (self.WRITE_LOCK,))
            yield


def adapt(conn: Any) -> Sql:
    """The adapter of a connection: an :class:`Sql` as it is, a ``sqlite3`` connection, or a psycopg one."""
    if isinstance(conn, Sql):
        return conn
    if isinstance(conn, sqlite3.Connection):
        return SQLiteSql(conn)
    return PostgresSql(conn)
