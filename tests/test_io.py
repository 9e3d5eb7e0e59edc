from __future__ import annotations

import gzip
import json

from rasd.io.readers import read_articles


def _read(paths):
    problems = []
    articles = list(read_articles(paths, problems.append))
    return articles, problems


def test_jsonl_broken_line_is_named_and_others_read(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "نص أول"}, ensure_ascii=False) + "\n"
        + '{"id": "b", "text": "مكسور\n'
        + json.dumps({"id": "c", "text": "نص ثالث", "published": "2015-08-03"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "d"}) + "\n",
        encoding="utf-8",
    )
    articles, problems = _read(f)
    assert [a.id for a in articles] == ["a", "c"]
    assert [p.where for p in problems] == [f"{f}:2", f"{f}:4"]
    assert "malformed JSON" in problems[0].message and "text" in problems[1].message


def test_saudinewsnet_field_names_are_understood(tmp_path):
    f = tmp_path / "snn.jsonl.gz"
    rec = {"source": "aawsat", "title": "عنوان", "content": "متن", "date_extracted": "2015-07-21 02:51:32",
           "author": "لندن: رنيم حنوش", "url": "http://x"}
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (a,), problems = _read(f)
    assert not problems
    assert (a.text, a.title, a.dateline, a.source) == ("متن", "عنوان", "لندن", "aawsat")
    assert a.published_date.isoformat() == "2015-07-21"
    assert a.id is None and a.doc_id.startswith("sha1-")


def test_csv_txt_and_directory(tmp_path):
    (tmp_path / "a.csv").write_text("id,title,text\nx1,عنوان,نص المقال\nx2,بلا نص,\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\nالعنوان هنا\n\nالفقرة الأولى.\nالفقرة الثانية.\n", encoding="utf-8")
    articles, problems = _read(tmp_path)
    assert [a.id for a in articles] == ["x1", "b"]
    assert articles[1].title == "العنوان هنا" and articles[1].text.startswith("الفقرة الأولى")
    assert [p.where for p in problems] == [f"{tmp_path / 'a.csv'}:3"]


def test_empty_binary_and_non_utf8_files_give_messages(tmp_path):
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02garbage\x00")
    (tmp_path / "latin.jsonl").write_bytes(json.dumps({"text": "x"}).encode() + b"\n" + '{"text": "caf\xe9"}\n'.encode("latin-1"))
    articles, problems = _read(sorted(tmp_path.iterdir()))
    messages = {p.where.split("/")[-1]: p.message for p in problems}
    assert "binary" in messages["bin.jsonl"]
    assert "empty" in messages["empty.txt:1"]
    assert "UTF-8" in messages["latin.jsonl:2"]
    assert [a.text for a in articles] == ["x"]


def test_missing_path_reported(tmp_path):
    articles, problems = _read(tmp_path / "nope.jsonl")
    assert not articles and "no such file" in problems[0].message
