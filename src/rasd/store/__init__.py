"""Storage: SQLite by default (WAL, named migrations, idempotent upserts)."""

from rasd.store.sqlite import IngestStats, SearchHit, SQLiteStore, StoreError

__all__ = ["IngestStats", "SQLiteStore", "SearchHit", "StoreError"]
