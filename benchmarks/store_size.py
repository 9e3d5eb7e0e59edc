"""Cost of writing against the size of the store: the last 200 articles of a filled store (by
publication date) are written into stores already holding about 10,000 and 300,000 articles, and the
milliseconds per article of ``write_batch`` (articles, spans, reports, search terms, clustering into
real events) are compared; then the same 200 again (all unchanged), and a full-text search.

    python benchmarks/store_size.py SOURCE.db [--sizes 10000,300000] [--pg postgresql://…]

SOURCE.db is a store that ``rasd ingest`` filled (e.g. ``rasd ingest
../shared/data/saudinewsnet/articles.jsonl.gz --limit 2000 --db source.db``).  The other articles are
copied to fill each store: copy k has its own ids and content hash and every date moved k times the
span of the source's publication dates plus 30 days (SaudiNewsNet's first 2,000 lines: 30 days, about
60 articles a day; copies do not cluster with each other).  Filling is not timed (300,000: 22 min).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_write import annotations, pg_schema  # noqa: E402

from rasd.store import open_store  # noqa: E402

_DATE = re.compile(r"(?<![0-9])([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?![0-9])")
_ID = re.compile(r"\b(rasd-|sha1-)([0-9a-f]{16})\b")
PROBE = 200


def _days(anns: list[dict[str, Any]]) -> int:
    found = [date.fromisoformat(a["article"]["published"][:10]) for a in anns if a["article"].get("published")]
    return (max(found) - min(found)).days + 30 if found else 30


def copy_of(ann: dict[str, Any], k: int, shift: int) -> dict[str, Any]:
    """Copy ``k`` of an annotation: new ids and content hash, every ISO date moved ``k * shift`` days."""
    def moved(m: re.Match) -> str:
        try:
            return (date(int(m[1]), int(m[2]), int(m[3])) + timedelta(days=k * shift)).isoformat()
        except ValueError:
            return m[0]

    def renamed(m: re.Match) -> str:
        return m[1] + hashlib.sha1(f"{m[2]}~{k}".encode()).hexdigest()[:16]

    raw = _ID.sub(renamed, _DATE.sub(moved, json.dumps(ann, ensure_ascii=False)))
    out = json.loads(raw)
    out["doc_id"] = f"{ann['doc_id']}~{k}"
    out["article"]["content_hash"] = hashlib.sha1(f"{ann['article']['content_hash']}~{k}".encode()).hexdigest()
    return out


def fill(store: Any, filler: list[dict[str, Any]], size: int, shift: int) -> float:
    """Write copies of ``filler`` until the store holds ``size`` articles; the seconds it took."""
    t0, k, batch = time.perf_counter(), 1, []
    held = store.counts()["articles"]
    while held < size:
        for ann in filler:
            if held >= size:
                break
            batch.append(copy_of(ann, k, shift))
            held += 1
            if len(batch) == 1000:
                store.write_batch(batch)
                batch = []
        k += 1
    if batch:
        store.write_batch(batch)
    return time.perf_counter() - t0


def probe(store: Any, anns: list[dict[str, Any]]) -> dict[str, float]:
    """Milliseconds per article: writing ``anns`` (batches of 100), then again unchanged; a search."""
    out = {}
    for name in ("new", "again"):
        t0 = time.perf_counter()
        for k in range(0, len(anns), 100):
            store.write_batch(anns[k:k + 100])
        out[name] = (time.perf_counter() - t0) * 1000 / len(anns)
    t0 = time.perf_counter()
    hits = store.search("قتل", limit=20)
    out["search"] = (time.perf_counter() - t0) * 1000
    out["hits"] = len(hits)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a store filled by rasd ingest")
    parser.add_argument("--sizes", default="10000,300000", help="articles held before the timed writes")
    parser.add_argument("--pg", help="also on PostgreSQL at this URL (a schema of its own, dropped after)")
    args = parser.parse_args()
    anns = annotations(args.source)
    filler, timed = anns[:-PROBE], anns[-PROBE:]
    shift = _days(anns)
    print(f"{len(anns)} annotations: {len(filler)} copied to fill, the last {len(timed)} timed; dates moved {shift} days per copy")
    backends = [("sqlite", None)] + ([("postgresql", args.pg)] if args.pg else [])
    for name, url in backends:
        for size in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as folder:
                ctx = pg_schema(url) if url else None
                db = ctx.__enter__() if ctx else str(Path(folder) / "size.db")
                try:
                    with open_store(db) as store:
                        took = fill(store, filler, size, shift)
                        r = probe(store, timed)
                        counts = store.counts()
                finally:
                    if ctx:
                        ctx.__exit__(None, None, None)
            print(f"{name:>10} {size:>8,} held (filled in {took:6.0f} s): write {r['new']:6.2f} ms/article,"
                  f" again unchanged {r['again']:5.2f} ms/article, search {r['search']:6.1f} ms ({r['hits']} hits);"
                  f" then {counts['articles']:,} articles, {counts['events']:,} reports, {counts['real_events']:,} events",
                  flush=True)


if __name__ == "__main__":
    main()
