"""Bulk runs on a dask.distributed cluster: the per-article pipeline on workers, the rest in the driver.

The inputs are cut into Parts (``rasd.io.readers.input_parts``: whole files, plain JSONL/CSV files in
byte ranges, a .jsonl.gz decompressed by the driver into parts that carry their lines) that each worker
reads from the shared filesystem (or from the part itself).  A part is read twice: first a cheap
scan returns each article's id, content hash and ``file:line`` (and the reading problems), so that the
driver, in input order, skips repeated ids, stops at ``limit`` and leaves out articles the store holds
unchanged, exactly as the single-process run does; then the worker reads the part again and analyses the
articles the driver kept.  Documents come back in input order with a bounded number of parts in flight,
so the driver can date them across articles (``dated_in_batches``) and store them as before.

Workers load the models once, when ``PipelinePlugin`` is registered; the ``RASD_*`` settings of the
driver (such as ``RASD_NER``) travel with it.  Workers need rasd installed and the input paths visible.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from distributed import Client, Future, LocalCluster, get_worker, wait
from distributed.diagnostics.plugin import WorkerPlugin

from rasd.document import Article, Document
from rasd.errors import InputError, RasdError
from rasd.io.readers import Part, ReadProblem, ReadProgress, input_parts, read_part, repeated_id

CHUNK = 1 << 17  # bytes of JSONL/CSV per part: a few dozen news articles, a few seconds of analysis
PLUGIN = "rasd-pipeline"
WARM_UP = "قصفت طائرات حربية مدينة حلب يوم الاثنين 2 آذار 2015 ما أدى إلى مقتل ثلاثة مدنيين."
Reporter = Callable[[ReadProblem], None]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline's models once per worker (``env``: settings applied before they load)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.pipeline: Any = None

    def setup(self, worker: object) -> None:
        from rasd.pipeline import default_pipeline

        os.environ.update(self.env)
        self.pipeline = default_pipeline()
        self.pipeline(Article(text=WARM_UP, published="2015-03-03"))  # loads every stage's models now


def settings() -> dict[str, str]:
    """The driver's rasd settings that workers need (the API token stays here)."""
    return {k: v for k, v in os.environ.items() if k.startswith("RASD_") and k != "RASD_TOKEN"}


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of ``workers`` processes
    (one thread each, on 127.0.0.1, no dashboard) closed on exit; RasdError when neither works."""
    if (workers is None) == (scheduler is None):
        raise RasdError("give either a number of workers or a scheduler address")
    with ExitStack() as stack:
        try:
            if scheduler is not None:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            else:
                with _sigint_ignored():  # Ctrl-C reaches the terminal's whole process group: the driver decides
                    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
                stack.enter_context(cluster)
                client = stack.enter_context(Client(cluster))
        except (OSError, TimeoutError, ValueError) as exc:
            what = f"reach the dask scheduler at {scheduler}" if scheduler else "start a local dask cluster"
            raise RasdError(f"cannot {what}: {exc}") from None
        yield client


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Processes started inside ignore SIGINT (its disposition is inherited), so that a first Ctrl-C
    lets the driver finish and commit the batch in hand (rasd.runner.deferred_interrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


# ---- on the workers -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Head:
    """What the driver decides on: an article's id, content hash and ``file:line``."""

    id: str | None
    content_hash: str
    origin: str | None


def scan(part: Part, encoding: str | None) -> list[Head | ReadProblem]:
    """The part's articles (as Heads) and reading problems, in reading order."""
    out: list[Head | ReadProblem] = []
    for article in read_part(part, out.append, encoding=encoding):
        out.append(Head(article.id, article.content_hash, article.origin))
    return out


def analyse(part: Part, encoding: str | None, todo: dict[int, bool]) -> list[tuple[int, Document | str]]:
    """The part's articles numbered in ``todo`` analysed (True there: stored under the content hash, its
    id left out), or why one failed; reading problems were reported by ``scan``."""
    plugin = get_worker().plugins.get(PLUGIN)
    if plugin is None or plugin.pipeline is None:
        from rasd.pipeline import default_pipeline
        pipeline = default_pipeline()
    else:
        pipeline = plugin.pipeline
    out: list[tuple[int, Document | str]] = []
    for n, article in enumerate(read_part(part, lambda problem: None, encoding=encoding)):
        if n not in todo:
            continue
        try:
            out.append((n, _for_driver(pipeline(replace(article, id=None) if todo[n] else article))))
        except Exception as exc:  # one article's failure must not lose the part
            out.append((n, f"analysis failed: {type(exc).__name__}: {exc}"))
        if len(out) == len(todo):
            break
    return out


def _for_driver(doc: Document) -> Document:
    """The analysed document without its tokens and normalised view, which nothing after the pipeline
    reads (the view is rebuilt on use): a third of the bytes to send, half the driver's unpickling."""
    doc.tokens, doc._starts = [], []
    doc.__dict__.pop("norm", None)
    return doc


# ---- in the driver --------------------------------------------------------------------------------------

@dataclass
class _Slot:
    """A part in flight: its scan, then the driver's plan (problems and article numbers in reading
    order) and the analysis of the articles kept."""

    part: Part
    scanned: Future
    plan: list[ReadProblem | tuple[int, str]] | None = None
    analysed: Future | None = None


@dataclass
class _Decider:
    """Decides in input order which scanned articles are analysed (see ``run``)."""

    on_problem: Reporter
    limit: int | None
    skip: Callable[[str, str], bool] | None
    seen: set[str] = field(default_factory=set)
    count: int = 0

    @property
    def full(self) -> bool:
        return self.limit is not None and self.count >= self.limit

    def plan(self, part: Part, entries: list[Head | ReadProblem]) -> tuple[list, dict[int, bool]]:
        plan: list[ReadProblem | tuple[int, str]] = []
        todo: dict[int, bool] = {}
        n = -1
        for entry in entries:
            if isinstance(entry, ReadProblem):
                plan.append(entry)
                continue
            n += 1
            anonymous = False
            if entry.id is not None and entry.id in self.seen:  # as read_articles does across all inputs
                stored_as = "sha1-" + entry.content_hash[:16] if part.from_file() else None
                plan.append(repeated_id(entry.origin or entry.id, entry.id, stored_as))
                if stored_as is None:
                    continue
                anonymous = True
            elif entry.id is not None:
                self.seen.add(entry.id)
            self.count += 1
            doc_id = (None if anonymous else entry.id) or "sha1-" + entry.content_hash[:16]
            if self.skip is None or not self.skip(doc_id, entry.content_hash):
                todo[n] = anonymous
                plan.append((n, entry.origin or doc_id))
            if self.full:
                break
        return plan, todo


def run(client: Client, inputs: Iterable[str | Path], on_problem: Reporter, *, encoding: str | None = None,
        limit: int | None = None, skip: Callable[[str, str], bool] | None = None,
        progress: ReadProgress | None = None, chunk: int | None = None, ahead: int | None = None,
        ) -> Iterator[Document]:
    """Analysed Documents of the inputs' articles, in input order, analysed on ``client``'s workers.

    Like ``analyse_all(read_articles(...))``: problems go to ``on_problem`` with ``file:line``, repeated
    ids are reported, only the first ``limit`` articles are read; ``skip(doc_id, content_hash)`` is
    asked in input order and True leaves an article out (e.g. stored unchanged).  At most ``ahead``
    parts of about ``chunk`` bytes are in flight (default: four per worker thread, at least 8): work is
    handed out only while the caller takes documents, so the workers need enough queued to go on while
    the caller writes a batch.
    """
    inputs = [str(p) for p in inputs]
    if "-" in inputs:
        raise InputError("-", "standard input cannot be shared among workers: give files")
    client.register_plugin(PipelinePlugin(settings()), name=PLUGIN)
    ahead = ahead or max(8, 4 * sum(client.nthreads().values()))
    parts = input_parts(inputs, on_problem, chunk=chunk or CHUNK, encoding=encoding, progress=progress)
    decider = _Decider(on_problem, limit, skip)
    for slot in _in_order(client, parts, decider, encoding, ahead):
        yield from _results(slot, on_problem)
        if progress is not None:
            progress.done = slot.part.done()


def _in_order(client: Client, parts: Iterator[Part], decider: _Decider, encoding: str | None,
              ahead: int) -> Iterator[_Slot]:
    """Parts scanned and analysed on the cluster, each given back once its analysis is done, in order."""
    slots: deque[_Slot] = deque()
    more = True
    while True:
        while more and not decider.full and len(slots) < ahead:
            part = next(parts, None)
            if part is None:
                more = False
            else:  # scans first: the driver waits on them to plan the next analyses
                slots.append(_Slot(part, client.submit(scan, part, encoding, pure=False, priority=10)))
        _plan_ready(client, slots, decider, encoding)
        if not slots:
            return
        head = slots[0]
        if head.plan is not None and (head.analysed is None or head.analysed.done()):
            yield slots.popleft()
            continue
        waiting = [f for f in (head.analysed, next((s.scanned for s in slots if s.plan is None), None)) if f]
        wait(waiting, return_when="FIRST_COMPLETED")


def _plan_ready(client: Client, slots: deque[_Slot], decider: _Decider, encoding: str | None) -> None:
    """Plan, in order, the parts whose scan is back, and submit their analyses."""
    for k, slot in enumerate(slots):
        if slot.plan is not None:
            continue
        if decider.full:  # the limit was reached in an earlier part
            for later in list(slots)[k:]:
                later.scanned.cancel()
            while len(slots) > k:
                slots.pop()
            return
        if not slot.scanned.done():
            return
        try:
            entries = slot.scanned.result()
        except Exception as exc:  # a reading bug or a lost worker costs this part only
            entries = [ReadProblem(_where(slot.part), f"not read: {type(exc).__name__}: {exc}")]
        slot.plan, todo = decider.plan(slot.part, entries)
        if todo:
            slot.analysed = client.submit(analyse, slot.part, encoding, todo, pure=False)


def _results(slot: _Slot, on_problem: Reporter) -> Iterator[Document]:
    """The part's problems and Documents, in reading order."""
    done: dict[int, Document | str] = {}
    failure = "analysis failed: no result"
    if slot.analysed is not None:
        try:
            done = dict(slot.analysed.result())
        except Exception as exc:  # e.g. the worker died on this part
            failure = f"analysis failed: {type(exc).__name__}: {exc}"
    for entry in slot.plan or ():
        if isinstance(entry, ReadProblem):
            on_problem(entry)
            continue
        n, origin = entry
        result = done.get(n, failure)
        if isinstance(result, Document):
            yield result
        else:
            on_problem(ReadProblem(origin, result))


def _where(part: Part) -> str:
    return f"{part.path}:{part.line}" if part.split else part.path


def unchanged_in(store: Any, stats: Any) -> Callable[[str, str], bool]:
    """``skip`` for ``run``: the article is stored with this content (counted in ``stats.unchanged``),
    as ``rasd.runner.unchanged_filter`` does."""
    def skip(doc_id: str, content_hash: str) -> bool:
        if store.known_hash(doc_id) == content_hash:
            stats.unchanged += 1
            return True
        return False
    return skip


def analyse_on_cluster(inputs: Iterable[str | Path], on_problem: Reporter, *, workers: int | None = None,
                       scheduler: str | None = None, **options: Any) -> Iterator[Document]:
    """``run`` on a cluster started (or reached) now, closed when the iterator is exhausted or closed;
    RasdError at once when the cluster cannot be had or the inputs include standard input."""
    inputs = [str(p) for p in inputs]
    if "-" in inputs:
        raise InputError("-", "standard input cannot be shared among workers: give files")
    stack = ExitStack()
    client = stack.enter_context(connect(workers, scheduler))

    def docs() -> Iterator[Document]:
        with stack:
            yield from run(client, inputs, on_problem, **options)

    return docs()
