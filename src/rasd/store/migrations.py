"""Named schema migrations, each applied once inside its own transaction (sqlite-utils style).

A migration is SQL (one text for both databases, or one per database: ``{"sqlite": …, "postgresql": …}``),
or a function of the connection (re-indexing stored articles).  SQLite records the applied names in
``migrations``, PostgreSQL in ``schema_migrations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasd.store.dialect import PG_POINT, Sql, adapt

# an article's search terms (rasd.store.search.search_terms): SQLite's FTS5 table, or PostgreSQL's tsvector
# of the 'simple' configuration (no stemming or stop words: the terms are already normalised and stemmed)
FTS_INSERT = {"sqlite": "INSERT INTO articles_fts(doc_id, terms) VALUES (?, ?)",
              "postgresql": "INSERT INTO articles_fts(doc_id, terms) VALUES (?, to_tsvector('simple', ?))"}


def _reindex_light_stems(conn: Any) -> None:
    """The search index gains each word's light stem (القتل, قتلوا → قتل): every stored article is re-indexed."""
    from rasd.store.search import doc_text, search_terms

    db = adapt(conn)
    rows = db.execute("SELECT doc_id, title, text FROM articles").fetchall()
    db.execute("DELETE FROM articles_fts")
    db.executemany(FTS_INSERT[db.name], [(doc_id, search_terms(doc_text(title, text))) for doc_id, title, text in rows])


def _real_events(conn: Any) -> None:
    """One row per real event (issue 14): the tables of ``rasd.store.clusters``, and the reports already
    stored clustered into events, in publication order."""
    from rasd.store.clusters import backfill

    backfill(conn)


Migration = str | dict[str, str] | Callable[[Any], None]
MIGRATIONS: list[tuple[str, Migration]] = [
    (
        "001_articles_spans_events",
        {"sqlite": """
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
         # ids and dates sort bytewise as in SQLite (COLLATE "C"); "end" is a reserved word
         "postgresql": f"""
        CREATE TABLE articles (
            doc_id TEXT COLLATE "C" PRIMARY KEY,
            content_hash TEXT NOT NULL,
            title TEXT, text TEXT NOT NULL, published TEXT, source TEXT, url TEXT, dateline TEXT,
            annotation TEXT NOT NULL,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE spans (
            doc_id TEXT COLLATE "C" NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
            layer TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT, data TEXT
        );
        CREATE INDEX spans_doc ON spans(doc_id);
        CREATE INDEX spans_layer_label ON spans(layer, label);
        CREATE TABLE events (
            event_id TEXT COLLATE "C" PRIMARY KEY,
            doc_id TEXT COLLATE "C" NOT NULL REFERENCES articles(doc_id) ON DELETE CASCADE,
            event_date TEXT COLLATE "C", event_type TEXT COLLATE "C", sub_event_type TEXT, status TEXT,
            country TEXT, location TEXT, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
            record TEXT NOT NULL,
            {PG_POINT}
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_type_date ON events(event_type, event_date);
        CREATE INDEX events_geom ON events USING GIST (geom);
        CREATE TABLE articles_fts (
            doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(doc_id) ON DELETE CASCADE,
            terms TSVECTOR NOT NULL
        );
        CREATE INDEX articles_fts_terms ON articles_fts USING GIN (terms);
        """},
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

MIGRATIONS_TABLE = {
    "sqlite": "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY,"
              " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))",
    "postgresql": "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY,"
                  " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
}


def migrate(conn: Any) -> list[str]:
    """Apply pending migrations; returns the names applied.  Each runs in its own write transaction,
    which first checks that no other writer has applied it meanwhile."""
    db = adapt(conn)
    if not db.has_table(db.migrations_table):
        with db.transaction():
            db.execute(MIGRATIONS_TABLE[db.name])
    applied = []
    for name in pending(db):
        with db.transaction():
            if _done(db, name):
                continue
            _apply(db, dict(MIGRATIONS)[name])
            db.execute(f"INSERT INTO {db.migrations_table}(name) VALUES (?)", (name,))
        applied.append(name)
    return applied


def _done(db: Sql, name: str) -> bool:
    return db.one(f"SELECT 1 FROM {db.migrations_table} WHERE name = ?", name) is not None


def _apply(db: Sql, step: Migration) -> None:
    if callable(step):  # SQL text, or a function for what SQL alone cannot do
        step(db)
        return
    for statement in _statements(step if isinstance(step, str) else step[db.name]):
        db.execute(statement)


def pending(conn: Any) -> list[str]:
    """Migrations not yet applied to a database (read without writing)."""
    db = adapt(conn)
    if not db.has_table(db.migrations_table):  # not even the migrations table
        return [name for name, _ in MIGRATIONS]
    done = {r[0] for r in db.execute(f"SELECT name FROM {db.migrations_table}")}
    return [name for name, _ in MIGRATIONS if name not in done]


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]
