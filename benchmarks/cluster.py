"""Clustering benchmark: microseconds per report at the start and at the end of feeding N reports.

    python benchmarks/cluster.py [N ...]        (defaults: 10000 100000)
    python benchmarks/cluster.py --store [N ...]   the same in an SQLite store (rasd.store.clusters),
                                                   one transaction and one fusion pass per 100 reports

Synthetic reports (fixed seed): three articles' reports in four of one real event, spread over a
year, a dozen towns and three event types.  The cost per report should stay flat as the store grows
(an index lookup, not a scan); only the density of reports per day and town raises it.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from rasd.events.cluster import Clusterer, Report

TYPES = [("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
         ("Violence against civilians", "Attack")]
TOWNS = [(13.0 + 0.7 * k, 44.0 + 0.3 * (k % 4)) for k in range(12)]


def synthetic_reports(n: int, seed: int = 7) -> list[Report]:
    rng = random.Random(seed)
    start, out = date(2015, 1, 1), []
    for i in range(n):
        if i % 4 and out:  # three in four retell a recent report
            base = out[-rng.randrange(1, min(len(out), 50) + 1)]
            typ, sub, (lat, lon), day = base.event_type, base.sub_event_type, (base.latitude, base.longitude), base.event_date
        else:
            (typ, sub), (lat, lon) = rng.choice(TYPES), rng.choice(TOWNS)
            day = (start + timedelta(days=i * 365 // n)).isoformat()
        out.append(Report(report_id=f"r{i}", doc_id=f"d{i}", event_type=typ, sub_event_type=sub,
                          published=day, event_date=day, time_precision=1, latitude=lat, longitude=lon,
                          geo_precision=1))
    return out


def main(sizes: list[int], store: bool = False) -> None:
    for n in sizes:
        reports = synthetic_reports(n)
        with tempfile.TemporaryDirectory() as tmp:
            feed, count = _in_store(Path(tmp) / "bench.db") if store else _in_memory()
            chunk, marks = max(n // 10, 1), []
            t0 = time.perf_counter()
            for k in range(0, n, chunk):
                t = time.perf_counter()
                feed(reports[k:k + chunk])
                marks.append((time.perf_counter() - t) / len(reports[k:k + chunk]) * 1e6)
            total = time.perf_counter() - t0
            print(f"{'store' if store else 'memory':<7}{n:>7} reports -> {count():>6} events in {total:.1f} s; "
                  f"µs per report: first tenth {marks[0]:.0f}, last tenth {marks[-1]:.0f}")


Feed = tuple[Callable[[list[Report]], object], Callable[[], int]]


def _in_memory() -> Feed:
    c = Clusterer()
    return c.add_many, c.__len__


def _in_store(path: Path) -> Feed:
    from rasd.store import SQLiteStore
    from rasd.store.clusters import StoreClusterer

    store, cache = SQLiteStore(path), {}

    def feed(reports: list[Report]) -> None:
        for k in range(0, len(reports), 100):  # as `rasd ingest` does: one transaction per batch
            store.conn.execute("BEGIN IMMEDIATE")
            c = StoreClusterer(store.conn, cache=cache)
            c.add_many(reports[k:k + 100])
            c.refresh()
            store.conn.execute("COMMIT")

    return feed, lambda: store.conn.execute("SELECT count(*) FROM real_events").fetchone()[0]


if __name__ == "__main__":
    args = sys.argv[1:]
    main([int(a) for a in args if a != "--store"] or [10_000, 100_000], store="--store" in args)
