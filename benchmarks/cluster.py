"""Clustering benchmark: microseconds per report at the start and at the end of feeding N reports.

    python benchmarks/cluster.py [N ...]        (defaults: 10000 100000)

Synthetic reports (fixed seed): three articles' reports in four of one real event, spread over a
year, a dozen towns and three event types.  The cost per report should stay flat as the store grows
(an index lookup, not a scan); only the density of reports per day and town raises it.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

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


def main(sizes: list[int]) -> None:
    for n in sizes:
        reports, c = synthetic_reports(n), Clusterer()
        chunk, marks = max(n // 10, 1), []
        t0 = time.perf_counter()
        for k in range(0, n, chunk):
            t = time.perf_counter()
            c.add_many(reports[k:k + chunk])
            marks.append((time.perf_counter() - t) / len(reports[k:k + chunk]) * 1e6)
        total = time.perf_counter() - t0
        print(f"{n:>7} reports -> {len(c):>6} events in {total:.1f} s; µs per report: first tenth {marks[0]:.0f}, "
              f"last tenth {marks[-1]:.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
