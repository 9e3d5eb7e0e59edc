"""Length benchmark: per-stage seconds for one long article (the seed article repeated).

    RASD_NER=fast python benchmarks/length.py [CHARS ...]     (defaults: 10000 100000 1000000)

Every stage should grow about linearly: 10x the characters, about 10x the seconds.  BLAS runs on one
thread unless OPENBLAS_NUM_THREADS says otherwise (on a busy machine threads make the NER times erratic).
"""

from __future__ import annotations

import os
import sys
import time
from importlib import resources

from rasd.document import Article, Document
from rasd.pipeline import STAGES, load_stage


def long_article(chars: int) -> Article:
    """The bundled seed article's body repeated (whole paragraphs) up to about ``chars`` characters."""
    raw = resources.files("rasd.examples").joinpath("seed_article.txt").read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    paragraph = body.strip()
    reps = max(1, round(chars / (len(paragraph) + 2)))
    return Article(text="\n\n".join([paragraph] * reps), title=title.strip(), id=f"long-{chars}",
                   published="2019-10-02", source="Al Arabiya")


def time_stages(article: Article) -> tuple[dict[str, float], int]:
    """Seconds per stage and the number of events for one article."""
    doc = Document.from_article(article)
    cost: dict[str, float] = {}
    for name in STAGES:
        fn = load_stage(name)
        t0 = time.perf_counter()
        doc = fn(doc)
        cost[name] = time.perf_counter() - t0
    return cost, len(doc.events)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # before the stages load numpy
    time_stages(long_article(2_000))  # warm-up: models and indexes load outside the timing
    print(f"{'chars':>9} " + " ".join(f"{n:>9}" for n in STAGES) + f" {'total':>9} {'events':>7}")
    for chars in sizes:
        article = long_article(chars)
        cost, events = time_stages(article)
        n = len(Document.from_article(article).text)
        print(f"{n:>9} " + " ".join(f"{cost[s]:9.2f}" for s in STAGES) + f" {sum(cost.values()):9.2f} {events:>7}",
              flush=True)


if __name__ == "__main__":
    main()
