"""The store on PostgreSQL + PostGIS beside SQLite (issue 16): migrations recorded once, re-ingest changes
nothing, a changed article's spans and events are replaced, places are PostGIS points with a GiST index,
search over diacritised Arabic, and the same ingest gives the same events, ids and exports on both.
PostgreSQL cases need RASD_TEST_PG (tests/conftest.py) and skip with the reason without it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.document import Article
from rasd.pipeline import default_pipeline
from rasd.runner import annotation
from rasd.store import open_store
from rasd.store.migrations import MIGRATIONS
from tests.conftest import postgres_schema
from tests.test_store_events import ARTICLES, _merging_batches, _write

runner = CliRunner()
PIPE = default_pipeline()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _doc(doc_id: str, text: str) -> dict:
    return annotation(PIPE(Article(text=text, id=doc_id, published="2015-08-03", source="outlet-a")))


def test_migrations_are_applied_once_and_recorded(store_db, backend):
    table = "migrations" if backend == "sqlite" else "schema_migrations"
    with open_store(store_db) as store:
        names = [name for (name,) in store.db.execute(f"SELECT name FROM {table} ORDER BY name")]
        assert store.applied == names == [name for name, _ in MIGRATIONS]
    with open_store(store_db) as store:
        assert store.applied == [] and store.pending_migrations() == []


def test_ingesting_again_adds_and_updates_nothing(store_db, tmp_path):
    inputs = str(_write(tmp_path / "a.jsonl", ARTICLES))
    first = " ".join(_cli("ingest", inputs, "--db", store_db).split())
    again = " ".join(_cli("ingest", inputs, "--db", store_db).split())
    assert "5 added, 0 updated, 0 unchanged" in first
    assert "0 added, 0 updated, 5 unchanged" in again and "5 reports, 3 events" in again


def test_a_changed_article_replaces_its_spans_and_events(store_db):
    other = _doc("b", "تظاهر المئات في بغداد.")
    old, new = _doc("a", "قُتِلَ ثلاثة مدنيين بقصف على مدينة دوما."), _doc("a", "اختطف مسلحون صحفيا في مدينة حلب.")
    with open_store(store_db) as store:
        store.write_batch([old, other])
        stats = store.write_batch([new])
        spans = [t for (t,) in store.db.execute('SELECT text FROM spans WHERE doc_id = ? ORDER BY start, "end", layer', ("a",))]
        events = [e for (e,) in store.db.execute("SELECT event_id FROM events WHERE doc_id = ?", ("a",))]
        members = {r for (r,) in store.db.execute("SELECT report_id FROM event_reports")}
        counts = store.counts()
    layers = ("entities", "places", "timexes", "actors", "sources")
    assert (stats.added, stats.updated) == (0, 1)
    assert spans == [s["text"] for s in sorted((s for layer in layers for s in new[layer]),
                                               key=lambda s: (s["start"], s["end"]))] and "حلب" in spans
    assert events == [e["event_id"] for e in new["events"]] and set(events).isdisjoint(e["event_id"] for e in old["events"])
    assert members == {e["event_id"] for e in new["events"] + other["events"]}
    assert counts["articles"] == 2 and counts["events"] == len(new["events"]) + len(other["events"])


def test_search_finds_diacritised_and_bare_words_alike(store_db):
    with open_store(store_db) as store:
        store.write_batch([_doc("a", "قُتِلَ ثلاثة مدنيين بقصف على مدينة دوما."), _doc("b", "وقتل جندي في اشتباكات في درعا."),
                           _doc("c", "تظاهر المئات في بغداد.")])
        assert {h.doc_id for h in store.search("قتل")} == {h.doc_id for h in store.search("قَتَلَ")} == {"a", "b"}
        assert [h.matched for h in store.search("قتل دوما")] == ["قُتِلَ"]
        assert {h.doc_id for h in store.search("تظاه*")} == {"c"}


@pytest.fixture
def pg() -> Iterator[str]:
    with postgres_schema() as url:
        yield url


def test_places_are_postgis_points_with_a_gist_index(pg, tmp_path):
    _cli("ingest", str(_write(tmp_path / "a.jsonl", ARTICLES)), "--db", pg, "--quiet")
    with open_store(pg) as store:
        db = store.db
        columns = set(db.execute("SELECT f_table_name, type, srid FROM geometry_columns"
                                 " WHERE f_table_schema = current_schema()"))
        gist = {t for (t,) in db.execute("SELECT tablename FROM pg_indexes WHERE schemaname = current_schema()"
                                         " AND indexdef LIKE ?", ("%USING gist (geom)%",))}
        gin = {t for (t,) in db.execute("SELECT tablename FROM pg_indexes WHERE schemaname = current_schema()"
                                        " AND indexdef LIKE ?", ("%USING gin (terms)%",))}
        points = {table: db.execute(f"SELECT record, ST_X(geom), ST_Y(geom), ST_SRID(geom) FROM {table}").fetchall()
                  for table in ("events", "real_events")}
        # within 30 km of Kirkuk (35.47 N, 44.39 E): the bombing both outlets told
        near = [json.loads(r)["location"] for (r,) in db.execute(
            "SELECT record FROM real_events WHERE ST_DWithin(geom::geography,"
            " ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)", (44.39, 35.47, 30_000))]
    assert columns == {("events", "POINT", 4326), ("real_events", "POINT", 4326)}
    assert gist == {"events", "real_events"} and gin == {"articles_fts"}
    assert len(points["events"]) == 5 and len(points["real_events"]) == 3
    for rows in points.values():
        for raw, x, y, srid in rows:
            record = json.loads(raw)
            assert (x, y, srid) == (record["longitude"], record["latitude"], 4326)
    assert near == ["Kirkuk"]


def _rows(text: str, fmt: str) -> list[dict]:
    if fmt == "jsonl":
        rows = [json.loads(line) for line in text.splitlines()]
    elif fmt == "geojson":
        rows = [f["properties"] | {"geometry": f["geometry"]} for f in json.loads(text)["features"]]
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    return [{k: v for k, v in r.items() if k != "timestamp"} for r in rows]  # when each article was stored


def test_the_same_ingest_gives_the_same_events_ids_and_exports_on_both(pg, tmp_path):
    lite = str(tmp_path / "lite.db")
    inputs = str(_write(tmp_path / "a.jsonl", ARTICLES))
    for db in (lite, pg):
        _cli("ingest", inputs, "--db", db, "--quiet")
        with open_store(db) as store:
            for batch in _merging_batches():  # invented reports whose events merge (aliases)
                store.write_batch(batch)
    for fmt in ("jsonl", "csv", "acled-csv", "geojson"):
        for reports in ([], ["--reports"]):
            exported = [_rows(_cli("export", "--db", db, "--format", fmt, *reports), fmt) for db in (lite, pg)]
            assert exported[0] == exported[1] and len(exported[0]) == (9 if reports else 5)
    ids = [e["event_id"] for e in _rows(_cli("export", "--db", lite), "jsonl")]
    assert any(e["aliases"] for e in _rows(_cli("export", "--db", pg), "jsonl"))
    shown = [json.loads(_cli("event", ids[0], "--db", db, "--format", "json")) for db in (lite, pg)]
    assert shown[0]["event"] | {"timestamp": 0} == shown[1]["event"] | {"timestamp": 0}
    assert shown[0]["reports"] == shown[1]["reports"]
    assert _cli("cluster", "--db", lite, "--quiet") == _cli("cluster", "--db", pg, "--quiet")
    searched = [json.loads(_cli("search", "كركوك", "--db", db, "--format", "json")) for db in (lite, pg)]
    assert sorted(h["doc_id"] for h in searched[0]) == sorted(h["doc_id"] for h in searched[1]) == ["k-okaz-1", "k-riyadh-1"]


def test_a_missing_server_is_one_line_naming_it_without_the_password(tmp_path: Path):
    url = "postgresql://rasd:secret@127.0.0.1:1/nowhere?connect_timeout=2"
    result = runner.invoke(app, ["export", "--db", url])
    assert result.exit_code == 1 and "cannot connect" in result.output
    assert "secret" not in result.output and "rasd:***@127.0.0.1:1" in result.output
