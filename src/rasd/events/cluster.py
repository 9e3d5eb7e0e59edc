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

**Fusion** of an event's fields from its reports: see :func:`fuse`.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from rasd.geo import haversine_km

STATUS_ORDER = ("occurred", "possible", "planned_or_threatened", "negated")
KM_PER_DEGREE = 111.2


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

    def order_key(self) -> tuple[str, str, str]:
        return (self.published or self.event_date or "", self.doc_id, self.report_id)


def event_id_for(report_id: str) -> str:
    return "rasd-ev-" + hashlib.sha1(report_id.encode("utf-8")).hexdigest()[:16]


def same_place(a: Report, b: Report, settings: Settings) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= settings.radius(a.geo_precision, b.geo_precision)


def compatible(a: Report, b: Report, settings: Settings) -> bool:
    """Whether two reports of different articles may tell one real event (the rule in the module docstring)."""
    if a.event_type != b.event_type or (settings.same_sub_type and a.sub_event_type != b.sub_event_type):
        return False
    if a.day is None or b.day is None or not a.placed or not b.placed:
        return False
    if abs((a.day - b.day).days) > settings.slack(a.time_precision, b.time_precision):
        return False
    if not same_place(a, b, settings):
        return False
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


class Clusterer:
    """Assigns reports to real events, one at a time; see the module docstring for the rule."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._events: dict[str, Cluster] = {}  # live events by id, in creation order
        self._alias: dict[str, str] = {}  # merged id -> the id that absorbed it
        self._event_of: dict[str, str] = {}  # report id -> its event's id
        self._index: defaultdict[tuple[str, int, int, int], list[Report]] = defaultdict(list)
        self._seq = 0

    # -- feeding --------------------------------------------------------------------------------
    def add(self, report: Report) -> str:
        """The id of the event ``report`` belongs to, after placing it (a known report changes nothing)."""
        if report.report_id in self._event_of:
            return self.event_of(report.report_id)
        target: Cluster | None = None
        for ev in self._linked(report):
            if report.doc_id in ev.doc_ids:
                continue  # one article's reports are distinct events
            if target is None:
                target = ev
            elif self._may_merge(report) and not ev.doc_ids & target.doc_ids:
                self._merge(target, ev)
        if target is None:
            target = self._new_event(report)
        target.reports.append(report)
        target.doc_ids.add(report.doc_id)
        self._event_of[report.report_id] = target.event_id
        for key in self._keys(report):
            self._index[key].append(report)
        return target.event_id

    def add_many(self, reports: list[Report]) -> list[str]:
        """Feed a batch in publication order; returns each report's event id, in the order given."""
        for r in sorted(reports, key=Report.order_key):
            self.add(r)
        return [self.event_of(r.report_id) for r in reports]

    # -- reading --------------------------------------------------------------------------------
    def resolve(self, event_id: str) -> str:
        """The live id for ``event_id`` (itself, or the event it was merged into)."""
        while event_id in self._alias:
            event_id = self._alias[event_id]
        return event_id

    def event_of(self, report_id: str) -> str:
        return self.resolve(self._event_of[report_id])

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

    # -- internals ------------------------------------------------------------------------------
    def _new_event(self, report: Report) -> Cluster:
        self._seq += 1
        ev = Cluster(event_id_for(report.report_id), self._seq)
        self._events[ev.event_id] = ev
        return ev

    def _may_merge(self, report: Report) -> bool:
        """Only a report precise in place and day may show that two events are one."""
        s = self.settings
        return (s.merge_events and (report.geo_precision or 3) <= s.merge_geo_precision
                and report.time_precision <= s.merge_time_precision)

    def _merge(self, keep: Cluster, other: Cluster) -> None:
        order = {r.report_id: n for n, r in enumerate(keep.reports)}
        keep.reports = sorted([*keep.reports, *other.reports],
                              key=lambda r: (order.get(r.report_id, len(order)), r.order_key()))
        keep.doc_ids |= other.doc_ids
        keep.aliases += [other.event_id, *other.aliases]
        self._alias[other.event_id] = keep.event_id
        for r in other.reports:
            self._event_of[r.report_id] = keep.event_id
        del self._events[other.event_id]

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        size = self.settings.cell_degrees
        return math.floor(lat / size), math.floor(lon / size)

    def _keys(self, r: Report) -> list[tuple[str, int, int, int]]:
        if r.day is None or not r.placed:
            return []
        return [(r.event_type, r.day.toordinal(), *self._cell(r.latitude, r.longitude))]

    def _linked(self, report: Report) -> list[Cluster]:
        """Events holding a compatible report, oldest first (index lookups only)."""
        if report.day is None or not report.placed:
            return []
        s = self.settings
        reach_days = max(s.date_slack_days.values())
        reach_km = max(s.radius_km.values())
        cy, cx = self._cell(report.latitude, report.longitude)
        dy = math.ceil(reach_km / (KM_PER_DEGREE * s.cell_degrees))
        cos = max(math.cos(math.radians(min(abs(report.latitude) + dy * s.cell_degrees, 89.0))), 0.01)
        dx = math.ceil(reach_km / (KM_PER_DEGREE * cos * s.cell_degrees))
        day = report.day.toordinal()
        found: dict[str, Cluster] = {}
        for d in range(day - reach_days, day + reach_days + 1):
            for y in range(cy - dy, cy + dy + 1):
                for x in range(cx - dx, cx + dx + 1):
                    for other in self._index.get((report.event_type, d, y, x), ()):
                        eid = self.event_of(other.report_id)
                        if eid not in found and other.doc_id != report.doc_id and compatible(report, other, s):
                            found[eid] = self._events[eid]
        return sorted(found.values(), key=lambda e: e.seq)


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
    s = settings or load_settings()
    place, date_rep = _best_place(reports, s), _best_date(reports, s)
    fatalities = _fatalities(reports)
    outlets = sorted({r.outlet for r in reports if r.outlet})
    seen = sorted(r.published or r.event_date or "" for r in reports)
    return {
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


def _commonest(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    top = max(counts.values())
    return next(v for v in counts if counts[v] == top)  # Counter keeps first-seen order


def _agreeing(c: Report, reports: list[Report], ok: Any) -> int:
    return sum(1 for r in reports if ok(c, r))


def _best_place(reports: list[Report], s: Settings) -> Report:
    placed = [r for r in reports if r.placed] or reports
    support = {id(c): _agreeing(c, placed, lambda a, b: a.placed and same_place(a, b, s)) for c in placed}
    agreed = [c for c in placed if 2 * support[id(c)] >= len(placed)] or placed
    return min(agreed, key=lambda c: (c.geo_precision or 4, -support[id(c)], placed.index(c)))


def _best_date(reports: list[Report], s: Settings) -> Report:
    dated = [r for r in reports if r.day] or reports
    if not dated[0].day:
        return dated[0]

    def near(a: Report, b: Report) -> bool:
        return abs((a.day - b.day).days) <= s.slack(a.time_precision, b.time_precision)

    support = {id(c): _agreeing(c, dated, near) for c in dated}
    exact = Counter(r.event_date for r in dated)
    agreed = [c for c in dated if 2 * support[id(c)] >= len(dated)] or dated
    return min(agreed, key=lambda c: (c.time_precision, -exact[c.event_date], dated.index(c)))


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
