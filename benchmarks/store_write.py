"""Write throughput of the store, SQLite vs PostgreSQL + PostGIS: ``write_batch`` of annotations analysed
beforehand (no analysis is timed), into a new database of each, in batches as ``rasd ingest`` writes them
(articles, spans, reports, search terms, clustering into real events), then the same batches again
(every article unchanged).  The light stems of the search terms are computed (and cached) once before
either store is timed, so that neither pays the cold cache.  Prints articles/s and reports/s, and whether both stores hold the same events.

    python benchmarks/store_write.py SOURCE.db [--pg postgresql://…] [--batch 100]

SOURCE.db is a store that ``rasd ingest`` filled (e.g. ``RASD_NER=fast rasd ingest
../shared/data/saudinewsnet/articles.jsonl.gz --limit 2000 --db source.db``).  The PostgreSQL URL
defaults to $RASD_TEST_PG; the benchmark writes into a schema of its own and drops it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasd.store import open_store
from rasd.store.search import doc_text, search_terms


def annotations(source: str) -> list[dict[str, Any]]:
    """The stored annotations with their article metadata, as ``write_batch`` takes them, in publication order."""
    with open_store(source, readonly=True) as store:
        rows = store.db.execute("SELECT content_hash, title, text, published, source, url, dateline, annotation"
                                " FROM articles").fetchall()
    out = []
    for content_hash, title, text, published, outlet, url, dateline, raw in rows:
        ann = json.loads(raw)
        ann["article"] = {"content_hash": content_hash, "title": title, "text": text, "published": published,
                          "source": outlet, "url": url, "dateline": dateline}
        out.append(ann)
    return sorted(out, key=lambda a: (a["article"]["published"] or "", a["doc_id"]))


@contextmanager
def pg_schema(url: str) -> Iterator[str]:
    import psycopg

    schema = f"rasd_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema},public"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def run(db: str, anns: list[dict[str, Any]], batch: int) -> dict[str, Any]:
    """Write every batch into a new store, then again; the seconds of each pass and what the store holds."""
    passes = []
    with open_store(db) as store:
        for _ in range(2):
            t0 = time.perf_counter()
            for k in range(0, len(anns), batch):
                store.write_batch(anns[k:k + batch])
            passes.append(time.perf_counter() - t0)
        counts = store.counts()
        events = [{k: v for k, v in e.items() if k != "timestamp"} for e in store.iter_real_events()]
    return {"first": passes[0], "again": passes[1], "counts": counts, "events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a store filled by rasd ingest")
    parser.add_argument("--pg", default=os.environ.get("RASD_TEST_PG"), help="PostgreSQL URL (default $RASD_TEST_PG)")
    parser.add_argument("--batch", type=int, default=100, help="articles per transaction (rasd ingest's default)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    anns = annotations(args.source)
    n_reports = sum(len(a.get("events", [])) for a in anns)
    print(f"{len(anns)} annotations, {n_reports} reports, read in {time.perf_counter() - t0:.1f} s; batches of {args.batch}")
    t0 = time.perf_counter()  # the search terms' light stems, cached: both stores then start warm
    for a in anns:
        search_terms(doc_text(a["article"]["title"], a["article"]["text"]))
    print(f"search terms of every article (the same work for both stores), cold: {time.perf_counter() - t0:.1f} s")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = run(str(Path(folder) / "bench.db"), anns, args.batch)
    if args.pg:
        with pg_schema(args.pg) as url:
            results["postgresql"] = run(url, anns, args.batch)
    else:
        print("no PostgreSQL URL (--pg or RASD_TEST_PG): SQLite only", file=sys.stderr)
    for name, r in results.items():
        c = r["counts"]
        print(f"{name:>10}: first write {r['first']:6.2f} s = {len(anns) / r['first']:7.1f} articles/s,"
              f" {n_reports / r['first']:7.1f} reports/s; again (all unchanged) {r['again']:5.2f} s"
              f" = {len(anns) / r['again']:8.1f} articles/s; holds {c['articles']} articles, {c['events']} reports,"
              f" {c['real_events']} events")
    if len(results) == 2:
        same = results["sqlite"]["events"] == results["postgresql"]["events"]
        print(f"same real events, ids and fused records on both: {same}")


if __name__ == "__main__":
    main()
