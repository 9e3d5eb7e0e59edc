"""Two runs or one: cluster a store's reports in two halves (publication order, the clusterer's state
carried from the first run to the second through JSON) and in one pass, and compare events and ids.

    python benchmarks/halves.py rasd.db

The reports come from the store, so the comparison is of the clustering alone (extraction does not
depend on the split, except cross-article dating within one run).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from rasd.events.cluster import Clusterer, Report
from rasd.store.clusters import stored_reports


def main(db: str) -> None:
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    reports = sorted(stored_reports(conn), key=Report.order_key)
    half = len(reports) // 2
    t0 = time.perf_counter()
    one = Clusterer()
    one.add_many(reports)
    t1 = time.perf_counter()
    first = Clusterer()
    first.add_many(reports[:half])
    second = Clusterer.from_state(json.loads(json.dumps(first.state())))  # a new run reads the saved state
    second.add_many(reports[half:])
    same = sum(one.event_of(r.report_id) == second.event_of(r.report_id) for r in reports)
    print(f"{len(reports)} reports, split after {half} (published {reports[half].published}): "
          f"one pass {len(one)} events in {t1 - t0:.1f} s, two runs {len(second)} events; "
          f"same event id for {same} of {len(reports)} reports")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "rasd.db")
