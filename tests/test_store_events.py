"""Real events in the store (issue 14): ingest clusters each batch's reports into the store's events,
exports write one row per real event, `rasd event` shows an event with its reports, migration 003
backfills an older database.  Articles and records are invented.  The tests that take ``backend`` run on
SQLite and on PostgreSQL (where RASD_TEST_PG names a server; tests/conftest.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.store import SQLiteStore, open_store
from rasd.store import migrations as migrations_module
from tests.conftest import databases

runner = CliRunner()

# Two outlets tell one suicide bombing in Kirkuk, two others one air strike on Saada; one protest in Abha.
ARTICLES = [
    {"id": "k-okaz-1", "title": "انتحاري في كركوك", "published": "2016-03-11", "source": "okaz",
     "text": "فجر انتحاري حزامه الناسف وسط سوق للماشية في مدينة كركوك صباح أمس، ما أسفر عن مقتل سبعة أشخاص."},
    {"id": "k-riyadh-1", "title": "قتلى في كركوك", "published": "2016-03-11", "source": "alriyadh",
     "text": "لقي ثمانية مدنيين حتفهم في تفجير انتحاري استهدف سوقا للماشية في كركوك أمس، بحسب مصادر في الشرطة."},
    {"id": "k-riyadh-2", "title": "طلاب أبها", "published": "2016-03-12", "source": "alriyadh",
     "text": "تظاهر مئات الطلاب في مدينة أبها أمس احتجاجا على رفع الرسوم الجامعية."},
    {"id": "k-okaz-2", "title": "غارات على صعدة", "published": "2016-03-14", "source": "okaz",
     "text": "شنت طائرات التحالف غارات جوية على مواقع للمسلحين الحوثيين في مدينة صعدة أمس."},
    {"id": "k-watan-1", "title": "صعدة", "published": "2016-03-14", "source": "alwatan",
     "text": "استهدفت غارات جوية للتحالف أمس مخازن أسلحة تابعة للحوثيين في صعدة."},
]


def _write(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def _ingest(inputs: Path, db: str | Path) -> None:
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output


def _export(db: str | Path, *options: str) -> str:
    result = runner.invoke(app, ["export", "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def _events(db: str | Path) -> list[dict]:
    return [json.loads(line) for line in _export(db).splitlines()]


def _without_stamps(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "timestamp"} for r in records]


@pytest.fixture(scope="module")
def one_run(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The five articles ingested in one run."""
    folder = tmp_path_factory.mktemp("one")
    with databases(backend, folder) as new_db:
        db = new_db("one")
        _ingest(_write(folder / "all.jsonl", ARTICLES), db)
        yield db


def test_two_outlets_reporting_one_bombing_are_one_event_with_two_reports(one_run):
    events = _events(one_run)
    assert len(events) == 3
    bombing = next(e for e in events if e["sub_event_type"] == "Suicide bomb")
    assert bombing["n_reports"] == 2 and bombing["event_id"].startswith("rasd-ev-")
    assert bombing["doc_ids"] == ["k-okaz-1", "k-riyadh-1"] and bombing["source"] == "alriyadh; okaz"
    assert bombing["fatalities"] == 7  # the lower count (ACLED's rule); who says what is kept
    assert sorted(c["fatalities"] for c in bombing["claims"]["fatalities"]) == [7, 8]
    assert bombing["location"] == "Kirkuk" and bombing["event_date"] == "2016-03-10"
    with open_store(one_run, readonly=True) as store:
        assert store.counts()["events"] == 5 and store.counts()["real_events"] == 3  # reports, events


def test_ingesting_the_same_input_again_changes_nothing(one_run, tmp_path):
    before = _export(one_run, "--format", "csv")
    _ingest(_write(tmp_path / "again.jsonl", ARTICLES), one_run)
    assert _export(one_run, "--format", "csv") == before


def test_two_runs_in_publication_order_give_the_events_and_ids_of_one_run(one_run, tmp_path, new_db):
    db = new_db("halves")
    _ingest(_write(tmp_path / "first.jsonl", ARTICLES[:3]), db)
    _ingest(_write(tmp_path / "second.jsonl", ARTICLES[3:]), db)
    assert _without_stamps(_events(db)) == _without_stamps(_events(one_run))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled-csv", "geojson"])
def test_export_writes_one_row_per_event_or_per_report(one_run, fmt):
    def rows(text: str) -> list[dict]:
        if fmt == "jsonl":
            return [json.loads(line) for line in text.splitlines()]
        if fmt == "geojson":
            return [f["properties"] for f in json.loads(text)["features"]]
        return list(csv.DictReader(io.StringIO(text)))

    events, reports = rows(_export(one_run, "--format", fmt)), rows(_export(one_run, "--format", fmt, "--reports"))
    assert (len(events), len(reports)) == (3, 5)
    assert sorted(e["source"] for e in events) == ["alriyadh", "alriyadh; okaz", "alwatan; okaz"]
    if fmt != "acled-csv":
        assert sorted(int(e["n_reports"]) for e in events) == [1, 2, 2] and "n_reports" not in reports[0]
    else:
        assert {e["event_id_cnty"][:8] for e in events} == {"rasd-ev-"}


def test_event_command_shows_the_fused_event_and_each_report_with_its_evidence(one_run):
    bombing = next(e for e in _events(one_run) if e["n_reports"] == 2 and e["sub_event_type"] == "Suicide bomb")
    shown = runner.invoke(app, ["event", bombing["event_id"], "--db", str(one_run)])
    assert shown.exit_code == 0, shown.output
    text = shown.stdout
    assert "Kirkuk" in text and "okaz" in text and "alriyadh" in text and "note:" not in text
    assert "مصادر في الشرطة" in text  # the attribution of the second outlet
    assert "لقي ثمانية مدنيين حتفهم" in text and "فجر انتحاري حزامه الناسف" in text  # both reports' evidence
    by_report = runner.invoke(app, ["event", bombing["reports"][1], "--db", str(one_run), "--format", "json"])
    shown = json.loads(by_report.stdout)
    assert shown["via"] == "report" and shown["event"]["event_id"] == bombing["event_id"]
    assert [r["outlet"] for r in shown["reports"]] == ["okaz", "alriyadh"]
    missing = runner.invoke(app, ["event", "rasd-ev-0000", "--db", str(one_run)])
    assert missing.exit_code == 1 and "no event" in missing.output


# -- invented records, through the store's own write path ------------------------------------------

BOMB = "Explosions/Remote violence"


def _record(doc: str, lon: float, day: str = "2016-03-10", outlet: str = "outlet-a", lat: float = 16.0,
            n: int = 0, **fields) -> dict:
    evidence = f"انفجرت عبوة ناسفة قرب سوق البلدة رقم {doc}"
    return {"event_id": f"rasd-{doc}-{n}", "doc_id": doc, "event_type": BOMB, "sub_event_type": "Suicide bomb",
            "event_date": day, "time_precision": 1, "latitude": lat, "longitude": lon, "geo_precision": 1,
            "location": "Wadi Town", "country": "Yemen", "status": "occurred", "source": outlet,
            "evidence": {"text": evidence, "start": 0, "end": len(evidence)}, **fields}


def _annotation(doc: str, published: str, records: list[dict], outlet: str = "outlet-a", text: str = "") -> dict:
    text = text or f"خبر مختلق عن انفجار في البلدة، رقم {doc}"
    return {"doc_id": doc, "published": published, "events": records,
            "article": {"title": None, "text": text, "published": published, "source": outlet, "url": None,
                        "dateline": None, "content_hash": hashlib.sha1(text.encode()).hexdigest()}}


def _merging_batches() -> list[list[dict]]:
    """Two events 33 km apart, then (in the second batch) a report between them that merges them."""
    return [[_annotation("d1", "2016-03-11", [_record("d1", 43.85)]),
             _annotation("d2", "2016-03-11", [_record("d2", 44.15, outlet="outlet-b")], outlet="outlet-b")],
            [_annotation("d3", "2016-03-12", [_record("d3", 44.0, outlet="outlet-c")], outlet="outlet-c"),
             _annotation("d4", "2016-03-12", [_record("d4", 44.0, day="2016-03-20")])]]


def _state(db: str | Path) -> list[tuple]:
    with open_store(db, readonly=True) as store:
        return [(e["event_id"], e["reports"], e["aliases"], e["source"]) for e in store.iter_real_events()]


def test_a_merge_across_runs_keeps_the_older_id_and_the_alias_resolves(new_db: Callable[[str], str]):
    one, two = new_db("one"), new_db("two")
    with open_store(one) as store:
        store.write_batch([a for batch in _merging_batches() for a in batch])
    for batch in _merging_batches():  # two runs, each opening the store anew
        with open_store(two) as store:
            store.write_batch(batch)
    assert _state(one) == _state(two)
    merged = next(e for e in _state(two) if len(e[1]) == 3)
    assert merged[2] and merged[1] == ["rasd-d1-0", "rasd-d2-0", "rasd-d3-0"]
    alias = merged[2][0]
    shown = runner.invoke(app, ["event", alias, "--db", str(two)])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith(merged[0]) and f"note: {alias} is an alias" in shown.stdout


def test_a_changed_article_takes_its_report_out_of_the_event(store_db):
    with open_store(store_db) as store:
        store.write_batch([_annotation("d1", "2016-03-11", [_record("d1", 44.0)]),
                           _annotation("d2", "2016-03-11", [_record("d2", 44.02, outlet="outlet-b")], outlet="outlet-b")])
        assert [len(e["reports"]) for e in store.iter_real_events()] == [2]
        moved = _record("d2", 44.02, day="2016-03-25", outlet="outlet-b")  # the corrected article: another day
        stats = store.write_batch([_annotation("d2", "2016-03-26", [moved], outlet="outlet-b", text="نص مصحح للخبر")])
        assert stats.updated == 1
        events = list(store.iter_real_events())
    assert [(e["reports"], e["source"]) for e in events] == [(["rasd-d1-0"], "outlet-a"), (["rasd-d2-0"], "outlet-b")]


def test_recluster_gives_the_events_of_incremental_ingest(store_db):
    db = store_db
    for batch in _merging_batches():
        with open_store(db) as store:
            store.write_batch(batch)
    before = _state(db)
    result = runner.invoke(app, ["cluster", "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "4 articles → 4 reports → 2 events" in result.stdout
    assert _state(db) == before


def test_a_new_report_is_compared_only_with_stored_reports_near_it(new_db, monkeypatch: pytest.MonkeyPatch):
    import rasd.events.cluster as cluster

    calls: list[str] = []
    compatible = cluster.compatible

    def counting(a, b, settings) -> bool:
        calls.append(b.report_id)
        return compatible(a, b, settings)

    monkeypatch.setattr(cluster, "compatible", counting)

    def compared_after(stored: int) -> list[str]:
        db = new_db(f"s{stored}")
        far = [_annotation(f"s{n}", "2016-01-01", [_record(f"s{n}", 3.0 * (n % 50) + 10,
                                                           day=f"2016-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}")])
               for n in range(stored)]
        near = _annotation("near", "2016-01-05", [_record("near", 44.1, day="2016-01-05", lat=16.6)])
        with open_store(db) as store:
            store.write_batch([*far, near])
            calls.clear()
            store.write_batch([_annotation("new", "2016-01-02", [_record("new", 44.0, day="2016-01-01")])])
        return sorted(calls)

    assert compared_after(30) == compared_after(400) == ["rasd-near-0"]


# -- migration 003 on a database of an older rasd ----------------------------------------------------

def _old_database(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database made by migrations 001-002 only, its reports written as the older rasd wrote them."""
    with monkeypatch.context() as m:
        m.setattr(migrations_module, "MIGRATIONS", migrations_module.MIGRATIONS[:2])
        SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    for ann in [a for batch in _merging_batches() for a in batch]:
        art = ann["article"]
        conn.execute("INSERT INTO articles(doc_id, content_hash, title, text, published, source, annotation)"
                     " VALUES (?,?,?,?,?,?,?)", (ann["doc_id"], art["content_hash"], None, art["text"], art["published"],
                                                 art["source"], "{}"))
        for ev in ann["events"]:
            conn.execute("INSERT INTO events(event_id, doc_id, event_date, event_type, sub_event_type, status, country,"
                         " location, latitude, longitude, record) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (ev["event_id"], ann["doc_id"], ev["event_date"], ev["event_type"], ev["sub_event_type"],
                          ev["status"], ev["country"], ev["location"], ev["latitude"], ev["longitude"],
                          json.dumps(ev, ensure_ascii=False)))
    conn.commit()
    conn.close()
    return path


def test_migration_clusters_the_reports_of_an_older_database(tmp_path, monkeypatch):
    old = _old_database(tmp_path / "old.db", monkeypatch)
    with SQLiteStore(old, readonly=True) as store:
        assert store.pending_migrations()[:1] == ["003_real_events"] and "real_events" not in store.counts()
        in_memory = [(e["event_id"], e["reports"], e["aliases"], e["source"]) for e in store.iter_real_events()]
    fresh = tmp_path / "fresh.db"
    with SQLiteStore(fresh) as store:
        store.write_batch([a for batch in _merging_batches() for a in batch])
    with SQLiteStore(old) as store:  # opening it writable applies migration 003
        assert store.pending_migrations() == [] and store.counts()["real_events"] == 2
    assert _state(old) == _state(fresh) == in_memory


def test_an_article_twice_in_one_batch_is_clustered_once_in_its_last_version(store_db):
    first = _annotation("d1", "2016-03-11", [_record("d1", 44.0)])
    second = _annotation("d1", "2016-03-11", [_record("d1", 44.0, n=1, day="2016-03-09")], text="نص ثان للخبر نفسه")
    with open_store(store_db) as store:
        store.write_batch([first, second])
        members = store.conn.execute("SELECT report_id FROM event_reports").fetchall()
        events = list(store.iter_real_events())
    assert members == [("rasd-d1-1",)] and [e["event_date"] for e in events] == ["2016-03-09"]


def test_cluster_command_on_an_older_database_counts_the_backfilled_events(tmp_path, monkeypatch):
    old = _old_database(tmp_path / "old.db", monkeypatch)
    result = runner.invoke(app, ["cluster", "--db", str(old), "--quiet", "--top", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("4 articles → 4 reports → 2 events") and len(lines) == 2 and "3 reports" in lines[1]
