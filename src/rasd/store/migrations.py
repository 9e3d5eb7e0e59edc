"""Named schema migrations, each applied once inside its own transaction (sqlite-utils style).

A migration is SQL, or a function of the connection (re-indexing stored articles).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _reindex_light_stems(conn: sqlite3.Connection) -> None:
    """The search index gains each word's light stem (القتل, قتلوا → قتل): every stored article is re-indexed."""
    from rasd.store.sqlite import search_terms

    rows = conn.execute("SELECT doc_id, title, text FROM articles").fetchall()
    conn.execute("DELETE FROM articles_fts")
    conn.executemany("INSERT INTO articles_fts(doc_id, terms) VALUES (?, ?)",
                     [(doc_id, search_terms(f"{title}\n\n{text}" if title else text)) for doc_id, title, text in rows])


def _real_events(conn: sqlite3.Connection) -> None:
    """One row per real event (issue 14): the tables of ``rasd.store.clusters``, and the reports already
    stored clustered into events, in publication order."""
    from rasd.store.clusters import backfill

    backfill(conn)


MIGRATIONS: list[tuple[str, str | Callable[[sqlite3.Connection], None]]] = [
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
    ("002_search_light_stems", _reindex_light_stems),
    ("003_real_events", _real_events),
    (
        "004_serve_indexes",  # rasd serve's filters: a bounding box, a country or sub-type by date, an article's events
        """
        CREATE INDEX IF NOT EXISTS real_events_lat_lon ON real_events(latitude, longitude);
        CREATE INDEX IF NOT EXISTS real_events_country_date ON real_events(country, event_date);
        CREATE INDEX IF NOT EXISTS real_events_sub_date ON real_events(sub_event_type, event_date);
        CREATE INDEX IF NOT EXISTS event_reports_doc ON event_reports(doc_id);
        """,
    ),
]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; returns the names applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
    done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, sql in MIGRATIONS:  # SQL text, or a function for what SQL alone cannot do
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(sql):
                sql(conn)
            else:
                for statement in _statements(sql):
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def pending(conn: sqlite3.Connection) -> list[str]:
    """Migrations not yet applied to a database (read without writing)."""
    try:
        done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    except sqlite3.OperationalError:  # not even the migrations table
        done = set()
    return [name for name, _ in MIGRATIONS if name not in done]


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]
