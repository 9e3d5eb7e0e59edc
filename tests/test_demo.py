"""The demo explains itself: a legend for the precision numbers and the background marker, and each
event's evidence shown around its trigger word."""

from __future__ import annotations

from typer.testing import CliRunner

from rasd.cli import app
from rasd.store import SQLiteStore

runner = CliRunner()


def test_demo_has_a_legend_and_shows_each_trigger_in_its_evidence(tmp_path):
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db), "--fast-ner"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert all(w in said for w in ("date (n): time precision 1 day", "bg: background, over 30 days",
                                   "place (n): geo precision 1 town"))
    with SQLiteStore(db, readonly=True) as store:
        events = list(store.iter_events())
    assert events
    for ev in events:
        trigger = ev["trigger"]["text"]
        assert f"[{' '.join(trigger.split())}]" in said, trigger
