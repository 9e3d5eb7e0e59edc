from __future__ import annotations

import csv
import io
import json

from rasd.document import Article
from rasd.export import ACLED_COLUMNS, write_events
from rasd.pipeline import default_pipeline

PIPE = default_pipeline()


def _records():
    doc = PIPE(Article(text="قُتِلَ ثلاثة مدنيين بقصف على مدينة دوما أمس.", id="x", published="2015-08-03", source="alriyadh"))
    return [e.to_record() for e in doc.events]


def test_acled_csv_has_exact_column_order():
    out = io.StringIO()
    n = write_events(_records(), out, "acled-csv")
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ACLED_COLUMNS and len(rows) == n + 1 and n >= 1
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["event_type"] == "Explosions/Remote violence" and row["fatalities"] == "3"
    assert row["year"] == row["event_date"][:4]


def test_jsonl_csv_and_geojson_round_trip():
    recs = _records()
    out = io.StringIO()
    write_events(recs, out, "jsonl")
    assert [json.loads(line)["event_id"] for line in out.getvalue().splitlines()] == [r["event_id"] for r in recs]
    out = io.StringIO()
    write_events(recs, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["event_id"], r["sub_event_type"], r["evidence.text"], r["location"]) for r in rows] == \
        [(e["event_id"], e["sub_event_type"], e["evidence"]["text"], e["location"]) for e in recs]
    out = io.StringIO()
    write_events(recs, out, "geojson")
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection" and fc["features"][0]["properties"]["event_id"] == recs[0]["event_id"]


def _stored(tmp_path, source: str):
    from rasd.runner import ingest
    from rasd.store import SQLiteStore

    doc = PIPE(Article(text="فجر انتحاري نفسه في سوق شعبي بمدينة الرمادي أمس، ما أدى إلى مقتل 4 أشخاص.", id="s1",
                       published="2016-06-01", source=source))
    db = tmp_path / "e.db"
    with SQLiteStore(db) as store:
        ingest([doc], store)
    with SQLiteStore(db, readonly=True) as store:
        return list(store.iter_events())


def test_acled_timestamp_is_the_time_the_event_was_stored(tmp_path):
    import time

    before = int(time.time())
    recs = _stored(tmp_path, "okaz")
    out = io.StringIO()
    write_events(recs, out, "acled-csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows and all(before - 2 <= int(r["timestamp"]) <= int(time.time()) for r in rows)
    assert {int(r["timestamp"]) for r in rows} == {r["timestamp"] for r in recs}


def test_source_scale_comes_from_the_outlet():
    from rasd.export.writers import source_scale

    assert source_scale("okaz") == "National" and source_scale("Asharq Al-Awsat") == "Regional"
    assert source_scale("aawsat") == "Regional" and source_scale("reuters") == "International"
    assert source_scale("alriyadh; Reuters") == "National-International"
    assert source_scale("a blog nobody knows") == "" and source_scale(None) == ""
    for outlet, scale in (("aawsat", "Regional"), ("alyaum", "National"), ("unknown-outlet", "")):
        recs = [dict(r, source=outlet) for r in _records()]
        out = io.StringIO()
        write_events(recs, out, "acled-csv")
        assert {row["source_scale"] for row in csv.DictReader(io.StringIO(out.getvalue()))} == {scale}
        out = io.StringIO()
        write_events(recs, out, "jsonl")
        assert {json.loads(line)["source_scale"] for line in out.getvalue().splitlines()} == {scale}


def test_status_has_its_own_column_and_is_in_acled_tags():
    recs = _records()
    recs = [recs[0], dict(recs[0], event_id="x-planned", status="planned_or_threatened")]
    out = io.StringIO()
    write_events(recs, out, "csv")
    assert [r["status"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == ["occurred", "planned_or_threatened"]
    out = io.StringIO()
    write_events(recs, out, "acled-csv")
    tags = [r["tags"] for r in csv.DictReader(io.StringIO(out.getvalue()))]
    assert tags[0].startswith("rasd status: occurred") and tags[1].startswith("rasd status: planned_or_threatened")
