"""Landmark events: what later reports name without a day («منذ تحرير عدن», «تفجير مسجد الطوارئ»).

A report of the landmark's sub-type (or one it is often reported as) at its place, published after its
news has settled, refers back to it: it takes the landmark's day and sub-type instead of the publication
default or a day that belongs to another verb of its sentence. A report whose own sentence dates it more
than a month away is another event. The list is data (rasd/data/events/landmarks.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from rasd.errors import RasdError
from rasd.events.arguments import is_background
from rasd.events.record import Event

OTHER_EVENT_DAYS = 31  # a report dated in its own sentence this far from the landmark is another event
SETTLE_DAYS = 3  # reports published this long after the day may still tell of the event itself
REFER_DAYS = 730  # how long after the day a dateless report is taken to refer back to it
PREFIX = "landmark:"  # a landmark-dated report's ``dated_by`` is PREFIX + the landmark's name


def landmark_dated(dated_by: str | None) -> bool:
    """Whether a report's ``dated_by`` names a landmark (not another article's report)."""
    return (dated_by or "").startswith(PREFIX)


@dataclass(frozen=True)
class Landmark:
    name: str
    sub_event_type: str
    event_type: str
    disorder_type: str
    reported_as: frozenset[str]  # the sub-type and those reports of it are often given («الهجوم على المسجد»)
    places: frozenset[str]  # location names as rasd writes them (the record's `location`)
    day: date
    refers_from: date  # first publication day on which a report is a reference, not news
    refers_until: date

    def covers(self, ev: Event, published: date) -> bool:
        return (ev.status == "occurred" and ev.sub_event_type in self.reported_as and ev.location in self.places
                and self.refers_from <= published <= self.refers_until and not self._dated_apart(ev))

    def _dated_apart(self, ev: Event) -> bool:
        own = ev.date_explicit and "date" in ev.spans and ev.in_sentence("date")
        if not own or ev.event_date is None:
            return False
        return abs((date.fromisoformat(ev.event_date) - self.day).days) > OTHER_EVENT_DAYS


def date_landmarks(events: list[Event], published: date | None, landmarks: tuple[Landmark, ...] | None = None,
                   ) -> list[Event]:
    """Give each report of a landmark (see module doc) the landmark's day, ``dated_by`` naming it; an article's
    further reports of the same landmark are that one event again and are left out."""
    if published is None:
        return events
    marks = landmarks or load_landmarks()
    kept, seen = [], set()
    for ev in events:
        mark = next((lm for lm in marks if lm.covers(ev, published)), None)
        if mark is not None:
            if mark.name in seen:
                continue
            seen.add(mark.name)
            ev.event_type, ev.sub_event_type, ev.disorder_type = mark.event_type, mark.sub_event_type, mark.disorder_type
            ev.civilian_targeting = ev.civilian_targeting or mark.event_type == "Violence against civilians"
            ev.event_date, ev.time_precision, ev.date_explicit = mark.day.isoformat(), 1, True
            ev.date_ar = None  # no Arabic words state the day: the named event does
            ev.spans.pop("date", None)
            ev.is_background = is_background(ev.event_date, published)
            ev.dated_by = PREFIX + mark.name
        kept.append(ev)
    return kept


@cache
def load_landmarks(path: Path | None = None) -> tuple[Landmark, ...]:
    from rasd.events.lexicon import load_lexicon

    where = path or resources.files("rasd.data").joinpath("events/landmarks.yaml")
    raw = yaml.safe_load(where.read_text(encoding="utf-8")) or []
    known = load_lexicon().types
    return tuple(_landmark(entry, known, str(where)) for entry in raw)


KEYS = frozenset({"name", "sub_event_type", "reported_as", "places", "date", "settle_days", "refer_days", "articles"})


def _landmark(entry: dict, known: dict, where: str) -> Landmark:
    name = entry.get("name") if isinstance(entry, dict) else None
    if not name:
        raise RasdError(f"{where}: every landmark needs a name: {entry!r}")
    if entry.keys() - KEYS:
        raise RasdError(f"{where}: landmark {name!r}: unknown option {sorted(entry.keys() - KEYS)}; known: {sorted(KEYS)}")
    sub, places = entry.get("sub_event_type"), entry.get("places") or []
    subs = [sub, *(entry.get("reported_as") or [])]
    unknown = [s for s in subs if s not in known]
    if unknown:
        raise RasdError(f"{where}: landmark {name!r}: unknown or missing sub-type {unknown} (sub_event_type, reported_as)")
    if not places or not all(isinstance(p, str) and p.strip() for p in places):
        raise RasdError(f"{where}: landmark {name!r}: places must be a list of location names")
    try:
        day = date.fromisoformat(str(entry["date"]))
        settle = int(entry.get("settle_days", SETTLE_DAYS))
        refer = int(entry.get("refer_days", REFER_DAYS))
    except (KeyError, TypeError, ValueError) as e:
        raise RasdError(f"{where}: landmark {name!r}: date (YYYY-MM-DD), settle_days, refer_days: {e}") from None
    return Landmark(name, sub, *known[sub], frozenset(subs), frozenset(places), day, day + timedelta(days=settle),
                    day + timedelta(days=refer))
