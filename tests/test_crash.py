"""A process killed mid-ingest leaves a consistent database and loses nothing it committed."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

from rasd.store import SQLiteStore

TEXT = "قالت مصادر محلية إن غارات جوية استهدفت مواقع في مدينة تعز أمس، ما أسفر عن مقتل {n} مسلحين."


def test_kill_during_ingest_keeps_committed_batches(tmp_path):
    src = tmp_path / "many.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(400):
            fh.write(json.dumps({"id": f"a{i}", "text": TEXT.format(n=i + 2), "published": "2015-08-08"}, ensure_ascii=False) + "\n")
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "rasd.cli", "--fast-ner", "ingest", str(src), "--db", str(db), "--quiet", "--batch-size", "10"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        committed = 0
        for _ in range(3000):  # wait (bounded, generously for a loaded machine) until some batches are committed
            time.sleep(0.1)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                        committed = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    committed = 0
            if committed >= 20 or proc.poll() is not None:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert committed >= 20
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM articles)").fetchone()[0]
        assert orphans == 0
        after_kill = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert after_kill >= committed  # nothing committed was lost
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    with SQLiteStore(db, readonly=True) as store:
        counts = store.counts()
    assert counts["articles"] == 400 and counts["events"] >= 400
