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


def _events_in(fmt: str, text: str) -> list[dict]:
    """The event rows of an extract output, as dicts of its fields."""
    import csv
    import io

    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if fmt == "geojson":
        features = json.loads(text)["features"]
        for f in features:  # the point is the record's own coordinates
            assert f["geometry"]["coordinates"] == [f["properties"]["longitude"], f["properties"]["latitude"]]
        return [f["properties"] for f in features]
    rows = list(csv.DictReader(io.StringIO(text)))
    return [{**r, "event_id": r.get("event_id") or r["event_id_cnty"]} for r in rows]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled-csv", "geojson"])
def test_extract_formats(articles, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["extract", str(articles), "--format", fmt, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    events = _events_in(fmt, out.read_text(encoding="utf-8"))
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) and all(i.startswith("rasd-") for i in ids)
    found = {(e["sub_event_type"], e["location"], e["event_date"], str(e["fatalities"] or 0)) for e in events}
    assert {("Air/drone strike", "Sanaa", "2015-08-07", "12"), ("Peaceful protest", "Baghdad", "2015-08-08", "0")} <= found


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
    assert "big.txt:3" in result.output and "limit" in result.output  # the line where the limit was reached


def test_fast_ner_option_selects_the_model_without_encoder(articles, monkeypatch):
    import os

    from rasd.entities.model import load_model

    monkeypatch.setenv("RASD_NER", "accurate")  # recorded, so the option's own setting is undone afterwards
    result = runner.invoke(app, ["--fast-ner", "annotate", str(articles), "--quiet"])
    assert result.exit_code == 0, result.output
    assert os.environ.get("RASD_NER") == "fast" and load_model().encoder is None
    monkeypatch.setenv("RASD_NER", "accurate")
    assert load_model().encoder is not None


def test_ner_option_selects_the_taggers(articles, monkeypatch):
    import os

    from rasd.entities.model import load_model

    monkeypatch.setenv("RASD_NER", "fast")
    result = runner.invoke(app, ["--ner", "neural", "extract", str(articles), "--quiet", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert os.environ.get("RASD_NER") == "neural" and load_model().neural is not None and load_model().encoder is None
    refused = runner.invoke(app, ["--ner", "slow", "extract", str(articles), "--quiet"])
    assert refused.exit_code == 1 and "fast, neural, accurate" in refused.output


def test_paths_and_text_are_printed_without_markup(tmp_path):
    (tmp_path / "d[").mkdir()
    (tmp_path / "d[" / "x]").mkdir()
    odd = tmp_path / "d[" / "x]" / "f.jsonl"  # the folder path reads d[/x]/f.jsonl
    odd.write_text("{broken [bold]\n", encoding="utf-8")
    other = tmp_path / "in[b].jsonl"
    other.write_text("[/]\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(odd), str(other), "--quiet"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception  # no MarkupError
    assert f"{odd}:1" in result.output and str(other) in result.output


def test_fast_ner_after_the_command_limit_and_progress(articles, monkeypatch):
    from rasd.entities.model import load_model

    monkeypatch.setenv("RASD_NER", "accurate")
    result = runner.invoke(app, ["annotate", str(articles), "--fast-ner", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert load_model().encoder is None  # the option after the command chose the fast model
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines() if line.startswith("{")] == ["x1"]
    assert "100%" in result.output and "1 articles annotated" in result.output  # a sized bar: percentage and ETA


def test_windows_1256_input_is_named_and_read_with_encoding(tmp_path, monkeypatch):
    monkeypatch.setenv("RASD_NER", "fast")
    f = tmp_path / "old.jsonl"
    f.write_bytes((json.dumps(ARTICLES[1], ensure_ascii=False) + "\n").encode("cp1256"))
    refused = runner.invoke(app, ["extract", str(f), "--quiet"])
    assert refused.exit_code == 1 and "Windows-1256" in refused.output and "--encoding cp1256" in refused.output
    read = runner.invoke(app, ["extract", str(f), "--quiet", "--encoding", "cp1256"])
    assert read.exit_code == 0 and json.loads(read.stdout.splitlines()[0])["event_type"] == "Protests"
    unknown = runner.invoke(app, ["extract", str(f), "--encoding", "klingon"])
    assert unknown.exit_code == 1 and "unknown encoding" in unknown.output


def _fake_training_data(root):
    """A few invented sentences in each of the layouts `rasd train ner` reads."""
    import gzip
    import random

    rng = random.Random(0)
    names = [("محمد", "PERS", "Person"), ("بغداد", "LOC", "Country"), ("دمشق", "LOC", "Country"), ("سعيد", "PERS", "Person")]
    words = ["قال", "في", "إن", "اليوم", "المدينة", "الجيش", "زار", "من", "إلى", "مع"]
    aner, fane = [], []
    for _ in range(40):
        for _ in range(6):
            if rng.random() < 0.3:
                name, tag, fine = rng.choice(names)
                aner.append(f"{name}\tB-{tag}")
                fane.append(f"{name}\tB-{fine}")
            else:
                word = rng.choice(words)
                aner += [f"{word}\tO"]
                fane += [f"{word}\tO"]
        aner.append(".\tO")
        fane += [".\tO", ""]
    for sub in ("anercorp", "wikifane", "saudinewsnet"):
        (root / sub).mkdir(parents=True)
    (root / "anercorp" / "train_approx.tsv").write_text("\n".join(aner) + "\n", encoding="utf-8")
    (root / "wikifane" / "wikifane_gold.txt").write_text("\n".join(fane) + "\n", encoding="utf-8")
    with gzip.open(root / "saudinewsnet" / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
        for _ in range(20):
            body = " ".join(rng.choice(words + [n for n, _, _ in names]) for _ in range(40))
            fh.write(json.dumps({"title": "عنوان", "content": body}, ensure_ascii=False) + "\n")


def test_training_leaves_the_shipped_model_unless_install(tmp_path, monkeypatch):
    pytest.importorskip("sklearn")
    from rasd.entities import train

    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for name in ("model.crfsuite", "neural.npz"):
        (shipped / name).write_text("shipped", encoding="utf-8")
    monkeypatch.setattr(train, "default_dir", lambda: shipped)
    monkeypatch.chdir(tmp_path)
    _fake_training_data(tmp_path / "data")
    config = train.TrainConfig(neural=False, second_pass=False, max_iterations=5)
    summary = train.main(data=str(tmp_path / "data"), config=config)
    (folder,) = tmp_path.glob("ner-model-*")
    assert (folder / "model.crfsuite").stat().st_size > 0 and "unchanged" in summary
    assert {p.name: p.read_text() for p in shipped.iterdir()} == {"model.crfsuite": "shipped", "neural.npz": "shipped"}
    train.install(folder)
    assert (shipped / "model.crfsuite").read_bytes() == (folder / "model.crfsuite").read_bytes()
    assert not (shipped / "neural.npz").exists()  # no stale network beside a new CRF


def test_a_database_password_is_never_printed():
    result = runner.invoke(app, ["event", "rasd-ev-0", "--db", "postgresql://analyst:s3cret@127.0.0.1:1/rasd"])
    assert result.exit_code != 0
    assert "s3cret" not in result.output and "analyst:***@127.0.0.1:1" in result.output
