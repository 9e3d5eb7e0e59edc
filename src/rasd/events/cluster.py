"""Across outlets: one event per real event, with the reports that tell it (issue 14).

Every article yields its own records (:class:`~rasd.events.record.Event`), but a real event is told by
many outlets.  A :class:`Clusterer` is fed *reports* (one article's record with its outlet and
publication day) and puts each into an existing event or a new one, incrementally.

**Candidates.**  Reports are indexed by (event type, day, grid cell of ``cell_degrees``).  A new report
looks up only the days within the largest date slack and the cells within the largest radius of its
own, so the work per report depends on how many reports lie near it in time and space, never on the
number of stored events.

**Decision** (one rule; the thresholds live in ``rasd/data/events/cluster.yaml``).  A report joins the
event of a candidate report from another article when

* the event types are the same (sub-types may differ: one outlet's suicide bombing is another's
  explosion), or the sub-types too when ``same_sub_type`` is set;
* the places are the same gazetteer entry or lie within ``radius_km`` of the coarser geo precision of
  the two (town 25 km, near a town 50 km, region 100 km);
* the days differ by no more than ``date_slack_days`` of the coarser time precision;
* when ``actors_must_overlap`` is set: if both reports name actors, they share one.

Reports of one article never share an event (the article's extraction already decided they are
distinct events), and reports with no day or no place stay events of their own.  When a report links
events that were apart, they merge (unless they hold reports of one article): the oldest event keeps
its id and the others become its aliases.

**Ids.**  An event's id is derived from the id of the report that created it and is kept when later
reports join.  Feeding a known report again changes nothing.  :meth:`Clusterer.add_many` feeds a batch
in publication order (published, doc id, report id), so batches fed in publication order give the same
events and ids as one pass; :meth:`Clusterer.state` and :meth:`Clusterer.from_state` carry the
clusterer from one run to the next.

**Storage.**  :class:`ClusterAlgorithm` holds the rule over a few storage primitives (candidates
under index keys, the event of a report, whether an event holds an article, new event, attach,
merge).  :class:`Clusterer` keeps everything in memory (``rasd eval dedup``);
``rasd.store.clusters.StoreClusterer`` keeps it in the SQLite store, so that ``rasd ingest`` joins
each batch to the events of earlier runs with indexed lookups.

**Fusion** of an event's fields from its reports: see :func:`fuse`; :func:`event_record` makes the
event's SCHEMA §3 record that ``rasd export`` writes.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cache, cached_property
from importlib import resources
from types import SimpleNamespace
from typing import Any

import yaml

from rasd.geo import haversine_km

STATUS_ORDER = ("occurred", "possible", "planned_or_threatened", "negated")
KM_PER_DEGREE = 111.2
Key = tuple[str, int, int, int]  # (event type, day ordinal, grid row, grid column)


@dataclass(frozen=True)
class Settings:
    date_slack_days: dict[int, int]
    radius_km: dict[int, float]
    cell_degrees: float = 1.0
    same_sub_type: bool = False
    actors_must_overlap: bool = False
    merge_events: bool = True
    merge_geo_precision: int = 2  # the coarsest precisions of a report that may merge two events
    merge_time_precision: int = 1
    fit_founder: bool = True  # a report must also fit the event's first report (no single-link chaining)

    def slack(self, a: int | None, b: int | None) -> int:
        return self.date_slack_days[max(a or 3, b or 3)]

    def radius(self, a: int | None, b: int | None) -> float:
        return self.radius_km[max(a or 3, b or 3)]


@cache
def load_settings() -> Settings:
    raw = yaml.safe_load(resources.files("rasd.data").joinpath("events/cluster.yaml").read_text(encoding="utf-8"))
    raw["date_slack_days"] = {int(k): int(v) for k, v in raw["date_slack_days"].items()}
    raw["radius_km"] = {int(k): float(v) for k, v in raw["radius_km"].items()}
    return Settings(**raw)


@dataclass(frozen=True)
class Report:
    """One article's account of an event: the fields as that article states them."""

    report_id: str
    doc_id: str
    event_type: str
    sub_event_type: str
    outlet: str | None = None
    published: str | None = None  # ISO day the article was published
    event_date: str | None = None
    time_precision: int = 3
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    location: str | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    status: str = "occurred"
    attribution: str | None = None  # who the article says reports it; None: the outlet's own voice
    evidence: str = ""

    @classmethod
    def from_record(cls, record: dict[str, Any], published: date | str | None = None,
                    outlet: str | None = None) -> Report:
        """A report from an event record (``Event.to_record()``) of an article published on ``published``."""
        return cls(
            report_id=record["event_id"], doc_id=record["doc_id"], event_type=record["event_type"],
            sub_event_type=record["sub_event_type"], outlet=outlet or record.get("source"),
            published=str(published) if published else None, event_date=record.get("event_date"),
            time_precision=record.get("time_precision") or 3, latitude=record.get("latitude"),
            longitude=record.get("longitude"), geo_precision=record.get("geo_precision"),
            location=record.get("location"), geonameid=record.get("geonameid"), country=record.get("country"),
            admin1=record.get("admin1"), actor1=record.get("actor1"), actor2=record.get("actor2"),
            fatalities=record.get("fatalities"), status=record.get("status") or "occurred",
            attribution=(record.get("attribution") or {}).get("text"),
            evidence=(record.get("evidence") or {}).get("text", ""))

    @cached_property
    def day(self) -> date | None:
        return date.fromisoformat(self.event_date[:10]) if self.event_date else None

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @cached_property
    def actors(self) -> frozenset[str]:
        return frozenset(a for a in (self.actor1, self.actor2) if a)

    def as_dict(self) -> dict[str, Any]:
        """The fields as plain data (``dataclasses.asdict`` without its deep copies)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def order_key(self) -> tuple[str, str, str]:
        return (self.published or self.event_date or "", self.doc_id, self.report_id)


def event_id_for(report_id: str) -> str:
    return "rasd-ev-" + hashlib.sha1(report_id.encode("utf-8")).hexdigest()[:16]


def same_place(a: Report, b: Report, settings: Settings) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= settings.radius(a.geo_precision, b.geo_precision)


def whole_country(r: Report) -> bool:
    """A report placed only in a country (its location is the country's name)."""
    return r.geo_precision == 3 and r.location is not None and r.location == r.country


def compatible(a: Report, b: Report, settings: Settings) -> bool:
    """Whether two reports of different articles may tell one real event (the rule in the module docstring)."""
    if a.event_type != b.event_type or (settings.same_sub_type and a.sub_event_type != b.sub_event_type):
        return False
    if a.day is None or b.day is None or not a.placed or not b.placed:
        return False
    if abs((a.day - b.day).days) > settings.slack(a.time_precision, b.time_precision):
        return False
    if not same_place(a, b, settings) or whole_country(a) != whole_country(b):
        return False  # "في العراق" locates nothing: it joins only other country-wide reports
    return not (settings.actors_must_overlap and a.actors and b.actors and not a.actors & b.actors)


@dataclass
class Cluster:
    """One real event: its id, the reports that tell it (in feeding order) and the ids merged into it."""

    event_id: str
    seq: int
    reports: list[Report] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    doc_ids: set[str] = field(default_factory=set)  # the articles of its reports

    def __post_init__(self) -> None:
        self.doc_ids |= {r.doc_id for r in self.reports}

    def fused(self, settings: Settings | None = None) -> dict[str, Any]:
        return {"event_id": self.event_id, "aliases": list(self.aliases), **fuse(self.reports, settings)}


Candidate = tuple[str, Report]  # (live event id, a report it holds)


class ClusterAlgorithm:
    """The assignment rule, over a few storage primitives that a subclass provides.

    :class:`Clusterer` keeps events in memory; ``rasd.store.clusters.StoreClusterer`` keeps them in
    the SQLite store, so that ``rasd ingest`` joins new reports to the events of earlier runs with
    indexed lookups instead of loading every event.
    """

    settings: Settings

    # -- feeding --------------------------------------------------------------------------------
    def add(self, report: Report) -> str:
        """The id of the event ``report`` belongs to, after placing it (a known report changes nothing)."""
        known = self._event_id_of(report.report_id)
        if known is not None:
            return known
        target: str | None = None
        for eid in self._linked(report):
            if self._holds_doc(eid, report.doc_id):
                continue  # one article's reports are distinct events
            if target is None:
                target = eid
            elif self._may_merge(report) and not self._share_doc(target, eid):
                self._merge(target, eid)
        if target is None:
            target = self._new_event(report)
        self._attach(target, report, self._keys(report))
        return target

    def add_many(self, reports: list[Report]) -> list[str]:
        """Feed a batch in publication order; returns each report's event id, in the order given."""
        for r in sorted(reports, key=Report.order_key):
            self.add(r)
        return [self.event_of(r.report_id) for r in reports]

    def event_of(self, report_id: str) -> str:
        eid = self._event_id_of(report_id)
        if eid is None:
            raise KeyError(report_id)
        return eid

    # -- storage primitives ---------------------------------------------------------------------
    def _event_id_of(self, report_id: str) -> str | None:
        """The live id of the event holding the report, or None for an unknown report."""
        raise NotImplementedError

    def _candidates(self, event_type: str, days: range, ys: range, xs: range) -> Iterable[Candidate]:
        """The stored reports of this type indexed under any (day, cell) of the ranges."""
        raise NotImplementedError

    def _created(self, event_id: str) -> int:
        """The event's creation number (older events come first)."""
        raise NotImplementedError

    def _holds_doc(self, event_id: str, doc_id: str) -> bool:
        raise NotImplementedError

    def _founder(self, event_id: str) -> Report:
        """The event's first report (the one its id comes from, or the older event's after a merge)."""
        raise NotImplementedError

    def _share_doc(self, a: str, b: str) -> bool:
        """Whether two events hold reports of one article."""
        raise NotImplementedError

    def _new_event(self, report: Report) -> str:
        raise NotImplementedError

    def _attach(self, event_id: str, report: Report, keys: list[Key]) -> None:
        raise NotImplementedError

    def _merge(self, keep: str, other: str) -> None:
        """``other`` joins ``keep``: its reports come after keep's (by publication order) and its id
        and aliases become keep's aliases."""
        raise NotImplementedError

    # -- the rule -------------------------------------------------------------------------------
    def _may_merge(self, report: Report) -> bool:
        """Only a report precise in place and day may show that two events are one."""
        s = self.settings
        return (s.merge_events and (report.geo_precision or 3) <= s.merge_geo_precision
                and report.time_precision <= s.merge_time_precision)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        size = self.settings.cell_degrees
        return math.floor(lat / size), math.floor(lon / size)

    def _keys(self, r: Report) -> list[Key]:
        if r.day is None or not r.placed:
            return []
        return [(r.event_type, r.day.toordinal(), *self._cell(r.latitude, r.longitude))]

    def _reach(self, report: Report) -> tuple[range, range, range]:
        """The days and grid rows and columns a compatible report may lie in."""
        s = self.settings
        reach_days = max(s.date_slack_days.values())
        reach_km = max(s.radius_km.values())
        cy, cx = self._cell(report.latitude, report.longitude)
        dy = math.ceil(reach_km / (KM_PER_DEGREE * s.cell_degrees))
        cos = max(math.cos(math.radians(min(abs(report.latitude) + dy * s.cell_degrees, 89.0))), 0.01)
        dx = math.ceil(reach_km / (KM_PER_DEGREE * cos * s.cell_degrees))
        day = report.day.toordinal()
        return (range(day - reach_days, day + reach_days + 1), range(cy - dy, cy + dy + 1),
                range(cx - dx, cx + dx + 1))

    def _linked(self, report: Report) -> list[str]:
        """Events holding a compatible report, oldest first (index lookups only)."""
        if report.day is None or not report.placed:
            return []
        found: dict[str, int] = {}
        rejected: set[str] = set()
        for eid, other in self._candidates(report.event_type, *self._reach(report)):
            if eid in found or eid in rejected or other.doc_id == report.doc_id or not compatible(report, other, self.settings):
                continue
            if self.settings.fit_founder and not compatible(report, self._founder(eid), self.settings):
                rejected.add(eid)  # near one of its reports but not the event itself: no chaining
                continue
            found[eid] = self._created(eid)
        return sorted(found, key=found.__getitem__)


class Clusterer(ClusterAlgorithm):
    """Assigns reports to real events, one at a time, in memory; see the module docstring for the rule."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._events: dict[str, Cluster] = {}  # live events by id, in creation order
        self._alias: dict[str, str] = {}  # merged id -> the id that absorbed it
        self._event_of: dict[str, str] = {}  # report id -> its event's id
        self._index: defaultdict[Key, list[Report]] = defaultdict(list)
        self._seq = 0

    # -- reading --------------------------------------------------------------------------------
    def resolve(self, event_id: str) -> str:
        """The live id for ``event_id`` (itself, or the event it was merged into)."""
        while event_id in self._alias:
            event_id = self._alias[event_id]
        return event_id

    def event(self, event_id: str) -> Cluster:
        return self._events[self.resolve(event_id)]

    def events(self) -> list[Cluster]:
        return sorted(self._events.values(), key=lambda e: e.seq)

    def __len__(self) -> int:
        return len(self._events)

    # -- persistence ----------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Everything needed to go on later, as plain JSON-ready data."""
        return {"seq": self._seq, "events": [
            {"event_id": e.event_id, "seq": e.seq, "aliases": e.aliases, "reports": [asdict(r) for r in e.reports]}
            for e in self.events()]}

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: Settings | None = None) -> Clusterer:
        self = cls(settings)
        self._seq = state["seq"]
        for raw in state["events"]:
            ev = Cluster(raw["event_id"], raw["seq"], [Report(**r) for r in raw["reports"]], list(raw["aliases"]))
            self._events[ev.event_id] = ev
            self._alias.update((a, ev.event_id) for a in ev.aliases)
            for r in ev.reports:
                self._event_of[r.report_id] = ev.event_id
                for key in self._keys(r):
                    self._index[key].append(r)
        return self

    # -- storage primitives ---------------------------------------------------------------------
    def _event_id_of(self, report_id: str) -> str | None:
        eid = self._event_of.get(report_id)
        return None if eid is None else self.resolve(eid)

    def _candidates(self, event_type: str, days: range, ys: range, xs: range) -> Iterator[Candidate]:
        for d in days:
            for y in ys:
                for x in xs:
                    for other in self._index.get((event_type, d, y, x), ()):
                        yield self.event_of(other.report_id), other

    def _created(self, event_id: str) -> int:
        return self._events[event_id].seq

    def _holds_doc(self, event_id: str, doc_id: str) -> bool:
        return doc_id in self._events[event_id].doc_ids

    def _founder(self, event_id: str) -> Report:
        return self._events[event_id].reports[0]

    def _share_doc(self, a: str, b: str) -> bool:
        return bool(self._events[a].doc_ids & self._events[b].doc_ids)

    def _new_event(self, report: Report) -> str:
        self._seq += 1
        ev = Cluster(event_id_for(report.report_id), self._seq)
        self._events[ev.event_id] = ev
        return ev.event_id

    def _attach(self, event_id: str, report: Report, keys: list[Key]) -> None:
        ev = self._events[event_id]
        ev.reports.append(report)
        ev.doc_ids.add(report.doc_id)
        self._event_of[report.report_id] = event_id
        for key in keys:
            self._index[key].append(report)

    def _merge(self, keep_id: str, other_id: str) -> None:
        keep, other = self._events[keep_id], self._events[other_id]
        keep.reports = [*keep.reports, *sorted(other.reports, key=Report.order_key)]
        keep.doc_ids |= other.doc_ids
        keep.aliases += [other.event_id, *other.aliases]
        self._alias[other.event_id] = keep.event_id
        for r in other.reports:
            self._event_of[r.report_id] = keep.event_id
        del self._events[other.event_id]


# -- fusion ---------------------------------------------------------------------------------------

def fuse(reports: list[Report], settings: Settings | None = None) -> dict[str, Any]:
    """The event's ACLED fields from its reports (given in feeding order).

    * place: among the places at least half the reports agree with (within the radius of the pair),
      the most precise one; ties go to the place most reports agree with, then to the earliest report;
    * date: likewise among the days at least half the reports agree with (within the slack), the most
      precise; ties go to the day most reports state exactly, then the earliest report;
    * fatalities: ACLED's most conservative count, the lowest positive count an ``occurred`` report
      states; an explicit 0 only when no report gives a positive count;
    * status: occurred when some report says it occurred and none denies it; occurred and denied
      together give "possible"; otherwise the commonest status (ties in the order occurred, possible,
      planned, negated);
    * sub-type and actors: the commonest among the reports that give one, ties to the earliest;
    * ``claims`` keeps who says what wherever reports disagree (status, fatalities, date, place).
    """
    return _fuse(reports, settings or load_settings())[0]


def _fuse(reports: list[Report], s: Settings) -> tuple[dict[str, Any], Report, Report]:
    """The fused fields, and the reports whose place and date were taken."""
    place, date_rep = _best_place(reports, s), _best_date(reports, s)
    fatalities = _fatalities(reports)
    outlets = sorted({r.outlet for r in reports if r.outlet})
    seen = sorted(r.published or r.event_date or "" for r in reports)
    fused = {
        "event_type": reports[0].event_type,
        "sub_event_type": _commonest(r.sub_event_type for r in reports),
        "event_date": date_rep.event_date, "time_precision": date_rep.time_precision,
        "location": place.location, "latitude": place.latitude, "longitude": place.longitude,
        "geo_precision": place.geo_precision, "geonameid": place.geonameid, "country": place.country,
        "admin1": place.admin1,
        "actor1": _commonest(r.actor1 for r in reports), "actor2": _commonest(r.actor2 for r in reports),
        "fatalities": fatalities, "status": _status(reports),
        "first_seen": seen[0] or None, "last_seen": seen[-1] or None,
        "reports": [r.report_id for r in reports], "doc_ids": sorted({r.doc_id for r in reports}),
        "outlets": outlets, "source": "; ".join(outlets),
        "claims": _claims(reports),
    }
    return fused, place, date_rep


PLACE_KEYS = ("location", "location_ar", "latitude", "longitude", "geo_precision", "geonameid", "country",
              "country_code", "iso", "admin1", "admin2")
DATE_KEYS = ("event_date", "time_precision", "date_ar", "is_background")
FUSED_KEYS = ("event_type", "sub_event_type", "event_date", "time_precision", "location", "latitude", "longitude",
              "geo_precision", "geonameid", "country", "admin1", "actor1", "actor2", "fatalities", "status")
EVENT_KEYS = ("first_seen", "last_seen", "reports", "doc_ids", "outlets", "source", "claims")


def event_record(event_id: str, reports: list[Report], records: Mapping[str, dict[str, Any]],
                 aliases: Iterable[str] = (), settings: Settings | None = None) -> dict[str, Any]:
    """The event as one SCHEMA §3 record, built from its reports (feeding order) and their records.

    The fields are fused (:func:`fuse`); the keys that go with a fused field come from the report it
    was taken from (``country_code``, ``admin2``, ``location_ar`` from the place's report, ``inter1``
    and ``actor1_ar`` from a report naming ``actor1``, …).  The first report is the representative:
    ``doc_id``, ``evidence`` and ``trigger`` are its own, and ``spans`` keeps only the spans of the
    fields it supplied.  ``source`` lists the outlets ("; ") as ACLED does; ``attribution`` is the
    report's own for a one-report event and null otherwise (``claims`` says who says what where the
    reports disagree).  Added keys: ``aliases``, ``n_reports``, ``reports``, ``doc_ids``, ``outlets``,
    ``claims``, ``first_seen``, ``last_seen``.
    """
    fused, place, when = _fuse(reports, settings or load_settings())
    first = reports[0]
    out: dict[str, Any] = dict(records.get(first.report_id) or {})
    spans = dict(out.get("spans") or {})

    def take(rep: Report, keys: tuple[str, ...], span: str) -> None:
        if rep is not first:
            rec = records.get(rep.report_id) or {}
            out.update({k: rec.get(k) for k in keys})
            spans.pop(span, None)

    take(place, PLACE_KEYS, "location")
    take(when, DATE_KEYS, "date")
    for n in (1, 2):
        name = f"actor{n}"
        rep = next((r for r in reports if getattr(r, name) == fused[name]), first)
        take(rep, (name, f"{name}_ar", f"inter{n}", f"assoc_actor_{n}"), name)
    typed = next((r for r in reports if r.sub_event_type == fused["sub_event_type"]), first)
    take(typed, ("disorder_type", "civilian_targeting"), "")
    out.update({k: fused[k] for k in FUSED_KEYS})
    out.update(event_id=event_id, doc_id=first.doc_id, spans=spans,
               attribution=out.get("attribution") if len(reports) == 1 else None,
               confidence=max((records.get(r.report_id) or {}).get("confidence") or 0 for r in reports) or None)
    out["notes"] = _notes(out)
    out.update({k: fused[k] for k in EVENT_KEYS})
    out.update(aliases=list(aliases), n_reports=len(reports))
    return out


def _notes(record: dict[str, Any]) -> str:
    """The English note of :class:`~rasd.events.record.Event`, from a record's fields."""
    from rasd.events.record import Event

    fields = ("event_date", "time_precision", "location", "country", "actor1", "actor2", "sub_event_type", "status",
              "fatalities", "attribution")
    return Event.notes(SimpleNamespace(**{k: record.get(k) for k in fields}))  # type: ignore[arg-type]


def _commonest(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)  # Counter keeps first-seen order


def _support(items: list[Report], key: Callable[[Report], Hashable], ok: Callable[[Report, Report], bool]) -> dict:
    """How many of ``items`` agree with each item, by ``key`` (``ok`` depends only on the key, so it is
    computed once per pair of distinct keys: an event's hundred reports name a handful of places)."""
    counts = Counter(key(r) for r in items)
    one = {key(r): r for r in reversed(items)}
    return {k: sum(n for k2, n in counts.items() if ok(one[k], one[k2])) for k in counts}


def _place_key(r: Report) -> Hashable:
    return r.geonameid, r.latitude, r.longitude, r.geo_precision


def _best_place(reports: list[Report], s: Settings) -> Report:
    placed = [r for r in reports if r.placed] or reports
    support = _support(placed, _place_key, lambda a, b: a.placed and same_place(a, b, s))
    agreed = [i for i, c in enumerate(placed) if 2 * support[_place_key(c)] >= len(placed)] or range(len(placed))
    return placed[min(agreed, key=lambda i: (placed[i].geo_precision or 4, -support[_place_key(placed[i])], i))]


def _date_key(r: Report) -> Hashable:
    return r.event_date, r.time_precision


def _best_date(reports: list[Report], s: Settings) -> Report:
    dated = [r for r in reports if r.day] or reports
    if not dated[0].day:
        return dated[0]

    def near(a: Report, b: Report) -> bool:
        return abs((a.day - b.day).days) <= s.slack(a.time_precision, b.time_precision)

    support = _support(dated, _date_key, near)
    exact = Counter(r.event_date for r in dated)
    agreed = [i for i, c in enumerate(dated) if 2 * support[_date_key(c)] >= len(dated)] or range(len(dated))
    return dated[min(agreed, key=lambda i: (dated[i].time_precision, -exact[dated[i].event_date], i))]


def _fatalities(reports: list[Report]) -> int | None:
    counts = [r.fatalities for r in reports if r.fatalities is not None and r.status == "occurred"]
    positive = [c for c in counts if c > 0]
    return min(positive) if positive else (0 if counts else None)


def _status(reports: list[Report]) -> str:
    said = Counter(r.status for r in reports)
    if said["occurred"]:
        return "possible" if said["negated"] else "occurred"
    return max(STATUS_ORDER, key=lambda st: (said[st], -STATUS_ORDER.index(st)))


def _claims(reports: list[Report]) -> dict[str, list[dict[str, Any]]]:
    """Who says what, for each field on which the reports disagree."""
    fields = {"status": lambda r: r.status, "fatalities": lambda r: r.fatalities,
              "event_date": lambda r: r.event_date, "location": lambda r: r.location}
    claims: dict[str, list[dict[str, Any]]] = {}
    for name, get in fields.items():
        if len({get(r) for r in reports if get(r) is not None}) > 1:
            claims[name] = [{"report": r.report_id, "outlet": r.outlet, "attribution": r.attribution, name: get(r)}
                            for r in reports if get(r) is not None]
    return claims
