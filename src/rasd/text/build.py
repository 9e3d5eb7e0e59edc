"""Build ``rasd/data/text/morphology.tsv.gz``: farahidi's analyses of the words the pipeline asks about
in any article of a SaudiNewsNet slice (default lines 10,000–22,000, apart from the
benchmarks' first 2,000), so that bulk runs seldom wait for farahidi (≈10 ms a new word, per worker).

    python -m rasd.text.build [--corpus PATH] [--start 10000] [--n 12000] [--procs 2]

The table holds farahidi's own answers (``-`` where it knows none); rasd's results are the same with
and without it.
"""

from __future__ import annotations

import gzip
import sys
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from rasd.text import morphology

OUT = Path(__file__).resolve().parents[1] / "data" / "text" / morphology.TABLE
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "data" / "saudinewsnet" / "articles.jsonl.gz"


def _asked(args: tuple[str, int, int]) -> dict[str, morphology.Analysis | None]:
    """farahidi's analysis of each word the pipeline asks about in lines [start, stop) (the table left aside)."""
    import tempfile

    from rasd.io.readers import read_articles
    from rasd.pipeline import default_pipeline

    corpus, start, stop = args
    pipeline, memo = default_pipeline(), {}

    def spy(word: str) -> morphology.Analysis | None:
        if word not in memo:
            memo[word] = morphology.farahidi_analysis(word)
        return memo[word]

    morphology.analyse, morphology._table = spy, dict  # best_analysis looks both up when called
    with tempfile.TemporaryDirectory() as tmp, gzip.open(corpus, "rb") as fh:
        part = Path(tmp) / "part.jsonl"
        part.write_bytes(b"".join(islice(fh, start, stop)))
        for article in read_articles(part, lambda problem: None):
            pipeline(article)
    return memo


def main(argv: list[str]) -> None:
    opts = dict(zip(argv[::2], argv[1::2], strict=False))
    corpus = Path(opts.get("--corpus", CORPUS))
    start, n, procs = int(opts.get("--start", 10_000)), int(opts.get("--n", 12_000)), int(opts.get("--procs", 2))
    step = -(-n // procs)
    parts = [(str(corpus), s, min(s + step, start + n)) for s in range(start, start + n, step)]
    asked: dict[str, morphology.Analysis | None] = {}
    with ProcessPoolExecutor(procs) as pool:
        for analyses in pool.map(_asked, parts):
            asked.update(analyses)
    rows = [f"# farahidi's top analysis of the words asked about in {n} SaudiNewsNet articles "
            f"(lines {start}-{start + n}): word, pos, tense, pattern, proclitics"]
    rows += [asked[w].row(w) if asked[w] is not None else f"{w}\t-" for w in sorted(asked)]
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(asked)} words asked about -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
