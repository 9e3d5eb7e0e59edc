"""The thin command line: parse arguments, call the library, print."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module, resources
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from rasd import __version__
from rasd.document import Article, Document
from rasd.errors import RasdError
from rasd.io.readers import ReadProblem, ReadProgress, read_articles
from rasd.store.postgres import redact

if TYPE_CHECKING:
    from rasd.store import IngestStats, SQLiteStore, Store

app = typer.Typer(add_completion=False, no_args_is_help=True, help="rasd (رصد): Arabic news → conflict-event data.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure a stage against annotated data; prints figures.")
dev_app = typer.Typer(no_args_is_help=True, help="Developer tools: check a cue against unlabeled news.")
train_app = typer.Typer(no_args_is_help=True, help="Reproduce the committed models from ../shared/data.")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.add_typer(dev_app, name="dev")
err = Console(stderr=True)

SEED_PUBLISHED = "2019-10-02"
Inputs = Annotated[list[str], typer.Argument(help="Input files or directories (.jsonl, .csv, .txt, .gz); '-' for stdin.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary (for scripts).")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")]
Db = Annotated[str, typer.Option("--db", help="SQLite database file, or a postgresql:// URL (PostgreSQL + PostGIS).")]
FastNer = Annotated[bool, typer.Option("--fast-ner", help="The fast NER, the default (overrides RASD_NER). "
                                       "See rasd --ner for the slower, more accurate taggers.")]
Encoding = Annotated[str | None, typer.Option("--encoding", help="Encoding of the input files when not UTF-8 (e.g. cp1256).")]
Limit = Annotated[int | None, typer.Option("--limit", min=1, help="Read only the first N articles.")]


def _version(value: bool) -> None:
    if value:
        print(f"rasd {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
         fast_ner: Annotated[bool, typer.Option("--fast-ner", help="Same as --ner fast.")] = False,
         ner: Annotated[str | None, typer.Option(
             "--ner", help="Entity tagger: fast (default: the CRF, ~13 ms per article, ANERcorp F1 0.695), neural "
             "(+ two BiLSTM-CRFs, ~90 ms, 0.754) or accurate (+ the e5 encoder, ~1 s, 0.776); places, time and "
             "actors figures are the same in every mode, events F1 within 0.002 (also RASD_NER=MODE).")] = None) -> None:
    """rasd reads Arabic news and writes ACLED-compatible event records with evidence spans."""
    _use_fast_ner(fast_ner)
    if ner is not None:
        _use_ner(ner)


def _use_ner(mode: str) -> None:
    from rasd.entities.model import MODES

    if mode.strip().lower() not in MODES:
        _fail(f"--ner {mode!r}: choose one of {', '.join(MODES)}")
    os.environ["RASD_NER"] = mode.strip().lower()  # read when the NER model loads (also in worker processes)


def _use_fast_ner(fast: bool) -> None:
    if fast:
        _use_ner("fast")


class Problems:
    """Collects input problems, printing each on stderr as it happens."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, problem: ReadProblem) -> None:
        self.count += not problem.note
        label = ("note", "cyan") if problem.note else ("skipped", "yellow")
        err.print(Text.assemble(label, " ", str(problem)), highlight=False, soft_wrap=True)  # never markup, one line


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress | None]:
    if quiet:
        yield None
        return
    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[docs]} articles"), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
               TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as progress:
        yield progress


def _tracked(docs: Iterable[Document], quiet: bool, label: str, read: ReadProgress | None = None) -> Iterator[Document]:
    """Pass documents through, advancing a progress bar with the rate (unless quiet).

    When every input's size is known (files, not stdin) the bar measures the bytes read, with an ETA.
    """
    with _progress(quiet) as progress:
        task = progress.add_task(label, total=None, docs=0, rate="") if progress else None
        n = 0
        for n, doc in enumerate(docs, 1):
            if progress is not None and task is not None:
                elapsed = progress.tasks[0].elapsed or 1e-9
                sized = read is not None and read.total
                progress.update(task, total=read.total if sized else None, completed=read.done if sized else n,
                                docs=n, rate=f"{n / elapsed:.1f} docs/s")
            yield doc
        if progress is not None and task is not None and read is not None and read.total:
            progress.update(task, total=read.total, completed=read.total, docs=n)


def _articles(inputs: list[str], problems: Problems, encoding: str | None, limit: int | None,
              read: ReadProgress) -> Iterator[Article]:
    """The input articles (the first ``limit`` of them), read in ``encoding`` when one is given."""
    _check_encoding(encoding)
    articles = read_articles(inputs, problems, encoding=encoding, progress=read)
    return islice(articles, limit) if limit else articles


def _check_encoding(encoding: str | None) -> None:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            _fail(f"unknown encoding {encoding!r} (e.g. utf-8, cp1256, iso-8859-6)")


def _docs(inputs: list[str], quiet: bool, problems: Problems, encoding: str | None = None,
          limit: int | None = None) -> Iterator[Document]:
    from rasd.events.corpus import dated_in_batches
    from rasd.pipeline import default_pipeline
    from rasd.runner import analyse_all

    read = ReadProgress()
    articles = _articles(inputs, problems, encoding, limit, read)
    docs = _tracked(analyse_all(articles, default_pipeline(), problems), quiet, "analysing", read)
    yield from dated_in_batches(docs)  # reaction pieces take the day of the event from its report


@contextmanager
def _open_out(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            yield fh


def _fail(message: str) -> None:
    err.print(Text.assemble(("error:", "red"), " ", message), highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@contextmanager
def _store_errors() -> Iterator[None]:
    """A database that cannot be opened or written is one line naming the file and the reason."""
    from rasd.store import StoreError

    try:
        yield
    except StoreError as exc:
        _fail(str(exc))


@app.command()
def annotate(inputs: Inputs, output: Output = None, quiet: Quiet = False, fast_ner: FastNer = False,
             encoding: Encoding = None, limit: Limit = None) -> None:
    """Full analysis of each article as JSON Lines (SCHEMA §2)."""
    import json

    from rasd.runner import annotation

    _use_fast_ner(fast_ner)
    problems, n = Problems(), 0
    with _open_out(output) as out:
        for doc in _docs(inputs, quiet, problems, encoding, limit):
            record = annotation(doc)
            record.pop("article")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    _summary(quiet, f"{n} articles annotated", problems, n)


@app.command()
def extract(inputs: Inputs, fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | acled-csv | geojson")] = "jsonl",
            output: Output = None, quiet: Quiet = False, fast_ner: FastNer = False, encoding: Encoding = None,
            limit: Limit = None) -> None:
    """Event records (SCHEMA §3) in the chosen format."""
    from rasd.export import FORMATS, write_events

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    _use_fast_ner(fast_ner)
    problems, seen = Problems(), [0]

    def records() -> Iterator[dict]:
        for doc in _docs(inputs, quiet, problems, encoding, limit):
            seen[0] += 1
            for ev in doc.events:
                yield ev.to_record()

    with _open_out(output) as out:
        n = write_events(records(), out, fmt)
    _summary(quiet, f"{n} events from {seen[0]} articles", problems, seen[0])


@app.command()
def ingest(inputs: Inputs, db: Db = "rasd.db", quiet: Quiet = False,
           batch_size: Annotated[int, typer.Option(help="Articles per transaction.", min=1)] = 100,
           fast_ner: FastNer = False, encoding: Encoding = None, limit: Limit = None,
           workers: Annotated[int | None, typer.Option(min=1, help="Analyse on a local dask cluster of N processes.")] = None,
           scheduler: Annotated[str | None, typer.Option(help="Analyse on the dask cluster at this address "
                                                         "(tcp://host:port; inputs on a shared filesystem).")] = None,
           ) -> None:
    """Analyse articles and store them (idempotent: unchanged articles are skipped)."""
    from rasd.events.corpus import dated_in_batches
    from rasd.pipeline import default_pipeline
    from rasd.runner import analyse_all, deferred_interrupt, unchanged_filter
    from rasd.runner import ingest as ingest_docs
    from rasd.store import IngestStats, open_store

    _use_fast_ner(fast_ner)
    problems, read = Problems(), ReadProgress()
    with _store_errors(), open_store(db) as store, deferred_interrupt() as stop:
        skipped = IngestStats()
        if workers or scheduler:
            docs = _on_cluster(inputs, problems, workers, scheduler, encoding, limit, read, store, skipped)
        else:
            articles = unchanged_filter(_articles(inputs, problems, encoding, limit, read), store, skipped)
            docs = analyse_all(articles, default_pipeline(), problems)
        analysed = _tracked(docs, quiet, "ingesting", read)
        # dated batch by batch, so that each batch is committed as soon as it is analysed
        stats = ingest_docs(dated_in_batches(analysed, size=batch_size), store, batch_size, stop)
        stats.merge(skipped)
        counts = store.counts()
    message = (f"{stats.added} added, {stats.updated} updated, {stats.unchanged} unchanged; "
               f"{redact(db)} now holds {counts['articles']} articles, {counts['events']} reports, "
               f"{counts['real_events']} events")
    if stats.interrupted:
        err.print(f"interrupted: {message} (the same command goes on where this one stopped)", highlight=False,
                  markup=False, soft_wrap=True)
        raise typer.Exit(130)
    _summary(quiet, message, problems, stats.added + stats.updated + stats.unchanged)


def _on_cluster(inputs: list[str], problems: Problems, workers: int | None, scheduler: str | None,
                encoding: str | None, limit: int | None, read: ReadProgress, store: SQLiteStore,
                skipped: IngestStats) -> Iterator[Document]:
    """The analysed articles from a dask cluster (rasd.distributed), in input order, unchanged ones skipped."""
    from rasd.distributed import analyse_on_cluster, unchanged_in

    if workers and scheduler:
        _fail("give --workers or --scheduler, not both")
    _check_encoding(encoding)
    try:
        return analyse_on_cluster(inputs, problems, workers=workers, scheduler=scheduler, encoding=encoding,
                                  limit=limit, progress=read, skip=unchanged_in(store, skipped))
    except RasdError as exc:
        _fail(str(exc))
        raise


@app.command()
def export(db: Db = "rasd.db", fmt: Annotated[str, typer.Option("--format", "-f")] = "jsonl",
           output: Output = None,
           reports: Annotated[bool, typer.Option("--reports", help="One row per article-level record (report) "
                                                 "instead of one per real event.")] = False) -> None:
    """Export the stored events, one row per real event with its outlets in `source` (jsonl | csv |
    acled-csv | geojson); --reports: one row per article's report."""
    from rasd.export import FORMATS, write_events

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    store = _search_store(db, "exporting events clustered in memory")
    with store, _open_out(output) as out:
        write_events(store.iter_events() if reports else store.iter_real_events(), out, fmt)


@app.command("event")
def show_event(ident: Annotated[str, typer.Argument(help="An event id (rasd-ev-…), an alias of a merged event, "
                                                    "or the id of one of its reports.")],
               db: Db = "rasd.db",
               fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text") -> None:
    """One real event: its fused fields and its reports (outlet, date, status, attribution, Arabic evidence)."""
    import json
    from dataclasses import asdict

    if fmt not in ("text", "json"):
        _fail(f"unknown format {fmt!r}; choose text or json")
    with _search_store(db, "reading events clustered in memory") as store:
        view = store.event(ident)
    if view is None:
        _fail(f"no event {ident!r} in {redact(db)}")
        return
    if fmt == "json":
        print(json.dumps({"asked": view.asked, "via": view.via, "event": view.record,
                          "reports": [asdict(r) for r in view.reports]}, ensure_ascii=False, indent=1))
        return
    from rasd.events.show import event_text

    Console(markup=False, highlight=False).print(event_text(view), soft_wrap=True)


@contextmanager
def _counting(quiet: bool, label: str, unit: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar advanced by ``advance(done, total)`` (nothing when quiet)."""
    if quiet:
        yield lambda done, total: None
        return
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), TaskProgressColumn(),
               TextColumn(f"{{task.completed}}/{{task.total}} {unit}"), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task(label, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


@app.command()
def cluster(db: Db = "rasd.db", quiet: Quiet = False,
            rebuild: Annotated[bool, typer.Option("--rebuild/--no-rebuild", help="Cluster every stored report again "
                                                  "from nothing (--no-rebuild: only print the summary).")] = True,
            top: Annotated[int, typer.Option(help="List this many of the largest events.", min=0)] = 10) -> None:
    """Group the stored reports into real events again (e.g. after changing cluster.yaml) and print
    articles, reports, events and the largest events."""
    from rasd.store import open_store
    from rasd.store.clusters import summary

    with _store_errors(), open_store(db) as store:
        if rebuild and "003_real_events" not in store.applied:  # that migration has just clustered them
            with _counting(quiet, "clustering", "reports") as advance:
                store.recluster(advance)
        facts = summary(store.conn, top)
    print(f"{facts['articles']} articles → {facts['reports']} reports → {facts['events']} events "
          f"({facts['reports_per_event']} reports per event; told by more than one report: "
          f"{facts['events_with_several_reports']})")
    for n, ev in enumerate(facts["largest"], 1):
        print(f"{n:>3}. {ev['n_reports']:>4} reports  {ev['event_id']}  {ev['event_date'] or '?'}  "
                      f"{ev['sub_event_type']} — {ev['location'] or '?'} ({ev['country'] or '?'})")


@app.command()
def search(query: Annotated[str, typer.Argument(help="Arabic words; diacritics, article, clitics and common "
                                                  "suffixes don't matter (قتل finds القتل, قتلوا, قتلى); word* "
                                                  "is a prefix.")],
           db: Db = "rasd.db", limit: Annotated[int, typer.Option(help="At most this many articles.", min=1)] = 20,
           fmt: Annotated[str, typer.Option("--format", "-f", help="text | json")] = "text") -> None:
    """Full-text search over the stored articles (normalised Arabic); the snippet shows the word that matched."""
    import json

    from rasd.store.sqlite import query_words

    if fmt not in ("text", "json"):
        _fail(f"unknown format {fmt!r}; choose text or json")
    if not query_words(query):
        _fail(f"nothing to search for in {query!r}: give at least one word")
    store = _search_store(db)
    with store:
        hits = store.search(query, limit)
    console = Console(markup=False)  # queries, titles and snippets are untrusted text, never markup
    if fmt == "json":
        print(json.dumps([{"doc_id": h.doc_id, "title": h.title, "published": h.published, "matched": h.matched,
                           "snippet": h.snippet, "events": h.events} for h in hits], ensure_ascii=False, indent=1))
        return
    if not hits:
        console.print(f"no article matches {query!r}")
        return
    for hit in hits:
        console.print(Text.assemble((hit.doc_id, "bold"), f" {hit.published or ''} {hit.title or ''}"), highlight=False)
        console.print(f"   {hit.snippet}", highlight=False)
        for ev in hit.events[:5]:
            console.print(f"   • {ev.get('event_date')} {ev.get('sub_event_type')} — {ev.get('location') or '?'}", highlight=False)


def _search_store(db: str, older: str = "searching its older index (surface forms only)") -> Store:
    """The database, read-only; one written by an older rasd is brought up to date first where it is
    writable (``older`` says what is done where it is not)."""
    from rasd.store import StoreError, open_store

    try:
        store = open_store(db, readonly=True)
    except RasdError as exc:
        _fail(str(exc))
    if store.pending_migrations():
        store.close()
        try:
            open_store(db).close()  # applies the migrations (the search index gains light stems)
        except StoreError as exc:
            err.print(f"note: {exc}; {older}", highlight=False, markup=False)
        store = open_store(db, readonly=True)
    return store


@app.command()
def demo(db: Db = "rasd.db", quiet: Quiet = False, fast_ner: FastNer = False,
         serve_app: Annotated[bool, typer.Option("--serve", help="Then open the web app on it (rasd serve).")] = False,
         ) -> None:
    """Run rasd on the bundled seed article (Al Arabiya, published 2019-10-02) and store it."""
    _use_fast_ner(fast_ner)
    from rasd.pipeline import default_pipeline
    from rasd.runner import ingest as ingest_docs
    from rasd.store import SQLiteStore

    raw = resources.files("rasd.examples").joinpath("seed_article.txt").read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    article = Article(text=body.strip(), title=title.strip(), id="seed-alarabiya-2019-10-02",
                      published=SEED_PUBLISHED, source="Al Arabiya", origin="seed_article.txt")
    doc = default_pipeline()(article)
    with _store_errors(), SQLiteStore(db) as store:
        ingest_docs([doc], store)
    console = Console(markup=False)  # article text and paths are printed as they are
    title = f"rasd demo — {len(doc.events)} events from the seed article (stored in {db})"
    rows = [_demo_row(ev.to_record()) for ev in doc.events]
    if console.width >= WIDE_TABLE:
        table = Table(title=title, show_lines=True)
        for col in ("date (prec.)", "type / sub-type", "status", "actors", "place (geo prec.)", "source", "evidence"):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    else:  # a narrow terminal: one block per event instead of a table that wraps every cell
        console.print(title, style="bold", highlight=False)
        for n, (when, what, status, actors, where, source, evidence) in enumerate(rows, 1):
            console.print(f"\n{n}. {when} · {what.replace(chr(10), ' / ')} · {status}\n   {actors.replace(chr(10), ' ')}"
                          f"\n   {where} · source: {source}\n   «{evidence}»", highlight=False)
    if not quiet:
        console.print(DEMO_LEGEND, highlight=False, style="dim")
        console.print(f"places: {', '.join(sorted({p.name_en for p in doc.places}))}", highlight=False)
        console.print(f"next: rasd export --db {db} --format acled-csv", highlight=False)
    if serve_app:
        serve(db)


@app.command()
def serve(db: Db = "rasd.db",
          host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000) -> None:
    """The analyst's web app over the store: map, timeline, filters, Arabic evidence, exports; API docs at
    /docs.  Read-only; POST /api/articles (analyse and store) only when RASD_TOKEN is set."""
    import uvicorn

    from rasd.serve import create_app

    _search_store(db, "serving it without the newest indexes").close()  # brings an older database up to date
    try:
        web = create_app(db)
    except RasdError as exc:
        _fail(str(exc))
    writes = "POST /api/articles with the RASD_TOKEN bearer token" if os.environ.get("RASD_TOKEN") else "none"
    err.print(f"serving {db} at http://{host}:{port}/ (API docs /docs; writes: {writes}); Ctrl+C stops",
              highlight=False, markup=False, soft_wrap=True)
    uvicorn.run(web, host=host, port=port, log_level="warning")


WIDE_TABLE = 120  # columns below which the demo prints blocks rather than a table


def _demo_row(r: dict) -> tuple[str, ...]:
    return (f"{r['event_date'] or '—'} ({r['time_precision']})" + (" bg" if r["is_background"] else ""),
            f"{r['event_type']}\n{r['sub_event_type']}", r["status"], f"{r['actor1'] or '—'}\n→ {r['actor2'] or '—'}",
            f"{r['location'] or '—'} ({r['geo_precision'] or '—'})", (r["attribution"] or {}).get("text") or "outlet",
            _around_trigger(r))


DEMO_LEGEND = ("date (n): time precision 1 day, 2 week, 3 month+ · bg: background, over 30 days before publication · "
               "place (n): geo precision 1 town, 2 near it or part of a region, 3 region · [ ]: the event's word")


def _around_trigger(r: dict, reach: int = 70) -> str:
    """The evidence sentence around the event's trigger word, which is shown in [brackets]."""
    text, start = r["evidence"]["text"], r["evidence"]["start"]
    lo, hi = r["trigger"]["start"] - start, r["trigger"]["end"] - start
    if not 0 <= lo <= hi <= len(text):
        return text[: 2 * reach]
    left, right = max(0, lo - reach), min(len(text), hi + reach)
    return (("…" if left else "") + text[left:lo] + "[" + text[lo:hi] + "]" + text[hi:right]
            + ("…" if right < len(text) else ""))


ShowErrors = Annotated[bool, typer.Option("--errors", help="Also list per-item errors (dev data only).")]


def _run_eval(module: str, path: str, errors: bool = False, fast_ner: bool = False) -> None:
    _use_fast_ner(fast_ner)
    if not Path(path).exists():
        _fail(f"{path}: no such file or directory")
    main = import_module(module).main
    print(main(path, errors=True) if errors else main(path))


@eval_app.command("places")
def eval_places(path: str, errors: ShowErrors = False, fast_ner: FastNer = False) -> None:
    """Place mentions and geocoding vs. gold, with a naive gazetteer peer."""
    _run_eval("rasd.places.evaluate", path, errors, fast_ner)


@eval_app.command("time")
def eval_time(path: str, errors: ShowErrors = False, fast_ner: FastNer = False) -> None:
    """Time expressions vs. gold, with dateparser as the peer."""
    _run_eval("rasd.time.evaluate", path, errors, fast_ner)


@eval_app.command("ner")
def eval_ner(path: str, fast_ner: FastNer = False) -> None:
    """CoNLL entity-level P/R/F1 on a `token TAG` file (e.g. ANERcorp test)."""
    _run_eval("rasd.entities.evaluate", path, fast_ner=fast_ner)


@eval_app.command("actors")
def eval_actors(path: str, errors: ShowErrors = False, fast_ner: FastNer = False) -> None:
    """Gold event actors found and resolved to the right canonical actor."""
    _run_eval("rasd.actors.evaluate", path, errors, fast_ner)


@eval_app.command("events")
def eval_events(path: str, errors: ShowErrors = False, fast_ner: FastNer = False) -> None:
    """Event P/R/F1 and argument accuracy vs. gold."""
    _run_eval("rasd.events.evaluate", path, errors, fast_ner)


@eval_app.command("dedup")
def eval_dedup(path: str, errors: ShowErrors = False, fast_ner: FastNer = False) -> None:
    """Events of different articles grouped into real events: B-cubed and pairwise F1 vs. gold, two baselines."""
    _run_eval("rasd.events.cluster_eval", path, errors, fast_ner)


@dev_app.command("fires")
def dev_fires(pattern: Annotated[list[str], typer.Argument(help="Cues (words are normalised; see --regex).")],
              regex: Annotated[bool, typer.Option("--regex", help="Take each pattern as a regular expression over normalised text.")] = False,
              sample: Annotated[int, typer.Option("--sample", "-n", help="How many contexts to show.")] = 10,
              corpus: Annotated[Path | None, typer.Option("--corpus", help="JSONL(.gz) of articles; SaudiNewsNet by default.")] = None) -> None:
    """How often each cue fires in ~30k unlabeled news articles, with a random sample of contexts."""
    from rasd.dev.fires import DEFAULT_CORPUS, fires, report

    path = corpus or DEFAULT_CORPUS
    if not path.exists():
        _fail(f"{path}: no such file (SaudiNewsNet lives in ../shared/data/saudinewsnet)")
    for p in pattern:
        print(report(fires(p, regex=regex, sample=sample, corpus=path)), flush=True)


@train_app.command("ner")
def train_ner(output: Annotated[Path | None, typer.Option("--output", "-o", help="Folder for the new model "
                                                        "(default: a new ner-model-<time> folder here).")] = None,
              install: Annotated[bool, typer.Option("--install", help="Once trained, replace the model shipped in the "
                                                    "package with the new one.")] = False,
              data: Annotated[Path | None, typer.Option("--data", help="The training data folder (default ../shared/data).")] = None,
              ) -> None:
    """Retrain the NER model from ../shared/data into a new folder; the shipped model changes only with --install."""
    from rasd.entities.train import main as train_main

    try:
        print(train_main(str(output) if output else None, data=str(data) if data else None, install_model=install))
    except RasdError as exc:
        _fail(str(exc))


def _summary(quiet: bool, message: str, problems: Problems, processed: int) -> None:
    if not quiet:
        extra = f"; {problems.count} input problem(s) reported above" if problems.count else ""
        err.print(Text.assemble(("done:", "green"), f" {message}{extra}"), highlight=False)
    if processed == 0 and problems.count:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
