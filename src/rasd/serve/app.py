"""`rasd serve`: the analyst's web app over a store (FastAPI).

Reads go through read-only SQLite connections, one per worker thread.  ``POST /api/articles`` (analyse and
store articles) is the only write; it needs the bearer token of ``RASD_TOKEN`` and is disabled when the
server starts without one.  Errors are JSON ``{"error": message, "status": code}``; a failure inside the
server is logged here and answered with a bare 500, never a stack trace.
"""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import sqlite3
import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasd import __version__
from rasd.errors import RasdError
from rasd.serve import query
from rasd.serve.query import BadQuery, BBox, EventFilter
from rasd.store import SQLiteStore

log = logging.getLogger("rasd.serve")

PAGE_MAX = 1000  # full records per page
EXPORT_MAX = 10_000  # rows of a CSV/GeoJSON export or map points per request
OFFSET_MAX = 1_000_000
BODY_MAX = 1 << 20  # bytes of a POST body
ARTICLES_MAX = 50  # articles per POST
STATIC = resources.files("rasd.serve").joinpath("static")


class ArticleIn(BaseModel):
    """One article to analyse and store (the fields of ``rasd ingest``'s JSON Lines input)."""

    text: str = Field(min_length=1, max_length=200_000)
    title: str | None = Field(None, max_length=2_000)
    id: str | None = Field(None, max_length=300, description="doc id; a hash of the content when absent")
    published: str | None = Field(None, max_length=40, description="ISO date of publication")
    source: str | None = Field(None, max_length=300, description="the outlet")
    url: str | None = Field(None, max_length=2_000)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=ARTICLES_MAX)


class Readers:
    """One read-only store per thread (SQLite connections stay in the thread that opened them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def store(self) -> SQLiteStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = SQLiteStore(self.path, readonly=True)
        return store

    def conn(self) -> sqlite3.Connection:
        return self.store().conn


class Writer:
    """Analyses articles and stores them: one writer at a time, the pipeline built once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def write(self, articles: list[ArticleIn]) -> dict[str, Any]:
        from rasd.document import Article
        from rasd.events.corpus import dated_in_batches
        from rasd.pipeline import default_pipeline
        from rasd.runner import ingest

        with self._lock:
            if self._pipeline is None:
                self._pipeline = default_pipeline()
            docs = list(dated_in_batches(self._pipeline(Article(**a.model_dump())) for a in articles))
            with SQLiteStore(self.path) as store:
                stats = ingest(docs, store, batch_size=len(docs))
                events = {d.doc_id: sorted({view.record["event_id"] for ev in d.events
                                            if (view := store.event(ev.event_id)) is not None}) for d in docs}
        return {"added": stats.added, "updated": stats.updated, "unchanged": stats.unchanged,
                "doc_ids": [d.doc_id for d in docs], "events": events}


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status,
                        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


async def event_filter(  # the filters shared by /api/events and /api/stats
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees")] = None,
    start: Annotated[date | None, Query(description="first event date (YYYY-MM-DD)")] = None,
    end: Annotated[date | None, Query(description="last event date (YYYY-MM-DD)")] = None,
    event_type: Annotated[list[str], Query(alias="type", max_length=20, description="ACLED event type")] = [],  # noqa: B006
    sub_event_type: Annotated[list[str], Query(alias="sub_type", max_length=40)] = [],  # noqa: B006
    status: Annotated[list[str], Query(max_length=4, description=" | ".join(query.STATUSES))] = [],  # noqa: B006
    country: Annotated[list[str], Query(max_length=50)] = [],  # noqa: B006
    actor: Annotated[str | None, Query(min_length=1, max_length=100, description="part of an actor's name")] = None,
    outlet: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Arabic words (as rasd search)")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    located: Annotated[bool, Query(description="only events with coordinates")] = False,
) -> EventFilter:
    if start and end and start > end:
        raise BadQuery("start is after end")
    return EventFilter(BBox.parse(bbox) if bbox else None, start, end, event_type, sub_event_type, status,
                       country, actor, outlet, q, min_confidence, located)


Filter = Annotated[EventFilter, Depends(event_filter)]


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    """The app over the store ``db`` (read-only); ``token`` (default: ``RASD_TOKEN``) enables writes."""
    path = Path(db)
    token = os.environ.get("RASD_TOKEN") if token is None else token
    readers, writer = Readers(path), Writer(path)
    query.check_store(readers.conn())  # fails at start, not on the first request
    app = FastAPI(title="rasd", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events read from Arabic news (ACLED-style), with their Arabic evidence.")
    app.state.db = path

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"where": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
        first = details[0] if details else {"where": "request", "message": "invalid"}
        return _error(422, f"{first['where']}: {first['message']}", details=jsonable_encoder(details))

    @app.exception_handler(BadQuery)
    async def _bad(_: Request, exc: BadQuery) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(500, "internal server error")


    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, Any]:
        n = readers.conn().execute("SELECT count(*) FROM real_events").fetchone()[0]
        return {"ok": True, "version": __version__, "events": n, "writes": bool(token)}

    def page(flt: EventFilter, limit: int, offset: int, sort: str, fmt: str, compact: bool) -> Response:
        conn = readers.conn()
        total = query.count_events(conn, flt)
        headers = {"X-Total-Count": str(total)}
        if fmt == "json":  # the stored JSON as it is, or the markers' JSON written by SQLite
            if compact:
                n, events = query.list_map_points_json(conn, flt, limit, offset, sort)
            else:
                raw = query.list_events_json(conn, flt, limit, offset, sort)
                n, events = len(raw), f"[{', '.join(raw)}]"
            body = f'{{"total": {total}, "limit": {limit}, "offset": {offset}, "count": {n}, "events": {events}}}'
            return Response(body, media_type="application/json", headers=headers)
        from rasd.export import write_events

        rows = list((query.list_map_points if compact else query.list_events)(conn, flt, limit, offset, sort))
        buf = io.StringIO()
        write_events(rows, buf, fmt)
        if fmt == "geojson":
            collection = json.loads(buf.getvalue())
            return JSONResponse({**collection, "total": total, "limit": limit, "offset": offset},
                                media_type="application/geo+json", headers=headers)
        name = "rasd-events-acled.csv" if fmt == "acled-csv" else "rasd-events.csv"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)

    @app.get("/api/events", tags=["events"])
    async def events(
        flt: Filter,
        limit: Annotated[int, Query(ge=1, le=EXPORT_MAX, description=f"page size (≤ {PAGE_MAX} full records)")] = 100,
        offset: Annotated[int, Query(ge=0, le=OFFSET_MAX)] = 0,
        sort: Literal["-date", "date"] = "-date",
        fmt: Annotated[Literal["json", "geojson", "csv", "acled-csv"], Query(alias="format")] = "json",
        fields: Annotated[Literal["full", "map"], Query(description="map: the fields of a marker (json, geojson)")] = "full",
    ) -> Response:
        """The real events that pass every filter, newest first, a page at a time."""
        compact = fields == "map" and fmt in ("json", "geojson")
        if limit > PAGE_MAX and fmt == "json" and not compact:
            raise BadQuery(f"limit: at most {PAGE_MAX} full records per page (format=csv or fields=map: {EXPORT_MAX})")
        if fmt == "json":  # index seeks and stored JSON: quicker than the hop to a worker thread
            return page(flt, limit, offset, sort, fmt, compact)
        return await run_in_threadpool(page, flt, limit, offset, sort, fmt, compact)

    @app.get("/api/events/{ident}", tags=["events"])
    def event(ident: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        """One event by its id, an alias (an event merged into it) or the id of one of its reports: the fused
        record and each report with its outlet, attribution and Arabic evidence (highlight offsets)."""
        found = query.event_detail(readers.conn(), ident)
        if found is None:
            raise HTTPException(404, f"no event {ident!r}")
        return found

    @app.get("/api/articles/{doc_id:path}", tags=["articles"])
    def get_article(doc_id: str) -> dict[str, Any]:
        """An article's text (title, blank line, body: what span offsets index) and all its spans."""
        found = query.article(readers.conn(), doc_id)
        if found is None:
            raise HTTPException(404, f"no article {doc_id!r}")
        return found

    @app.get("/api/search", tags=["articles"])
    def search(q: Annotated[str, Query(min_length=1, max_length=200)],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
        """Full-text search over the stored articles (normalised Arabic, as ``rasd search``)."""
        query.fts_match(q)  # a query with no word is a 400
        hits = readers.store().search(q, limit)
        return {"q": q, "count": len(hits), "hits": [
            {"doc_id": h.doc_id, "title": h.title, "published": h.published, "matched": h.matched,
             "snippet": h.snippet, "events": [e.get("event_id") for e in h.events]} for h in hits]}

    @app.get("/api/stats", tags=["events"])
    def get_stats(flt: Filter,
                  by: Annotated[list[Literal["day", "type", "sub_type", "country", "status", "actor"]], Query()] = [],  # noqa: B006
                  all_dates: Annotated[bool, Query(description="ignore start/end (a timeline's full range)")] = False,
                  ) -> dict[str, Any]:
        """Counts of the filtered events by day, type, country, status and actor."""
        if all_dates:
            flt.start = flt.end = None
        return query.stats(readers.conn(), flt, by or ["day", "type", "country", "actor"])

    def authorised(request: Request) -> None:
        if not token:
            raise HTTPException(403, "writes are disabled: start the server with RASD_TOKEN set")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is needed (Authorization: Bearer …)")

    @app.post("/api/articles", tags=["articles"], dependencies=[Depends(authorised)], status_code=201,
              openapi_extra={"requestBody": {"content": {"application/json": {"schema": ArticlesIn.model_json_schema()}}}})
    async def post_articles(request: Request) -> dict[str, Any]:
        """Analyse articles (``{"articles": [...]}``, at most 50, 1 MiB) and store them; returns their doc ids
        and the ids of the events their reports joined.  Needs ``Authorization: Bearer $RASD_TOKEN``."""
        body = await _read_body(request)
        try:
            payload = ArticlesIn.model_validate_json(body)
        except ValidationError as exc:
            details = [{"where": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
            return _error(422, f"{details[0]['where'] or 'body'}: {details[0]['message']}", details=details)
        try:
            return await run_in_threadpool(writer.write, payload.articles)
        except RasdError as exc:
            raise HTTPException(503, f"cannot store: {exc}") from None

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="rasd API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css", swagger_favicon_url="/static/favicon.svg")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(STATIC.joinpath("index.html")))

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app


async def _read_body(request: Request) -> bytes:
    """The request body, refused (413) past ``BODY_MAX`` bytes whether or not it declares its length."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > BODY_MAX:
        raise HTTPException(413, f"the body is over {BODY_MAX} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_MAX:
            raise HTTPException(413, f"the body is over {BODY_MAX} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
