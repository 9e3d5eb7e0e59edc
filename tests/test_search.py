"""Search finds a word in its inflected forms (article, clitics, suffixes off), shows what matched,
refuses an empty query or --limit 0, speaks JSON, and re-indexes a database built by an older rasd."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.document import Article
from rasd.pipeline import default_pipeline
from rasd.runner import ingest
from rasd.store import open_store
from rasd.store.sqlite import search_terms

runner = CliRunner()
FORMS = {
    "k0": "أدان الوزير القتل الذي شهدته المدينة.",
    "k1": "قال الأهالي إن المسلحين قتلوا راعيا قرب القرية.",
    "k2": "اعترف الخاطفون بأنهم قتلوهم ثم أخفوا الجثث.",
    "k3": "نقل المسعفون القتلى إلى مستشفى البلدة.",
    "k4": "وبالقتل هدد التنظيم كل من يخالفه.",
    "k5": "افتتح المحافظ معرضا للكتاب في المدينة.",
}


def _filled(db: str) -> str:
    pipe = default_pipeline()
    with open_store(db) as store:
        ingest([pipe(Article(text=t, id=k, published="2016-04-01")) for k, t in FORMS.items()], store)
    return db


@pytest.fixture
def db(store_db):
    """The articles stored on each backend (SQLite, PostgreSQL where RASD_TEST_PG names a server)."""
    return _filled(store_db)


@pytest.fixture
def sqlite_db(tmp_path):
    return _filled(str(tmp_path / "s.db"))


def test_a_word_finds_its_inflected_forms_and_the_snippet_shows_them(db):
    with open_store(db, readonly=True) as store:
        hits = {h.doc_id: h for h in store.search("قتل")}
        assert set(hits) == {"k0", "k1", "k2", "k3", "k4"}
        assert {k: h.matched for k, h in hits.items()} == {"k0": "القتل", "k1": "قتلوا", "k2": "قتلوهم", "k3": "القتلى",
                                                            "k4": "وبالقتل"}
        assert all(f"[{h.matched}]" in h.snippet for h in hits.values())
        # an inflected query finds the other forms too; a prefix query stays a prefix query
        assert {h.doc_id for h in store.search("القتلى")} == set(hits)
        assert {h.doc_id for h in store.search("معرض*")} == {"k5"}


def test_index_holds_surface_clitic_free_and_stem_forms():
    assert search_terms("وقتلوا").split() == ["وقتلوا", "قتلوا", "قتل"]


def test_empty_query_and_zero_limit_are_refused(db):
    for args in (["search", "", "--db", str(db)], ["search", "؟!", "--db", str(db)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1 and "nothing to search for" in result.output
    result = runner.invoke(app, ["search", "قتل", "--db", str(db), "--limit", "0"])
    assert result.exit_code == 2 and "limit" in result.output.lower()


def test_search_as_json(db):
    result = runner.invoke(app, ["search", "قتل", "--db", str(db), "--format", "json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 2 and all(h["matched"] and f"[{h['matched']}]" in h["snippet"] for h in hits)
    assert {"doc_id", "title", "published", "snippet", "events"} <= set(hits[0])


def test_old_database_is_reindexed_on_open(sqlite_db):
    db = sqlite_db
    with sqlite3.connect(db) as conn:  # as an older rasd left it: surface forms only, no light-stem migration
        conn.execute("DELETE FROM migrations WHERE name = '002_search_light_stems'")
        conn.execute("DELETE FROM articles_fts")
        conn.executemany("INSERT INTO articles_fts(doc_id, terms) VALUES (?, ?)", [(k, t) for k, t in FORMS.items()])
    with open_store(db, readonly=True) as store:
        assert store.pending_migrations() == ["002_search_light_stems"]
        assert {h.doc_id for h in store.search("قتل")} == set()
    result = runner.invoke(app, ["search", "قتل", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {h["doc_id"] for h in json.loads(result.stdout)} == {"k0", "k1", "k2", "k3", "k4"}
