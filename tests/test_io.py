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


def test_same_named_files_in_folders_get_distinct_stable_ids(tmp_path):
    coll = tmp_path / "coll"
    for year, text in (("2015", "قصف على المدينة"), ("2016", "اشتباكات في القرية")):
        (coll / year).mkdir(parents=True)
        (coll / year / "1.txt").write_text(text, encoding="utf-8")
    first, problems = _read(coll)
    assert [(a.id, a.text) for a in first] == [("2015/1", "قصف على المدينة"), ("2016/1", "اشتباكات في القرية")]
    assert not problems
    assert [a.doc_id for a in _read(coll)[0]] == [a.doc_id for a in first]  # stable across runs
    # the same file names given one by one: the second is named by its content, with a note
    again, notes = _read([coll / "2015" / "1.txt", coll / "2016" / "1.txt"])
    assert again[0].doc_id == "1" and again[1].doc_id.startswith("sha1-")
    assert [p.note for p in notes] == [True] and "1" in notes[0].message


def test_a_repeated_id_is_reported_not_silently_replaced(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps({"id": "a", "text": t}, ensure_ascii=False) for t in ("أول", "ثان")) + "\n",
                 encoding="utf-8")
    articles, problems = _read(f)
    assert [a.text for a in articles] == ["أول"]
    assert problems[0].where == f"{f}:2" and "duplicate id 'a'" in problems[0].message


def test_folder_reads_only_the_documented_types(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("مخفي", encoding="utf-8")
    articles, problems = _read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert len(problems) == 1 and ".md ×1" in problems[0].message and ".html ×1" in problems[0].message


def test_windows_1256_is_recognised_and_read_with_encoding(tmp_path):
    f = tmp_path / "old.jsonl"
    f.write_bytes(b"".join((json.dumps({"id": str(i), "text": "قصف المدينة"}, ensure_ascii=False) + "\n").encode("cp1256")
                           for i in range(3)))
    articles, problems = _read(f)
    assert not articles and len(problems) == 1  # one message for the file, not one per line
    assert "Windows-1256" in problems[0].message and "--encoding cp1256" in problems[0].message
    t = tmp_path / "old.txt"
    t.write_bytes("عنوان\nقصف المدينة".encode("cp1256"))
    assert "Windows-1256" in _read(t)[1][0].message
    articles = list(read_articles([f, t], lambda p: None, encoding="cp1256"))
    assert [a.text for a in articles] == ["قصف المدينة"] * 4


def test_csv_without_a_text_column_is_reported_once(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("id,headline,article\n" + "".join(f"{i},عنوان,نص\n" for i in range(5)), encoding="utf-8")
    articles, problems = _read(f)
    assert not articles and len(problems) == 1
    assert problems[0].where == f"{f}:1" and "'article'" in problems[0].message and "text" in problems[0].message


def test_messages_use_json_type_names(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"text": "نص"}\nnull\n{"text": {"a": 1}}\n["x"]\n', encoding="utf-8")
    _, problems = _read(f)
    assert [p.message for p in problems] == ["expected a JSON object, got null", "'text' must be a string, got an object",
                                             "expected a JSON object, got an array"]


def test_pretty_printed_json_array_is_read(tmp_path):
    f = tmp_path / "dump.json"
    records = [{"id": "a", "text": "قصف [المدينة], أمس"}, {"id": "b", "text": "اشتباكات"}, {"id": "c"}]
    f.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    articles, problems = _read(f)
    assert [(a.id, a.text) for a in articles] == [("a", "قصف [المدينة], أمس"), ("b", "اشتباكات")]
    assert [a.origin for a in articles] == [f"{f}:2", f"{f}:6"]
    assert problems[0].note and "JSON array" in problems[0].message
    assert problems[1].where == f"{f}:10" and "text" in problems[1].message and len(problems) == 2
    f.write_text(json.dumps(records[:2], ensure_ascii=False, indent=2)[:-1], encoding="utf-8")  # no closing ]
    articles, problems = _read(f)
    assert len(articles) == 2 and "not closed" in problems[-1].message


def test_txt_is_read_with_a_bound(monkeypatch, tmp_path):
    import io

    from rasd.io import readers

    monkeypatch.setattr(readers, "MAX_CHARS", 100)
    sizes = []

    class Recording(io.StringIO):
        def read(self, size=-1):
            sizes.append(size)
            return super().read(size)

    problems = []
    text = "عنوان\n\n" + "كلمة " * 10 + "\n" + "كلمة " * 100
    assert not list(readers._read_txt(Recording(text), tmp_path / "big.txt", "big", problems.append))
    assert sizes and all(0 <= s <= 101 for s in sizes)
    assert problems[0].where == f"{tmp_path / 'big.txt'}:4" and "100 characters" in problems[0].message


def test_csv_field_limit_is_not_changed_for_the_process(tmp_path):
    import csv

    default = csv.field_size_limit()
    assert default < 1_000_000  # importing rasd left Python's default in place
    f = tmp_path / "long.csv"
    f.write_text("id,text\nx," + "ن" * 300_000 + "\n", encoding="utf-8")
    (a,), problems = _read(f)
    assert len(a.text) == 300_000 and not problems and csv.field_size_limit() == default


def test_overlong_jsonl_line_is_skipped_with_its_line(monkeypatch, tmp_path):
    from rasd.io import readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 200)
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": "x" * 1000}) + "\n" + json.dumps({"text": "نص"}, ensure_ascii=False) + "\n")
    articles, problems = _read(f)
    assert [a.text for a in articles] == ["نص"] and problems[0].where == f"{f}:1" and "200 bytes" in problems[0].message


def test_progress_counts_bytes_of_known_sizes(tmp_path):
    from rasd.io.readers import ReadProgress

    (tmp_path / "a.jsonl").write_text("".join(json.dumps({"text": f"نص {i}"}, ensure_ascii=False) + "\n" for i in range(50)),
                                      encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص", encoding="utf-8")
    progress = ReadProgress()
    seen = [progress.done for _ in read_articles(tmp_path, lambda p: None, progress=progress)]
    assert progress.total == sum(p.stat().st_size for p in tmp_path.iterdir())
    assert seen == sorted(seen) and seen[-1] <= progress.total == progress.done


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"text": "قصف \\udc80 المدينة", "title": "\\ud83d\\ude00 \\ud800"}\n', encoding="utf-8")
    ((a,), _) = _read(f)
    assert (a.text, a.title) == ("قصف \ufffd المدينة", "\U0001f600 \ufffd")  # a proper pair stays one character
    a.document_text.encode("utf-8")  # writable as UTF-8
