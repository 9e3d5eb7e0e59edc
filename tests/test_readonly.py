"""Read-only places: a database in a read-only folder can be read; writing where one cannot is one line
naming the file and the reason, never a traceback; file names with URI characters are file names."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.document import Article
from rasd.pipeline import default_pipeline
from rasd.runner import ingest
from rasd.store import SQLiteStore, StoreError

runner = CliRunner()
TEXTS = ("اغتال مسلحون مجهولون ضابطا في مدينة درنة صباح أمس.", "تظاهر آلاف الطلاب في عمان للمطالبة بخفض الرسوم.")


def _docs(*texts: str, prefix: str = "r"):
    return [default_pipeline()(Article(text=t, id=f"{prefix}{i}", published="2016-02-10")) for i, t in enumerate(texts)]


def _database(path: Path) -> Path:
    with SQLiteStore(path) as store:
        ingest(_docs(*TEXTS), store)
    return path


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` made unwritable, even for root (chmod, then the immutable attribute); skips where impossible."""
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    immutable = False
    if os.access(path, os.W_OK):  # root ignores the mode bits
        immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode == 0
    try:
        if os.access(path, os.W_OK):
            pytest.skip("cannot make a path read-only here (root on a file system without chattr +i)")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        path.chmod(mode)


def test_a_hash_in_the_file_name_is_part_of_the_name(tmp_path):
    db = _database(tmp_path / "a#b?c%d.db")
    with SQLiteStore(db, readonly=True) as store:
        assert store.counts()["articles"] == 2
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["a#b?c%d.db"]


def test_readonly_store_writes_nothing(tmp_path):
    db = _database(tmp_path / "r.db")
    new = _docs("قصفت مدفعية الجيش مواقع للمسلحين في ريف إدلب.", prefix="new")
    with SQLiteStore(db, readonly=True) as store:
        with pytest.raises(StoreError, match="r.db: cannot write"):
            ingest(new, store)
        assert store.counts()["articles"] == 2


def test_database_in_a_read_only_folder_can_be_searched_and_exported(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = _database(folder / "events.db")
    with read_only(folder):
        with SQLiteStore(db, readonly=True) as store:
            assert store.counts()["articles"] == 2 and [h.doc_id for h in store.search("تظاهر")] == ["r1"]
        result = runner.invoke(app(), ["export", "--db", str(db)])
        assert result.exit_code == 0, result.output
        assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"r0", "r1"}
        result = runner.invoke(app(), ["search", "اغتال", "--db", str(db)])
        assert result.exit_code == 0 and "r0" in result.stdout, result.output


def _one_line_error(result, *words: str) -> None:
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit), result.exception
    said = " ".join(result.output.split())
    assert said.startswith("error:") and "Traceback" not in result.output and all(w in said for w in words), said
    assert len(result.output.strip().splitlines()) == 1


def test_ingest_into_a_folder_that_is_a_file_is_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "z", "text": TEXTS[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "notes").write_text("a file, not a folder")
    result = runner.invoke(app(), ["ingest", str(src), "--db", str(tmp_path / "notes" / "new.db"), "--quiet"])
    _one_line_error(result, "new.db", "not a folder")


def test_ingest_into_a_read_only_folder_is_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "z", "text": TEXTS[0]}, ensure_ascii=False) + "\n", encoding="utf-8")
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        result = runner.invoke(app(), ["ingest", str(src), "--db", str(folder / "new.db"), "--quiet"])
    _one_line_error(result, "new.db", "not writable")
    assert not (folder / "new.db").exists()


def test_new_articles_into_a_read_only_database_is_one_line(tmp_path):
    db = _database(tmp_path / "frozen.db")
    with read_only(db), SQLiteStore(db) as store, pytest.raises(StoreError, match="frozen.db: cannot write the database"):
        ingest(_docs("قصفت مدفعية الجيش مواقع للمسلحين في ريف إدلب.", prefix="new"), store)


def app():
    from rasd.cli import app as cli_app

    return cli_app
