"""Bulk runs on a dask cluster (rasd.distributed) give the single-process run's store; reading by parts
(rasd.io.readers.input_parts / read_part) gives read_articles' articles and problems."""

from __future__ import annotations

import csv
import io
import json
import os
import random

import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.io.readers import input_parts, read_articles, read_part
from rasd.store import SQLiteStore

runner = CliRunner()
# invented reports: an attack with its date (told by two outlets), a reaction that dates from them, an air strike, a bombing, a protest
ARTICLES = [
    {"id": "d1", "published": "2016-04-10", "source": "wakala", "title": "هجوم على نقطة تفتيش في الموصل",
     "text": "أعلنت مصادر أمنية أن مسلحين مجهولين هاجموا نقطة تفتيش للشرطة في مدينة الموصل يوم الجمعة 8 نيسان "
             "2016، ما أسفر عن مقتل أربعة من عناصر الأمن."},
    {"id": "d2", "published": "2016-04-11", "source": "sahifa",
     "text": "دان وزير الداخلية الهجوم المسلح الذي استهدف نقطة تفتيش في الموصل وأدى إلى مقتل أربعة من عناصر الشرطة."},
    {"id": "d3", "published": "2015-09-20", "source": "wakala",
     "text": "قصفت طائرات حربية قرية قرب مدينة إدلب صباح السبت 19 أيلول 2015، وقالت مصادر طبية إن سبعة مدنيين قتلوا "
             "في القصف."},
    None,  # line 4: malformed
    {"id": "d5", "published": "2017-01-05", "source": "sahifa",
     "text": "انفجرت سيارة مفخخة في سوق شعبي ببغداد مساء الأربعاء 4 كانون الثاني 2017، وأدى الانفجار إلى مقتل تسعة "
             "أشخاص وإصابة عشرين آخرين."},
    {"id": "d6", "published": "2015-07-14", "source": "wakala",
     "text": "اشتبكت قوات الجيش مع مسلحين في محافظة صعدة أمس الاثنين، وأفاد مصدر عسكري بمقتل خمسة مسلحين."},
    {"id": "d7", "published": "2014-11-02", "source": "sahifa",
     "text": "تظاهر مئات الطلاب في القاهرة يوم السبت احتجاجا على غلاء الأسعار."},
    {"id": "d1", "published": "2016-04-10", "text": "سطر يكرر معرفا سابقا."},  # line 8: a repeated id
    {"id": "d9", "published": "2016-04-09", "source": "sahifa",  # the attack told by a second outlet
     "text": "قتل أربعة من عناصر الشرطة أمس في هجوم مسلح على نقطة تفتيش في الموصل."},
]
CHUNK = 500  # bytes: the file above is read in four parts


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) if a else '{"id": "d4", "text": ' for a in ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read_by_parts(path, chunk):
    problems = []
    parts = list(input_parts(path, problems.append, chunk=chunk))
    articles = [(a.id, a.text, a.origin) for p in parts for a in read_part(p, problems.append)]
    return parts, articles, [str(p) for p in problems]


def _read_whole(path):
    problems = []
    articles = [(a.id, a.text, a.origin) for a in read_articles(path, problems.append)]
    return articles, [str(p) for p in problems]


def test_parts_of_a_jsonl_file_read_like_the_whole(tmp_path):
    rng = random.Random(7)
    lines = []
    for n in range(150):
        r = rng.random()
        lines.append("{broken" if r < 0.06 else "" if r < 0.1 else json.dumps({"id": f"a{n}", "text": "خبر " * rng.randint(1, 40)}))
    path = tmp_path / "many.jsonl"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")  # a BOM on line 1 only
    whole = _read_whole(path)
    assert any(":1" not in p and "malformed" in p for p in whole[1])
    for chunk in (1, 300, 2000, 10**9):
        parts, articles, problems = _read_by_parts(path, chunk)
        assert (articles, problems) == whole, chunk
        assert len(parts) > 1 or chunk == 10**9
        assert all(p.split for p in parts) or len(parts) == 1


def test_parts_of_a_csv_file_keep_quoted_newlines_and_line_numbers(tmp_path):
    rng = random.Random(3)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "text"])
    for n in range(80):
        text = "سطر أول\nو«ثان» \"مقتبس\"" * rng.randint(1, 4) if rng.random() < 0.4 else "خبر " * rng.randint(1, 20)
        writer.writerow([f"c{n}", text] + (["زائد"] if n % 17 == 5 else []))
    path = tmp_path / "many.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    whole = _read_whole(path)
    assert any("fields, header has 2" in p for p in whole[1])
    for chunk in (1, 250, 10**9):
        parts, articles, problems = _read_by_parts(path, chunk)
        assert (articles, problems) == whole, chunk


def test_a_gzipped_jsonl_file_is_cut_into_parts_that_read_like_the_whole(tmp_path):
    import gzip

    rng = random.Random(11)
    lines = ["{broken" if rng.random() < 0.08 else json.dumps({"id": f"g{n}", "text": "خبر " * rng.randint(1, 30)})
             for n in range(120)]
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(gzip.compress(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")))
    whole = _read_whole(path)
    assert any("many.jsonl.gz:" in p and "malformed" in p for p in whole[1])
    for chunk in (1, 700, 10**9):
        parts, articles, problems = _read_by_parts(path, chunk)
        assert (articles, problems) == whole, chunk
        assert all(p.data for p in parts) and (len(parts) > 1 or chunk == 10**9)
        assert parts[-1].done() == path.stat().st_size


def test_an_empty_gzipped_jsonl_file_is_reported_as_when_read_whole(tmp_path):
    import gzip

    path = tmp_path / "empty.jsonl.gz"
    path.write_bytes(gzip.compress(b""))
    parts, articles, problems = _read_by_parts(path, 700)
    assert (articles, problems) == _read_whole(path) and any("empty file" in p for p in problems)


def test_a_truncated_gzip_file_keeps_what_it_read_and_names_the_file(tmp_path):
    import gzip

    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress("\n".join(json.dumps({"id": f"t{n}", "text": "نص " * 50 + str(n)}) for n in range(300)).encode())
    path.write_bytes(data[: len(data) // 2])
    parts, articles, problems = _read_by_parts(path, 2000)
    assert 0 < len(articles) < 300 and articles == _read_whole(path)[0][: len(articles)]
    assert any(p.startswith(str(path)) and "stopped reading this file" in p for p in problems)


def test_gzipped_csv_and_json_arrays_are_read_whole(tmp_path, jsonl):
    import gzip

    gz = tmp_path / "in.csv.gz"
    gz.write_bytes(gzip.compress(("id,text\n" + "".join(f"c{n},خبر رقم {n}\n" for n in range(40))).encode()))
    array = tmp_path / "array.json.gz"
    array.write_bytes(gzip.compress(json.dumps([a for a in ARTICLES[:7] if a], ensure_ascii=False, indent=1).encode()))
    for path in (gz, array):
        parts, articles, problems = _read_by_parts(path, 1)
        assert len(parts) == 1 and not parts[0].data and (articles, problems) == _read_whole(path)


# ---- on a cluster ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scheduler():
    """One local cluster of two worker processes (loopback) for the module: each loads the models once."""
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _stored(db):
    with SQLiteStore(db, readonly=True) as store:
        strip = lambda rows: sorted(({k: v for k, v in r.items() if k != "timestamp"} for r in rows),  # noqa: E731
                                    key=lambda r: r["event_id"])
        return store.counts(), strip(store.iter_events()), strip(store.iter_real_events())


def test_cluster_ingest_stores_what_one_process_does(jsonl, tmp_path, scheduler, monkeypatch):
    from distributed import Client

    import rasd.distributed

    monkeypatch.setenv("RASD_NER", "fast")  # both runs; the workers get it from the driver
    monkeypatch.setattr(rasd.distributed, "CHUNK", CHUNK)
    assert len(list(input_parts(jsonl, chunk=CHUNK))) == 4
    one = runner.invoke(app, ["ingest", str(jsonl), "--db", str(tmp_path / "one.db")])
    assert one.exit_code == 0, one.output
    many = runner.invoke(app, ["ingest", str(jsonl), "--db", str(tmp_path / "many.db"), "--scheduler", scheduler])
    assert many.exit_code == 0, many.output
    assert f"{jsonl}:4: malformed JSON" in many.output
    assert f"{jsonl}:8: duplicate id 'd1'" in many.output
    assert "7 added, 0 updated, 0 unchanged" in many.output
    counts, reports, events = _stored(tmp_path / "many.db")
    assert counts["articles"] == 7 and len(reports) >= 4
    assert (counts, reports, events) == _stored(tmp_path / "one.db")
    reaction = next(r for r in reports if r["doc_id"] == "d2")  # dated from d1, an article of another part
    assert reaction["event_date"] == "2016-04-08"
    with Client(scheduler) as client:
        assert set(client.run(lambda: os.environ.get("RASD_NER")).values()) == {"fast"}

    again = runner.invoke(app, ["ingest", str(jsonl), "--db", str(tmp_path / "many.db"), "--scheduler", scheduler])
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 7 unchanged" in again.output
    assert _stored(tmp_path / "many.db")[1:] == (reports, events)


def test_cluster_ingest_limit_and_changed_articles(jsonl, tmp_path, scheduler, monkeypatch):
    import rasd.distributed

    monkeypatch.setenv("RASD_NER", "fast")
    monkeypatch.setattr(rasd.distributed, "CHUNK", CHUNK)
    db = tmp_path / "r.db"

    def ingest(*more: str) -> str:
        result = runner.invoke(app, ["ingest", str(jsonl), "--db", str(db), "--scheduler", scheduler, *more])
        assert result.exit_code == 0, result.output
        return result.output

    first = ingest("--limit", "2")
    assert "2 added, 0 updated, 0 unchanged" in first and "malformed" not in first  # line 4 comes after d2
    assert "5 added, 0 updated, 2 unchanged" in ingest()
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace("تسعة", "عشرة")  # d5 changed
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "0 added, 1 updated, 6 unchanged" in ingest()
    with SQLiteStore(db, readonly=True) as store:
        assert "عشرة" in next(r for r in store.iter_events() if r["doc_id"] == "d5")["evidence"]["text"]


def test_cluster_ingest_of_folders_names_files_as_one_process(tmp_path, scheduler, monkeypatch):
    monkeypatch.setenv("RASD_NER", "fast")
    for folder, article in (("a", ARTICLES[0]), ("b", ARTICLES[2])):  # the same file name in two folders
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"خبر\n\n{article['text']}\n", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("-", encoding="utf-8")
    outputs = []
    for db, more in (("one.db", []), ("many.db", ["--scheduler", scheduler])):
        result = runner.invoke(app, ["ingest", str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(tmp_path / db), *more])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    for output in outputs:
        assert "of other types not read (.md ×1)" in output
        assert f"{tmp_path / 'b' / 'x.txt'}:1: an earlier file is also named 'x': this one is stored as sha1-" in output
    assert _stored(tmp_path / "many.db") == _stored(tmp_path / "one.db")


def test_cluster_options_are_checked(jsonl, tmp_path):
    both = runner.invoke(app, ["ingest", str(jsonl), "--db", str(tmp_path / "r.db"), "--workers", "1",
                               "--scheduler", "tcp://127.0.0.1:1"])
    assert both.exit_code == 1 and "not both" in both.output
    stdin = runner.invoke(app, ["ingest", "-", "--db", str(tmp_path / "r.db"), "--scheduler", "tcp://127.0.0.1:1"],
                          input="{}\n")
    assert stdin.exit_code == 1 and "standard input" in stdin.output
