"""Scaling benchmark: `rasd ingest` of N SaudiNewsNet articles in one process, then on a local dask
cluster of 1 and of 2 workers (rasd.distributed); prints articles/s, the ratio to 1 worker and peak RSS.

    python benchmarks/scale.py [N] [PATH]      (defaults: 300, ../shared/data/saudinewsnet/articles.jsonl.gz)

The first N lines are written to a temporary .jsonl (byte ranges apply to plain files only).  Each run
stores into a new database; its start-up (models loaded, cluster started) is timed apart from the run.
The NER mode is RASD_NER's (default fast).  The machine's load average is printed before each run, and
whether the three databases hold the same reports and events (ingest timestamps aside).
"""

from __future__ import annotations

import gzip
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from rasd.document import Article, Document
from rasd.events.corpus import dated_in_batches
from rasd.io.readers import ReadProblem, read_articles
from rasd.runner import analyse_all, ingest, unchanged_filter
from rasd.store import IngestStats, SQLiteStore

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def first_lines(source: Path, n: int, target: Path) -> None:
    with gzip.open(source, "rb") as fh, open(target, "wb") as out:
        out.writelines(islice(fh, n))


def timed_ingest(docs: Callable[[SQLiteStore, IngestStats, Callable[[ReadProblem], None]], Iterator[Document]],
                 db: Path) -> tuple[float, int, int, float]:
    """(seconds, articles stored, problems, CPU seconds of this process) of one ingest into a new database."""
    problems: list[ReadProblem] = []
    with SQLiteStore(db) as store:
        skipped = IngestStats()
        start, cpu = time.perf_counter(), time.process_time()
        stats = ingest(dated_in_batches(docs(store, skipped, problems.append)), store)
        return time.perf_counter() - start, stats.added, len(problems), time.process_time() - cpu


def single(path: Path, db: Path) -> dict:
    from rasd.distributed import WARM_UP
    from rasd.pipeline import default_pipeline

    start = time.perf_counter()
    pipeline = default_pipeline()
    pipeline(Article(text=WARM_UP, published="2015-03-03"))
    ready = time.perf_counter() - start
    wall, n, problems, cpu = timed_ingest(
        lambda store, skipped, report: analyse_all(unchanged_filter(read_articles(path, report), store, skipped),
                                                   pipeline, report), db)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"run": "one process", "start": ready, "wall": wall, "n": n, "problems": problems, "rss": [rss], "cpu": cpu}


def on_dask(path: Path, db: Path, workers: int) -> dict:
    from rasd.distributed import PLUGIN, PipelinePlugin, connect, run, settings, unchanged_in

    start = time.perf_counter()
    with connect(workers=workers) as client:
        client.register_plugin(PipelinePlugin(settings()), name=PLUGIN)  # models loaded on every worker
        ready = time.perf_counter() - start
        wall, n, problems, cpu = timed_ingest(
            lambda store, skipped, report: run(client, [path], report, skip=unchanged_in(store, skipped)), db)
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"run": f"dask, {workers} worker{'s' * (workers > 1)}", "start": ready, "wall": wall, "n": n,
            "problems": problems, "rss": sorted(peaks.values()), "cpu": cpu}


def stored(db: Path) -> list:
    with SQLiteStore(db) as store:
        return [sorted(({k: v for k, v in r.items() if k != "timestamp"} for r in rows), key=lambda r: r["event_id"])
                for rows in (store.iter_events(), store.iter_real_events())]


def differences(a: list, b: list) -> list[str]:
    """What differs between two databases' reports and events (at most the first record's fields)."""
    found = []
    for what, x, y in (("reports", a[0], b[0]), ("events", a[1], b[1])):
        if len(x) != len(y):
            found.append(f"{len(x)} vs {len(y)} {what}")
        elif x != y:
            r, s = next((r, s) for r, s in zip(x, y, strict=True) if r != s)
            keys = sorted(k for k in r.keys() | s.keys() if r.get(k) != s.get(k))
            found.append(f"{sum(r != s for r, s in zip(x, y, strict=True))} {what} differ, "
                         f"e.g. {r['event_id']}: " + ", ".join(f"{k} {r.get(k)!r} vs {s.get(k)!r}" for k in keys))
    return found


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT
    if not source.exists():
        sys.exit(f"{source}: not found (the benchmark needs ../shared/data)")
    print(f"{n} articles of {source.name}; RASD_NER={os.environ.get('RASD_NER', 'fast')}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        first_lines(source, n, path)
        rows = []
        for name, job in (("dask1", lambda db: on_dask(path, db, 1)), ("dask2", lambda db: on_dask(path, db, 2)),
                          ("one", lambda db: single(path, db))):
            print(f"  {name}: load average before {os.getloadavg()[0]:.2f}", flush=True)
            rows.append(job(Path(tmp) / f"{name}.db"))
        one = stored(Path(tmp) / "one.db")
        differ = {name: differences(one, stored(Path(tmp) / f"{name}.db")) for name in ("dask1", "dask2")}
    base = next(r for r in rows if r["run"] == "dask, 1 worker")
    print(f"\n{'run':<16}{'start s':>8}{'ingest s':>10}{'driver CPU s':>13}{'articles':>9}{'art/s':>8}{'× 1 worker':>11}"
          "  peak RSS MB (workers)")
    for r in rows:
        rate = r["n"] / r["wall"]
        print(f"{r['run']:<16}{r['start']:>8.1f}{r['wall']:>10.1f}{r['cpu']:>13.1f}{r['n']:>9}{rate:>8.2f}"
              f"{rate / (base['n'] / base['wall']):>11.2f}  {', '.join(f'{m:.0f}' for m in r['rss'])}")
    for name, found in differ.items():
        print(f"{name} vs one process: " + ("the same reports and events" if not found else "; ".join(found)))


if __name__ == "__main__":
    main()
