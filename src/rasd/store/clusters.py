"""Real events in the store (issue 14): the clusterer's state as indexed tables (SQLite or PostgreSQL).

The table ``events`` keeps one row per article-level record, a *report* (its name and columns are
those of older versions, so that old scripts and exports keep working).  Migration 003 adds

* ``real_events``: one row per real event: id, creation number ``seq``, type, date, place, country,
  first and last seen, number of reports, the time of its newest article (``updated_at``) and the
  fused SCHEMA §3 record (JSON);
* ``event_reports``: which event each report belongs to (``report_id`` = ``events.event_id``), its
  article, its position in the event and the :class:`~rasd.events.cluster.Report` as clustered;
* ``event_aliases``: the id of a merged event → the id of the event that absorbed it;
* ``event_candidates``: the index (event type, day, grid row, grid column) → report.

:class:`StoreClusterer` runs the rule of :mod:`rasd.events.cluster` over these tables.  A new report
costs one candidate query (an index seek per day of the date window, a range over the grid rows
within reach, the columns filtered inside the index) and a few primary-key lookups per candidate, so
its cost depends on how many reports lie near it in time and space, not on the size of the store.

The SQL is shared by both databases (:mod:`rasd.store.dialect` adapts it); each function takes a
``sqlite3`` or psycopg connection, or an adapter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from rasd.document import parse_date
from rasd.events.cluster import (
    Candidate,
    ClusterAlgorithm,
    Clusterer,
    Key,
    Report,
    Settings,
    event_id_for,
    event_record,
    load_settings,
)
from rasd.store.dialect import PG_POINT, Sql, adapt

SCHEMA = """
CREATE TABLE real_events (
    event_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    event_type TEXT, sub_event_type TEXT, event_date TEXT, latitude REAL, longitude REAL,
    country TEXT, location TEXT, first_seen TEXT, last_seen TEXT,
    n_reports INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT,
    record TEXT
);
CREATE INDEX real_events_type_date ON real_events(event_type, event_date);
CREATE INDEX real_events_date ON real_events(event_date, event_id);
CREATE TABLE event_reports (
    report_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    pos INTEGER NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX event_reports_event_pos ON event_reports(event_id, pos);
CREATE INDEX event_reports_event_doc ON event_reports(event_id, doc_id);
CREATE TABLE event_aliases (
    alias TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    pos INTEGER NOT NULL
);
CREATE INDEX event_aliases_event ON event_aliases(event_id, pos);
CREATE TABLE event_candidates (
    event_type TEXT NOT NULL, day INTEGER NOT NULL, cell_y INTEGER NOT NULL, cell_x INTEGER NOT NULL,
    report_id TEXT NOT NULL
);
CREATE INDEX event_candidates_key ON event_candidates(event_type, day, cell_y, cell_x, report_id);
CREATE INDEX event_candidates_report ON event_candidates(report_id)
"""

# the same tables in PostgreSQL: ids and dates sort bytewise as in SQLite (COLLATE "C"), undated events
# first; each event's place as a PostGIS point with a GiST index
PG_SCHEMA = """
CREATE TABLE real_events (
    event_id TEXT COLLATE "C" PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    event_type TEXT COLLATE "C", sub_event_type TEXT COLLATE "C", event_date TEXT COLLATE "C",
    latitude DOUBLE PRECISION, longitude DOUBLE PRECISION,
    country TEXT COLLATE "C", location TEXT, first_seen TEXT, last_seen TEXT,
    n_reports INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ,
    record TEXT,
    """ + PG_POINT + """
);
CREATE INDEX real_events_type_date ON real_events(event_type, event_date);
CREATE INDEX real_events_date ON real_events(event_date NULLS FIRST, event_id);
CREATE INDEX real_events_geom ON real_events USING GIST (geom);
CREATE TABLE event_reports (
    report_id TEXT COLLATE "C" PRIMARY KEY,
    event_id TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    pos INTEGER NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX event_reports_event_pos ON event_reports(event_id, pos);
CREATE INDEX event_reports_event_doc ON event_reports(event_id, doc_id);
CREATE TABLE event_aliases (
    alias TEXT COLLATE "C" PRIMARY KEY,
    event_id TEXT COLLATE "C" NOT NULL,
    pos INTEGER NOT NULL
);
CREATE INDEX event_aliases_event ON event_aliases(event_id, pos);
CREATE TABLE event_candidates (
    event_type TEXT COLLATE "C" NOT NULL, day INTEGER NOT NULL, cell_y INTEGER NOT NULL, cell_x INTEGER NOT NULL,
    report_id TEXT COLLATE "C" NOT NULL
);
CREATE INDEX event_candidates_key ON event_candidates(event_type, day, cell_y, cell_x, report_id);
CREATE INDEX event_candidates_report ON event_candidates(report_id)
"""

CLUSTER_TABLES = ("real_events", "event_reports", "event_aliases", "event_candidates")
CHUNK = 500  # ids per IN (...) list
CACHE_SIZE = 50_000  # parsed reports kept between batches (without their evidence), weeks of news


def report_of(record: dict[str, Any], published: str | None, outlet: str | None) -> Report:
    """The report of a stored record, published on its article's day (the order the clusterer is fed in)."""
    return Report.from_record(record, parse_date(published), outlet)


class StoreClusterer(ClusterAlgorithm):
    """The clustering rule over the store's tables; call :meth:`refresh` before the transaction ends."""

    def __init__(self, conn: Any, settings: Settings | None = None, cache: dict[str, Report] | None = None) -> None:
        self.db = adapt(conn)
        self.settings = settings or load_settings()
        self.touched: set[str] = set()  # events whose fused record must be rewritten
        # stored reports never change: each is parsed once (a store keeps the cache from batch to batch)
        self._parsed: dict[str, Report] = {} if cache is None else cache

    def _one(self, sql: str, *args: Any) -> Any:
        return self.db.one(sql, *args)

    # -- storage primitives ---------------------------------------------------------------------
    def _event_id_of(self, report_id: str) -> str | None:
        return self._one("SELECT event_id FROM event_reports WHERE report_id = ?", report_id)

    def _candidates(self, event_type: str, days: range, ys: range, xs: range) -> Iterator[Candidate]:
        rows = self.db.execute(
            "SELECT c.report_id, r.event_id FROM event_candidates c JOIN event_reports r ON r.report_id = c.report_id"
            f" WHERE c.event_type = ? AND c.day IN ({self.db.marks(len(days))})"
            " AND c.cell_y BETWEEN ? AND ? AND c.cell_x BETWEEN ? AND ?",
            (event_type, *days, ys[0], ys[-1], xs[0], xs[-1])).fetchall()
        for rid, eid in rows:
            report = self._parsed.get(rid)
            if report is None:
                report = self._remember(Report(**json.loads(
                    self._one("SELECT report FROM event_reports WHERE report_id = ?", rid))))
            yield eid, report

    def _remember(self, report: Report) -> Report:
        if len(self._parsed) >= CACHE_SIZE:
            self._parsed.clear()
        self._parsed[report.report_id] = report = replace(report, evidence="")  # what the rule reads
        return report

    def _created(self, event_id: str) -> int:
        return self._one("SELECT seq FROM real_events WHERE event_id = ?", event_id)

    def _holds_doc(self, event_id: str, doc_id: str) -> bool:
        return self._one("SELECT 1 FROM event_reports WHERE event_id = ? AND doc_id = ? LIMIT 1", event_id, doc_id) is not None

    def _founder(self, event_id: str) -> Report:
        rid, raw = self.db.execute("SELECT report_id, report FROM event_reports WHERE event_id = ? ORDER BY pos LIMIT 1",
                                   (event_id,)).fetchone()
        return self._parsed.get(rid) or self._remember(Report(**json.loads(raw)))

    def _share_doc(self, a: str, b: str) -> bool:
        return self._one("SELECT 1 FROM event_reports x JOIN event_reports y ON y.event_id = ? AND y.doc_id = x.doc_id"
                         " WHERE x.event_id = ? LIMIT 1", b, a) is not None

    def _new_event(self, report: Report) -> str:
        eid, n = event_id_for(report.report_id), 0
        while self.resolve(eid) is not None:  # a re-analysed article's report may come back as a new event
            n += 1
            eid = event_id_for(f"{report.report_id}#{n}")
        seq = self._one("SELECT coalesce(max(seq), 0) + 1 FROM real_events")
        self.db.execute("INSERT INTO real_events(event_id, seq, event_type) VALUES (?, ?, ?)", (eid, seq, report.event_type))
        return eid

    def _attach(self, event_id: str, report: Report, keys: list[Key]) -> None:
        pos = self._one("SELECT coalesce(max(pos), 0) + 1 FROM event_reports WHERE event_id = ?", event_id)
        self.db.execute("INSERT INTO event_reports(report_id, event_id, doc_id, pos, report) VALUES (?,?,?,?,?)",
                          (report.report_id, event_id, report.doc_id, pos, json.dumps(report.as_dict(), ensure_ascii=False)))
        self.db.executemany("INSERT INTO event_candidates(event_type, day, cell_y, cell_x, report_id) VALUES (?,?,?,?,?)",
                              [(*key, report.report_id) for key in keys])
        self._remember(report)
        self.touched.add(event_id)

    def _merge(self, keep: str, other: str) -> None:
        moved = [Report(**json.loads(raw)) for (raw,) in
                 self.db.execute("SELECT report FROM event_reports WHERE event_id = ?", (other,))]
        top = self._one("SELECT coalesce(max(pos), 0) FROM event_reports WHERE event_id = ?", keep)
        self.db.executemany("UPDATE event_reports SET event_id = ?, pos = ? WHERE report_id = ?",
                              [(keep, top + n, r.report_id) for n, r in enumerate(sorted(moved, key=Report.order_key), 1)])
        old = [a for (a,) in self.db.execute("SELECT alias FROM event_aliases WHERE event_id = ? ORDER BY pos", (other,))]
        top = self._one("SELECT coalesce(max(pos), 0) FROM event_aliases WHERE event_id = ?", keep)
        self.db.executemany("INSERT INTO event_aliases(alias, event_id, pos) VALUES (?, ?, ?) ON CONFLICT (alias)"
                            " DO UPDATE SET event_id = excluded.event_id, pos = excluded.pos",
                            [(a, keep, top + n) for n, a in enumerate([other, *old], 1)])
        self.db.execute("DELETE FROM real_events WHERE event_id = ?", (other,))
        self.touched.discard(other)
        self.touched.add(keep)

    # -- beyond the rule ------------------------------------------------------------------------
    def resolve(self, event_id: str) -> str | None:
        """The live id for an event id or alias (None when unknown)."""
        if self._one("SELECT 1 FROM real_events WHERE event_id = ?", event_id):
            return event_id
        return self._one("SELECT event_id FROM event_aliases WHERE alias = ?", event_id)

    def remove(self, report_ids: Iterable[str]) -> None:
        """Take reports out of their events (their article changed); an event left empty is deleted."""
        for rid in report_ids:
            eid = self._event_id_of(rid)
            if eid is None:
                continue
            self.db.execute("DELETE FROM event_reports WHERE report_id = ?", (rid,))
            self.db.execute("DELETE FROM event_candidates WHERE report_id = ?", (rid,))
            self._parsed.pop(rid, None)
            if self._one("SELECT 1 FROM event_reports WHERE event_id = ? LIMIT 1", eid) is None:
                self.db.execute("DELETE FROM real_events WHERE event_id = ?", (eid,))
                self.db.execute("DELETE FROM event_aliases WHERE event_id = ?", (eid,))
                self.touched.discard(eid)
            else:
                self.touched.add(eid)

    def refresh(self) -> int:
        """Rewrite the fused record of every event changed since the last call; returns how many."""
        touched, self.touched = sorted(self.touched), set()
        for eid in touched:
            self._fuse_one(eid)
        return len(touched)

    def _fuse_one(self, eid: str) -> None:
        reports = [Report(**json.loads(raw)) for (raw,) in
                   self.db.execute("SELECT report FROM event_reports WHERE event_id = ? ORDER BY pos", (eid,))]
        records = stored_records(self.db, [r.report_id for r in reports])
        aliases = [a for (a,) in self.db.execute("SELECT alias FROM event_aliases WHERE event_id = ? ORDER BY pos", (eid,))]
        rec = event_record(eid, reports, records, aliases, self.settings)
        self.db.execute(
            "UPDATE real_events SET sub_event_type = ?, event_date = ?, latitude = ?, longitude = ?, country = ?,"
            " location = ?, first_seen = ?, last_seen = ?, n_reports = ?, record = ?, updated_at = (SELECT"
            " max(a.ingested_at) FROM event_reports r JOIN articles a ON a.doc_id = r.doc_id WHERE r.event_id = ?)"
            " WHERE event_id = ?",
            (rec["sub_event_type"], rec["event_date"], rec["latitude"], rec["longitude"], rec["country"], rec["location"],
             rec["first_seen"], rec["last_seen"], len(reports), json.dumps(rec, ensure_ascii=False), eid, eid))


def stored_records(conn: Any, report_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The article-level records of these reports, by id."""
    db = adapt(conn)
    out: dict[str, dict[str, Any]] = {}
    for k in range(0, len(report_ids), CHUNK):
        part = report_ids[k:k + CHUNK]
        out.update((rid, json.loads(raw)) for rid, raw in db.execute(
            f"SELECT event_id, record FROM events WHERE event_id IN ({db.marks(len(part))})", part))
    return out


# -- whole-store work ------------------------------------------------------------------------------

def _feed_order(db: Sql) -> list[str]:
    """The ids of the stored reports in publication order (the article's day, doc id, report id)."""
    keyed = []
    for rid, doc_id, published, event_date in db.execute(
            "SELECT e.event_id, e.doc_id, a.published, e.event_date FROM events e JOIN articles a ON a.doc_id = e.doc_id"):
        day = parse_date(published)
        keyed.append((str(day) if day else event_date or "", doc_id, rid))
    return [rid for *_, rid in sorted(keyed)]


def stored_reports(conn: Any) -> Iterator[Report]:
    """Every stored report, in publication order (read in chunks, not all at once)."""
    db = adapt(conn)
    order = _feed_order(db)
    for k in range(0, len(order), CHUNK):
        part = order[k:k + CHUNK]
        rows = {rid: report_of(json.loads(rec), published, source) for rid, rec, published, source in db.execute(
            "SELECT e.event_id, e.record, a.published, a.source FROM events e JOIN articles a ON a.doc_id = e.doc_id"
            f" WHERE e.event_id IN ({db.marks(len(part))})", part)}
        yield from (rows[rid] for rid in part)


def rebuild(conn: Any, progress: Callable[[int, int], None] | None = None) -> int:
    """Cluster every stored report again, from nothing, in publication order; returns the number of
    events.  Runs inside the caller's transaction.  ``progress(done, total)`` is called as it goes."""
    db = adapt(conn)
    for table in CLUSTER_TABLES:
        db.execute(f"DELETE FROM {table}")
    total = db.one("SELECT count(*) FROM events")
    clusterer = StoreClusterer(db)
    for n, report in enumerate(stored_reports(db), 1):
        clusterer.add(report)
        if progress is not None and (n % 1000 == 0 or n == total):
            progress(n, total)
    clusterer.refresh()
    return db.one("SELECT count(*) FROM real_events")


def backfill(conn: Any) -> None:
    """Migration 003: the tables, and the events of the reports already stored."""
    db = adapt(conn)
    for statement in (s.strip() for s in (PG_SCHEMA if db.name == "postgresql" else SCHEMA).split(";")):
        if statement:
            db.execute(statement)
    rebuild(db)


# -- reading ---------------------------------------------------------------------------------------

def has_tables(conn: Any) -> bool:
    return adapt(conn).has_table("real_events")


def iter_event_records(conn: Any) -> Iterator[dict[str, Any]]:
    """The fused records, by date then id, each with ``timestamp``: when its newest article was stored."""
    db = adapt(conn)
    if not has_tables(db):  # a database of an older rasd that could not be migrated (read-only)
        yield from (view.record for view in memory_events(db))
        return
    for record, stamp in db.execute(f"SELECT record, {db.epoch('updated_at')} FROM real_events"
                                    " ORDER BY event_date NULLS FIRST, event_id"):
        yield {**json.loads(record), "timestamp": stamp}


@dataclass
class EventView:
    """One real event as ``rasd event`` shows it."""

    record: dict[str, Any]
    reports: list[Report]
    asked: str = ""  # the id asked for
    via: str | None = None  # "alias" or "report" when the id asked for was not the event's own
    titles: dict[str, str | None] = field(default_factory=dict)  # doc id -> article title


def find_event(conn: Any, ident: str) -> EventView | None:
    """The event with this id, the event an alias was merged into, or the event of a report id."""
    db = adapt(conn)
    if not has_tables(db):
        return next((v for v in _memory_find(db, ident)), None)
    clusterer = StoreClusterer(db)
    eid, via = clusterer.resolve(ident), None
    if eid is not None and eid != ident:
        via = "alias"
    elif eid is None and (eid := clusterer._event_id_of(ident)) is not None:
        via = "report"
    if eid is None:
        return None
    raw, stamp = db.execute(f"SELECT record, {db.epoch('updated_at')} FROM real_events WHERE event_id = ?",
                            (eid,)).fetchone()
    reports = [Report(**json.loads(r)) for (r,) in
               db.execute("SELECT report FROM event_reports WHERE event_id = ? ORDER BY pos", (eid,))]
    return EventView({**json.loads(raw), "timestamp": stamp}, reports, ident, via, _titles(db, reports))


def _titles(db: Sql, reports: list[Report]) -> dict[str, str | None]:
    docs = sorted({r.doc_id for r in reports})
    out: dict[str, str | None] = {}
    for k in range(0, len(docs), CHUNK):
        part = docs[k:k + CHUNK]
        out.update(db.execute(f"SELECT doc_id, title FROM articles WHERE doc_id IN ({db.marks(len(part))})", part))
    return out


def memory_events(conn: Any) -> Iterator[EventView]:
    """The events of an older database's reports, clustered in memory (nothing is written)."""
    db = adapt(conn)
    clusterer = Clusterer()
    for report in stored_reports(db):
        clusterer.add(report)
    stamps = dict(db.execute(f"SELECT doc_id, {db.epoch('ingested_at')} FROM articles"))
    views = []
    for ev in clusterer.events():
        records = stored_records(db, [r.report_id for r in ev.reports])
        rec = event_record(ev.event_id, ev.reports, records, ev.aliases, clusterer.settings)
        rec["timestamp"] = max(stamps.get(r.doc_id) or 0 for r in ev.reports) or None
        views.append(EventView(rec, ev.reports, ev.event_id))
    views.sort(key=lambda v: (v.record.get("event_date") or "", v.record["event_id"]))
    yield from views


def _memory_find(db: Sql, ident: str) -> Iterator[EventView]:
    for view in memory_events(db):
        via = ("alias" if ident in view.record["aliases"] else
               "report" if ident in view.record["reports"] and ident != view.record["event_id"] else None)
        if ident == view.record["event_id"] or via:
            view.asked, view.via, view.titles = ident, via, _titles(db, view.reports)
            yield view


def summary(conn: Any, top: int = 10) -> dict[str, Any]:
    """Articles, reports, events, reports per event and the ``top`` largest events."""
    db = adapt(conn)
    articles, reports = db.one("SELECT count(*) FROM articles"), db.one("SELECT count(*) FROM events")
    events = db.one("SELECT count(*) FROM real_events")
    largest = [dict(zip(("event_id", "n_reports", "event_type", "sub_event_type", "event_date", "location", "country"), row,
                        strict=True))
               for row in db.execute("SELECT event_id, n_reports, event_type, sub_event_type, event_date, location,"
                                     " country FROM real_events ORDER BY n_reports DESC, seq LIMIT ?", (top,))]
    multi = db.one("SELECT count(*) FROM real_events WHERE n_reports > 1")
    return {"articles": articles, "reports": reports, "events": events,
            "reports_per_event": round(reports / events, 3) if events else None,
            "events_with_several_reports": multi, "largest": largest}
