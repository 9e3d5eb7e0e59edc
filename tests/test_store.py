from __future__ import annotations

import sqlite3

import pytest

from rasd.document import Article
from rasd.pipeline import default_pipeline
from rasd.runner import annotation, ingest
from rasd.store import SQLiteStore, open_store

PIPE = default_pipeline()


def _docs(*texts: str, published: str = "2015-08-03"):
    return [PIPE(Article(text=t, id=f"a{i}", published=published)) for i, t in enumerate(texts)]


TEXTS = ("قُتِلَ ثلاثة مدنيين بقصف على مدينة دوما.", "وقتل جندي في اشتباكات عنيفة في درعا أمس.", "تظاهر المئات في بغداد.")


@pytest.fixture
def store(store_db):
    """A new store on each backend (SQLite, PostgreSQL where RASD_TEST_PG names a server)."""
    with open_store(store_db) as s:
        yield s


def _integrity_errors() -> tuple[type[Exception], ...]:
    try:
        import psycopg
    except ImportError:
        return (sqlite3.IntegrityError,)
    return sqlite3.IntegrityError, psycopg.IntegrityError


def test_ingest_twice_changes_nothing(store):
    first = ingest(_docs(*TEXTS), store)
    counts = store.counts()
    second = ingest(_docs(*TEXTS), store)
    assert first.added == 3 and second.unchanged == 3 and second.added == 0
    assert store.counts() == counts and counts["events"] >= 3


def test_changed_article_replaces_its_events(store):
    ingest(_docs(*TEXTS), store)
    before = {e["doc_id"]: e for e in store.iter_events()}
    changed = PIPE(Article(text="اختطف مسلحون صحفيا في مدينة حلب.", id="a0", published="2015-08-03"))
    stats = ingest([changed], store)
    after = [e for e in store.iter_events() if e["doc_id"] == "a0"]
    assert stats.updated == 1
    assert [e["sub_event_type"] for e in after] == ["Abduction/forced disappearance"]
    assert before["a0"]["event_id"] not in {e["event_id"] for e in store.iter_events()}


def test_search_ignores_diacritics_and_clitics(store):
    ingest(_docs(*TEXTS), store)
    hits = {h.doc_id for h in store.search("قتل")}
    assert hits == {"a0", "a1"}  # قُتِلَ and وقتل
    assert store.search("تظاهر")[0].doc_id == "a2"
    assert "[" in store.search("قتل")[0].snippet


def test_failed_batch_leaves_committed_data(store):
    ingest(_docs(*TEXTS[:2]), store)
    good = annotation(_docs(TEXTS[2])[0])
    good["doc_id"] = "new"
    bad = dict(good, doc_id=None)  # violates NOT NULL → the whole batch rolls back
    with pytest.raises(_integrity_errors()):
        store.write_batch([good, bad])
    assert store.counts()["articles"] == 2
    assert store.known_hash("new") is None


def test_readonly_store_refuses_missing_file(tmp_path):
    from rasd.errors import RasdError

    with pytest.raises(RasdError, match="no such database"):
        SQLiteStore(tmp_path / "missing.db", readonly=True)
