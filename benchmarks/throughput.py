"""Throughput benchmark: annotate N SaudiNewsNet articles; prints docs/s, per-stage ms and peak RSS.

    python benchmarks/throughput.py [N] [PATH] [--modes fast,accurate]
    (defaults: 2000, ../shared/data/saudinewsnet/articles.jsonl.gz, every NER mode: fast, neural, accurate)

Each NER mode runs in a process of its own (``RASD_NER``), so that its peak RSS is its own.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

from rasd.document import Document
from rasd.io.readers import read_articles
from rasd.pipeline import STAGES, load_stage
from rasd.runner import annotation

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--modes")]
    modes = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--modes=")), "fast,neural,accurate")
    if "RASD_NER" in os.environ:  # one mode, in this process
        run(int(args[0]) if args else 2000, Path(args[1]) if len(args) > 1 else DEFAULT)
        return
    for mode in modes.split(","):
        print(f"== NER mode {mode}", flush=True)
        subprocess.run([sys.executable, __file__, *args], env={**os.environ, "RASD_NER": mode}, check=True)


def run(n: int, path: Path) -> None:
    if not path.exists():
        sys.exit(f"{path}: not found (the benchmark needs ../shared/data)")
    stages = [(name, load_stage(name)) for name in STAGES]
    # warm-up: load models and indexes once, outside the timing
    warm = Document.from_article(next(iter(read_articles(path, lambda p: None))))
    for _, fn in stages:
        warm = fn(warm)
    cost: dict[str, float] = defaultdict(float)
    docs = chars = events = 0
    skipped: list[object] = []
    start = time.perf_counter()
    for article in islice(read_articles(path, skipped.append), n):
        doc = Document.from_article(article)
        for name, fn in stages:
            t0 = time.perf_counter()
            doc = fn(doc)
            cost[name] += time.perf_counter() - t0
        json.dumps(annotation(doc), ensure_ascii=False)
        docs += 1
        chars += len(doc.text)
        events += len(doc.events)
    wall = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {docs}  characters: {chars:,}  events: {events}  (input records skipped: {len(skipped)})")
    print(f"throughput: {docs / wall:.1f} docs/s  ({wall:.1f} s wall, {1000 * wall / docs:.1f} ms/article)")
    for name, _ in stages:
        print(f"  stage {name:<9} {1000 * cost[name] / docs:7.2f} ms/article")
    print(f"peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
