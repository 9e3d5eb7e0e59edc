"""Ctrl-C during ingest: every batch is committed as it is analysed; SIGINT finishes the batch in hand,
says what was stored and exits 130."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

TEXT = "أفاد شهود عيان أن مسلحين هاجموا نقطة تفتيش في مدينة الرمادي صباح اليوم، ما أدى إلى مقتل {n} من عناصر الشرطة."
BATCH = 10


def _stored(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigint_commits_the_batch_in_hand_and_exits_130(tmp_path):
    src = tmp_path / "many.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(300):
            fh.write(json.dumps({"id": f"r{i}", "text": TEXT.format(n=i + 2), "published": "2016-05-02"}, ensure_ascii=False) + "\n")
    db = tmp_path / "int.db"
    cmd = [sys.executable, "-m", "rasd.cli", "ingest", str(src), "--db", str(db), "--quiet", "--batch-size", str(BATCH),
           "--fast-ner"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = 0
    for _ in range(3000):  # bounded wait (generous for a loaded machine) for the first committed batch
        time.sleep(0.1)
        first = _stored(db) if db.exists() else 0
        if first or proc.poll() is not None:
            break
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=600)
    assert 0 < first < 200, "the first batch must be committed as soon as it is analysed"
    assert proc.returncode == 130, stderr
    stored = _stored(db)
    assert stored % BATCH == 0 and first <= stored < 300  # the batch in hand was finished, nothing after it
    assert "Traceback" not in stderr
    said = " ".join(stderr.split())
    assert said.startswith("interrupted:") and f"holds {stored} articles" in said
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
