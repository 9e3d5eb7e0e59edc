"""Read-only queries of the web app over the store's real events (no FastAPI here: plain SQL and dicts).

Every filter becomes a WHERE clause over ``real_events``; the date, type, country and bounding-box
filters are answered by indexes (migrations 003 and 004), the others are checked on the rows those
leave.  The text query goes through the store's full-text index, as ``rasd search`` does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasd.errors import RasdError
from rasd.store.clusters import find_event, has_tables, stored_records
from rasd.store.sqlite import query_words

STATUSES = ("occurred", "possible", "planned_or_threatened", "negated")
MAP_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "status", "latitude", "longitude",
               "location", "country", "n_reports")
ACTOR_KEYS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "actor1_ar", "actor2_ar")
SORTS = {"date": "event_date, event_id", "-date": "event_date DESC, event_id DESC"}


class BadQuery(ValueError):
    """A filter the client got wrong (answered with a 4xx and this message)."""


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """``west,south,east,north`` in degrees (GeoJSON order)."""
        try:
            west, south, east, north = (float(x) for x in text.split(","))
        except ValueError:
            raise BadQuery("bbox must be four numbers: west,south,east,north") from None
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise BadQuery("bbox must satisfy -180 <= west <= east <= 180 and -90 <= south <= north <= 90")
        return cls(west, south, east, north)


@dataclass
class EventFilter:
    bbox: BBox | None = None
    start: date | None = None
    end: date | None = None
    event_type: list[str] = field(default_factory=list)
    sub_event_type: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    actor: str | None = None  # part of an actor's name, English or Arabic
    outlet: str | None = None  # one of the event's outlets, exactly
    q: str | None = None  # Arabic words, as ``rasd search``
    min_confidence: float | None = None
    located: bool = False  # only events with coordinates

    def where(self, skip_dates: bool = False) -> tuple[str, list[Any]]:
        """The WHERE clause (with ``?`` parameters) over ``real_events``; ``skip_dates`` leaves the date
        range out (the timeline shows the whole range it brushes)."""
        terms: list[str] = []
        args: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            terms.append(sql)
            args.extend(values)

        if self.start and not skip_dates:
            add("event_date >= ?", self.start.isoformat())
        if self.end and not skip_dates:
            add("event_date <= ?", self.end.isoformat())
        for column, values in (("event_type", self.event_type), ("sub_event_type", self.sub_event_type),
                               ("country", self.country)):
            if values:
                add(f"{column} IN ({','.join('?' * len(values))})", *values)
        if self.bbox:
            b = self.bbox
            add("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?", b.south, b.north, b.west, b.east)
        elif self.located:
            add("latitude IS NOT NULL AND longitude IS NOT NULL")
        if self.status:
            bad = sorted(set(self.status) - set(STATUSES))
            if bad:
                raise BadQuery(f"unknown status {bad[0]!r}; choose from {', '.join(STATUSES)}")
            add(f"json_extract(record, '$.status') IN ({','.join('?' * len(self.status))})", *self.status)
        if self.actor:
            like = "%" + self.actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            add("(" + " OR ".join(f"json_extract(record, '$.{k}') LIKE ? ESCAPE '\\'" for k in ACTOR_KEYS) + ")",
                *[like] * len(ACTOR_KEYS))
        if self.outlet:
            add("EXISTS (SELECT 1 FROM json_each(record, '$.outlets') WHERE value = ?)", self.outlet)
        if self.min_confidence is not None:
            add("coalesce(json_extract(record, '$.confidence'), 0) >= ?", self.min_confidence)
        if self.q is not None:
            add("event_id IN (SELECT r.event_id FROM event_reports r WHERE r.doc_id IN"
                " (SELECT doc_id FROM articles_fts WHERE articles_fts MATCH ?))", fts_match(self.q))
        return (" WHERE " + " AND ".join(terms)) if terms else "", args


def fts_match(query: str) -> str:
    """The FTS5 expression of a query: every word, in any of its indexed forms (``word*``: a prefix)."""
    words = query_words(query)
    if not words:
        raise BadQuery(f"nothing to search for in {query!r}: give at least one word")
    return " AND ".join(f'"{w.word}"*' if w.prefix else "(" + " OR ".join(f'"{f}"' for f in w.forms) + ")"
                        for w in words)


def check_store(conn: sqlite3.Connection) -> None:
    """The app needs the real-events tables (migration 003); an older database must be migrated first."""
    if not has_tables(conn):
        raise RasdError("the database has no real events (written by an older rasd): run `rasd cluster --db FILE` once")


def count_events(conn: sqlite3.Connection, flt: EventFilter) -> int:
    where, args = flt.where()
    return conn.execute(f"SELECT count(*) FROM real_events{where}", args).fetchone()[0]


def list_events(conn: sqlite3.Connection, flt: EventFilter, limit: int, offset: int = 0,
                sort: str = "-date") -> Iterator[dict[str, Any]]:
    """Full records (SCHEMA §3 with ``timestamp``), a page of them."""
    for raw in list_events_json(conn, flt, limit, offset, sort):
        yield json.loads(raw)


def list_events_json(conn: sqlite3.Connection, flt: EventFilter, limit: int, offset: int = 0,
                     sort: str = "-date") -> list[str]:
    """The page's records as JSON text, ``timestamp`` added to the stored text (not parsed and written again:
    most of a page's cost)."""
    where, args = flt.where()
    sql = (f"SELECT record, CAST(strftime('%s', updated_at) AS INTEGER) FROM real_events{where}"
           f" ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?")
    return [f'{record[:-1]}, "timestamp": {"null" if stamp is None else stamp}}}'
            for record, stamp in conn.execute(sql, [*args, limit, offset])]


def list_map_points(conn: sqlite3.Connection, flt: EventFilter, limit: int, offset: int = 0,
                    sort: str = "-date") -> Iterator[dict[str, Any]]:
    """The few fields a map marker and a list row need (no record is parsed but for its status)."""
    where, args = flt.where()
    columns = ", ".join("json_extract(record, '$.status')" if c == "status" else c for c in MAP_COLUMNS)
    sql = f"SELECT {columns} FROM real_events{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"
    for row in conn.execute(sql, [*args, limit, offset]):
        yield dict(zip(MAP_COLUMNS, row, strict=True))


def list_map_points_json(conn: sqlite3.Connection, flt: EventFilter, limit: int, offset: int = 0,
                         sort: str = "-date") -> tuple[int, str]:
    """:func:`list_map_points` as a JSON array written by SQLite itself (thousands of markers at once)."""
    where, args = flt.where()
    pairs = ", ".join(f"'{c}', {c}" for c in MAP_COLUMNS)
    columns = ", ".join("json_extract(record, '$.status') AS status" if c == "status" else c for c in MAP_COLUMNS)
    sql = (f"SELECT count(*), coalesce(json_group_array(json_object({pairs})), '[]') FROM"
           f" (SELECT {columns} FROM real_events{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?)")
    n, text = conn.execute(sql, [*args, limit, offset]).fetchone()
    return n, text


def stats(conn: sqlite3.Connection, flt: EventFilter, by: list[str], top: int = 20) -> dict[str, Any]:
    """Counts of the filtered events by day, type, country and actor (the ``top`` actors)."""
    out: dict[str, Any] = {"total": count_events(conn, flt)}
    where, args = flt.where()
    groups = {"day": "event_date", "type": "event_type", "sub_type": "sub_event_type", "country": "country",
              "status": "json_extract(record, '$.status')"}
    for name in by:
        if name == "actor":
            out["actor"] = _actor_counts(conn, where, args, top)
            continue
        expr = groups[name]
        order = "1" if name == "day" else "2 DESC, 1"
        rows = conn.execute(f"SELECT {expr}, count(*) FROM real_events{where} GROUP BY 1 ORDER BY {order}", args)
        out[name] = [{"key": key, "count": n} for key, n in rows]
    return out


def _actor_counts(conn: sqlite3.Connection, where: str, args: list[Any], top: int) -> list[dict[str, Any]]:
    sql = (f"SELECT actor, count(*) FROM (SELECT json_extract(record, '$.actor1') AS actor FROM real_events{where}"
           f" UNION ALL SELECT json_extract(record, '$.actor2') FROM real_events{where})"
           " WHERE actor IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?")
    return [{"key": key, "count": n} for key, n in conn.execute(sql, [*args, *args, top])]


# -- one event, one article -----------------------------------------------------------------------

HIGHLIGHT_ROLES = ("trigger", "actor1", "actor2", "location", "date")


def event_detail(conn: sqlite3.Connection, ident: str) -> dict[str, Any] | None:
    """An event (by its id, an alias or a report id) with each report's attribution and Arabic evidence;
    highlight offsets are into the evidence text, ``doc_start``/``doc_end`` into the article's text."""
    view = find_event(conn, ident)
    if view is None:
        return None
    records = stored_records(conn, [r.report_id for r in view.reports])
    reports = []
    for rep in view.reports:
        rec = records.get(rep.report_id) or {}
        reports.append({
            "report_id": rep.report_id, "doc_id": rep.doc_id, "title": view.titles.get(rep.doc_id),
            "outlet": rep.outlet, "published": rep.published, "event_date": rep.event_date,
            "sub_event_type": rep.sub_event_type, "status": rep.status, "location": rep.location,
            "fatalities": rep.fatalities, "actor1": rep.actor1, "actor2": rep.actor2,
            "attribution": rec.get("attribution"), "evidence": _evidence(rec, rep.evidence),
        })
    return {"asked": view.asked, "via": view.via, "event": view.record, "reports": reports}


def _evidence(rec: dict[str, Any], fallback: str) -> dict[str, Any]:
    ev = rec.get("evidence") or {}
    text, base = ev.get("text", fallback), ev.get("start")
    spans = {role: tuple(pos) for role, pos in (rec.get("spans") or {}).items() if pos}
    if rec.get("trigger"):
        spans["trigger"] = (rec["trigger"]["start"], rec["trigger"]["end"])
    marks = []
    for role in HIGHLIGHT_ROLES:
        if role not in spans or base is None:
            continue
        lo, hi = spans[role][0] - base, spans[role][1] - base
        if 0 <= lo < hi <= len(text):
            marks.append({"role": role, "start": lo, "end": hi, "text": text[lo:hi],
                          "doc_start": spans[role][0], "doc_end": spans[role][1]})
    return {"text": text, "doc_start": base, "doc_end": ev.get("end"), "highlights": marks}


def article(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """An article: its text (title, blank line, body: the text every span offset indexes), metadata, all
    its spans by layer and its reports with the events they belong to."""
    row = conn.execute("SELECT doc_id, title, text, published, source, url, dateline, ingested_at FROM articles"
                       " WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    keys = ("doc_id", "title", "body", "published", "source", "url", "dateline", "ingested_at")
    out: dict[str, Any] = dict(zip(keys, row, strict=True))
    out["text"] = f"{out['title']}\n\n{out['body']}" if out["title"] else out["body"]
    spans: dict[str, list[dict[str, Any]]] = {}
    for layer, data in conn.execute("SELECT layer, data FROM spans WHERE doc_id = ? ORDER BY start, end", (doc_id,)):
        spans.setdefault(layer, []).append(json.loads(data))
    out["spans"] = spans
    out["reports"] = [{"report_id": rid, "event_id": eid, "trigger": (json.loads(rec).get("trigger") or {}),
                       "sub_event_type": json.loads(rec).get("sub_event_type")}
                      for rid, eid, rec in conn.execute(
                          "SELECT e.event_id, r.event_id, e.record FROM events e LEFT JOIN event_reports r"
                          " ON r.report_id = e.event_id WHERE e.doc_id = ? ORDER BY e.event_id", (doc_id,))]
    return out
