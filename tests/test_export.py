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
