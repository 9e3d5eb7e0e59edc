"""Storage: SQLite by default (WAL, named migrations, idempotent upserts); PostgreSQL + PostGIS for a
store shared by several machines (a ``postgresql://`` URL)."""

from __future__ import annotations

from pathlib import Path

from rasd.store.base import IngestStats, SearchHit, Store, StoreError
from rasd.store.sqlite import SQLiteStore

__all__ = ["IngestStats", "SQLiteStore", "SearchHit", "Store", "StoreError", "open_store"]


def open_store(db: str | Path, readonly: bool = False) -> Store:
    """The store at ``db``: a ``postgresql://`` (or ``postgres://``) URL opens a PostgresStore, anything else
    is an SQLite file."""
    from rasd.store.postgres import PostgresStore, is_postgres_url

    if isinstance(db, str) and is_postgres_url(db):
        return PostgresStore(db, readonly=readonly)
    return SQLiteStore(db, readonly=readonly)
