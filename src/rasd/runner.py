"""Library-level batch work used by the CLI: annotate, extract and ingest many articles."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from rasd.document import Article, Document
from rasd.io.readers import ReadProblem
from rasd.pipeline import Pipeline
from rasd.store.sqlite import IngestStats, SQLiteStore


def annotation(doc: Document) -> dict[str, Any]:
    """The SCHEMA §2 object for one analysed document (plus its article metadata)."""
    art = doc.article
    sources = {(s.start, s.end): s.to_dict() for s in doc.sources}
    return {
        "doc_id": doc.doc_id,
        "published": art.published,
        "entities": [e.to_dict() for e in doc.entities],
        "places": [p.to_dict() for p in doc.places],
        "timexes": [t.to_dict() for t in doc.timexes],
        "actors": [a.to_dict() for a in doc.actors],
        "sources": list(sources.values()),
        "events": [e.to_record() for e in doc.events],
        "article": {"title": art.title, "text": art.text, "published": art.published, "source": art.source,
                    "url": art.url, "dateline": art.dateline, "content_hash": art.content_hash},
    }


def analyse_all(articles: Iterable[Article], pipeline: Pipeline, on_problem: Callable[[ReadProblem], None],
                ) -> Iterator[Document]:
    """Run the pipeline on each article; one that fails is reported and skipped, the rest go on."""
    for article in articles:
        try:
            yield pipeline(article)
        except Exception as exc:  # a bug on one article must not stop a 30,000-article run
            on_problem(ReadProblem(article.origin or article.doc_id, f"analysis failed: {type(exc).__name__}: {exc}"))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(docs: Iterable[Document], store: SQLiteStore, batch_size: int = 100,
           stop: Callable[[], bool] | None = None) -> IngestStats:
    """Write documents to the store, one transaction per batch; after each commit, end early if ``stop()``."""
    total = IngestStats()
    for batch in batched(docs, batch_size):
        total.merge(store.write_batch(annotation(d) for d in batch))
        if stop is not None and stop():
            total.interrupted = True
            break
    return total


@contextmanager
def deferred_interrupt() -> Iterator[Callable[[], bool]]:
    """Inside, a first SIGINT (Ctrl-C) only raises a flag, read with the callable yielded, so that the
    batch in hand is finished and committed; a second one interrupts at once (its batch is rolled back)."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    asked = threading.Event()

    def handler(signum: int, frame: object) -> None:
        if asked.is_set():
            raise KeyboardInterrupt
        asked.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def unchanged_filter(articles: Iterable[Article], store: SQLiteStore, stats: IngestStats) -> Iterator[Article]:
    """Skip articles whose content is already stored unchanged (counted in ``stats.unchanged``)."""
    for a in articles:
        if store.known_hash(a.doc_id) == a.content_hash:
            stats.unchanged += 1
            continue
        yield a
