"""End-to-end through the command line, as a user would run it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rasd import __version__
from rasd.cli import app
from rasd.store import SQLiteStore

runner = CliRunner()
SCHEMA_EVENT_KEYS = {
    "event_id", "doc_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "country", "iso", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "geonameid", "fatalities", "source", "notes", "status", "attribution",
    "evidence", "spans", "actor1_ar", "actor2_ar", "location_ar", "date_ar", "is_background", "confidence",
}
ARTICLES = [
    {"id": "x1", "title": "غارات على صنعاء", "published": "2015-08-08", "source": "alwatan",
     "text": "وقالت مصادر محلية إن غارات جوية لطيران التحالف استهدفت أمس مواقع الحوثيين في صنعاء، ما أسفر عن مقتل 12 مسلحا."},
    {"id": "x2", "published": "2015-08-08", "text": "تظاهر المئات اليوم في بغداد احتجاجا على انقطاع الكهرباء."},
]


@pytest.fixture
def articles(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    return path


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_demo_shows_seed_events_and_writes_db(tmp_path):
    db = tmp_path / "rasd.db"
    result = runner.invoke(app, ["demo", "--db", str(db)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "Strategic developments" in result.stdout
    with SQLiteStore(db, readonly=True) as store:
        events = list(store.iter_events())
    assert events and all(e["doc_id"] == "seed-alarabiya-2019-10-02" for e in events)


def test_annotate_output_follows_schema(articles):
    result = runner.invoke(app, ["annotate", str(articles), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc_id"] for r in lines] == ["x1", "x2"]
    for rec, art in zip(lines, ARTICLES, strict=True):
        doc = f"{art['title']}\n\n{art['text']}" if "title" in art else art["text"]
        for layer in ("entities", "places", "timexes", "actors", "sources"):
            for span in rec[layer]:
                assert doc[span["start"] : span["end"]] == span["text"], (layer, span)
        for ev in rec["events"]:
            assert set(ev) >= SCHEMA_EVENT_KEYS
            assert doc[ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert any(e["event_type"] == "Protests" for e in lines[1]["events"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled-csv", "geojson"])
def test_extract_formats(articles, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["extract", str(articles), "--format", fmt, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()


def test_extract_rejects_unknown_format(articles):
    result = runner.invoke(app, ["extract", str(articles), "--format", "xml"])
    assert result.exit_code == 1 and "unknown format" in result.output


def test_ingest_is_idempotent_and_reports_bad_lines(articles, tmp_path):
    db = tmp_path / "r.db"
    with open(articles, "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    first = runner.invoke(app, ["ingest", str(articles), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert f"{articles}:3" in first.output and "malformed JSON" in first.output
    with SQLiteStore(db, readonly=True) as store:
        counts = store.counts()
    second = runner.invoke(app, ["ingest", str(articles), "--db", str(db), "--quiet"])
    assert second.exit_code == 0
    with SQLiteStore(db, readonly=True) as store:
        assert store.counts() == counts and counts["articles"] == 2
    search = runner.invoke(app, ["search", "--db", str(db), "تظاهر"])
    assert "x2" in search.stdout
    export = runner.invoke(app, ["export", "--db", str(db), "--format", "acled-csv"])
    assert export.stdout.startswith("event_id_cnty,event_date,year,")


def test_unreadable_inputs_give_messages_not_tracebacks(tmp_path):
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\xff\x00")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("عنوان\n\n" + ("قصفت الطائرات المدينة وقتل ثلاثة. " * 160_000), encoding="utf-8")  # ~5 MB
    result = runner.invoke(app, ["extract", str(tmp_path), "--quiet"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "binary" in result.output and "empty" in result.output
    assert "big.txt:1" in result.output and "limit" in result.output


def test_fast_ner_option_selects_the_model_without_encoder(articles, monkeypatch):
    import os

    from rasd.entities.model import load_model

    monkeypatch.setenv("RASD_NER", "accurate")  # recorded, so the option's own setting is undone afterwards
    result = runner.invoke(app, ["--fast-ner", "annotate", str(articles), "--quiet"])
    assert result.exit_code == 0, result.output
    assert os.environ.get("RASD_NER") == "fast" and load_model().encoder is None
    monkeypatch.setenv("RASD_NER", "accurate")
    assert load_model().encoder is not None
