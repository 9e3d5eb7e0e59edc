"""Events scored as a long run would make them: the labelled folder read after a large unlabeled corpus.

    python benchmarks/at_scale.py DIR [DIR ...] [--corpus PATH] [--cache PATH]

``rasd eval events DIR`` reads only the folder's articles, so an undated reference can borrow a day only
from another labelled article.  A user's run over thousands of articles remembers the dated events of
all earlier batches (``rasd.events.corpus.dated_in_batches``); this benchmark gives the cross-article
step that memory: every dated, occurred, placed event of the unlabeled corpus (SaudiNewsNet by default,
the labelled articles left out by URL), then prints the usual events report for each folder.

The corpus events are worked out once (about 10 minutes for 30k articles on two cores) and cached.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

import rasd.events.corpus as corpus
from rasd.events import evaluate
from rasd.events.record import Event

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CHUNK = 200


def _rows(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _labelled_urls() -> set[str]:
    return {r["url"] for d in ("dev_gold", "check_gold") if (SHARED / d / "articles.jsonl").is_file()
            for r in _rows(SHARED / d / "articles.jsonl") if r.get("url")}


def _dated_events(rows: list[dict]) -> list[dict]:
    """The dated, occurred, placed events of a chunk of corpus rows, as plain dicts."""
    from rasd.io.readers import Article
    from rasd.pipeline import default_pipeline

    pipeline, out = default_pipeline(), []
    for r in rows:
        doc = pipeline(Article(text=r.get("content") or r.get("text") or "", title=r.get("title"),
                               id=r.get("url") or r.get("id"), published=(r.get("date_extracted") or r.get("published") or "")[:10] or None))
        out += [{"doc_id": doc.doc_id, "event_type": e.event_type, "sub": e.sub_event_type, "date": e.event_date,
                 "precision": e.time_precision, "lat": e.latitude, "lon": e.longitude}
                for e in doc.events
                if e.date_explicit and e.event_date and e.status == "occurred" and e.latitude is not None]
    return out


def corpus_events(path: Path, cache: Path) -> list[Event]:
    if not cache.is_file():
        skip = _labelled_urls()
        rows = [r for r in _rows(path) if r.get("url") not in skip]
        chunks = [rows[i:i + CHUNK] for i in range(0, len(rows), CHUNK)]
        with Pool() as pool:
            found = [e for part in pool.imap(_dated_events, chunks) for e in part]
        cache.write_bytes(pickle.dumps(found))
    return [Event(doc_id=r["doc_id"], event_type=r["event_type"], sub_event_type=r["sub"], disorder_type="",
                  status="occurred", evidence={"start": 0, "end": 0, "text": ""}, trigger={"text": ""},
                  event_date=r["date"], time_precision=r["precision"], latitude=r["lat"], longitude=r["lon"],
                  date_explicit=True) for r in pickle.loads(cache.read_bytes())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--corpus", type=Path, default=SHARED / "saudinewsnet" / "articles.jsonl.gz")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rasd-at-scale-events.pkl"))
    args = ap.parse_args()
    remembered = corpus_events(args.corpus, args.cache)
    print(f"{len(remembered)} dated events remembered from {args.corpus}")
    flush = corpus._flush

    def with_memory(batch: list, memory) -> list:
        if not memory:
            memory.extend(remembered)
        return flush(batch, memory)

    corpus._flush = with_memory
    corpus.MEMORY = len(remembered) + 100_000
    for d in args.dirs:
        print(f"== {d}")
        print(evaluate.main(str(d)))


if __name__ == "__main__":
    main()
