"""Named schema migrations, each applied once inside its own transaction (sqlite-utils style)."""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_articles_spans_events",
        """
        CREATE TABLE articles (
            doc_id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            title TEXT, text TEXT NOT NULL, published TEXT, source TEXT, url TEXT, dateline TEXT,
            annotation TEXT NOT NULL,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE spans (
            doc_id TEXT NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
            layer TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT, data TEXT
        );
        CREATE INDEX spans_doc ON spans(doc_id);
        CREATE INDEX spans_layer_label ON spans(layer, label);
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
            event_date TEXT, event_type TEXT, sub_event_type TEXT, status TEXT,
            country TEXT, location TEXT, latitude REAL, longitude REAL,
            record TEXT NOT NULL
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_type_date ON events(event_type, event_date);
        CREATE VIRTUAL TABLE articles_fts USING fts5(doc_id UNINDEXED, terms, tokenize = 'unicode61 remove_diacritics 2');
        """,
    ),
]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; returns the names applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
    done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]
