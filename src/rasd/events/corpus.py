"""Across articles: an event a later article only refers to ("دان التفجير الإرهابي الذي استهدف المسجد")
takes its day from an article that reported it with a stated date, and a generic mention ("التفجير")
the sub-type other articles give the same event ("تفجير انتحاري").

Reaction and follow-up pieces rarely repeat the day of the event they discuss; without this they
would get the publication-day fallback and look like new events.  The stated date is borrowed only
from another article's event of the same type, at the same place (within ``NEAR_KM``), dated in the
``WINDOW_DAYS`` before the referring article's publication, only by a mention named with a noun (a
verb reports the act afresh), and only when at least two articles report it and agree on the day: where
fighting goes on, reports of the same kind at the same place fall on many days.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from rasd.events.arguments import is_background
from rasd.events.lexicon import load_lexicon
from rasd.events.record import Event
from rasd.geo import haversine_km
from rasd.text.morphology import is_verb
from rasd.text.normalize import dediac

WINDOW_DAYS = 14
NEAR_KM = 25
# The reports to borrow from must come from at least MIN_REPORTS articles and agree on the day, give or take
# AGREE_DAYS.  Measured with the events of the 30k unlabeled articles as earlier batches (a long run): taking
# the most precise, most agreed day lowered events F1 from 0.519 (no borrowing) to 0.450 on dev_gold;
# with these two conditions it stays at 0.519, while a run over the labelled folders alone gains.
MIN_REPORTS = 2
AGREE_DAYS = 1


def date_references(events_by_doc: Iterable[tuple[date | None, list[Event]]], known: Iterable[Event] = ()) -> int:
    """Give undated references the stated day of the event they refer to; returns how many changed.

    ``events_by_doc`` pairs each article's publication date with its events (modified in place);
    ``known`` are dated events from articles read earlier.
    """
    docs = list(events_by_doc)
    dated = _DatedIndex([*_dated(known), *_dated(e for _, evs in docs for e in evs)])
    changed = 0
    for published, evs in docs:
        if published is None:
            continue
        for ev in evs:
            if ev.date_explicit or ev.status != "occurred" or ev.latitude is None or _reported_act(ev):
                continue
            source = _best(ev, published, dated)
            if source is not None:
                # borrowed, so known only to the week the report gives it
                ev.event_date, ev.time_precision = source.event_date, max(source.time_precision, 2)
                ev.is_background = is_background(ev.event_date, published)
                ev.dated_by = source.event_id
                changed += 1
    return changed


def type_references(events: Iterable[Event]) -> int:
    """A generic mention takes the sub-type most other articles give the event (same type, day and place)."""
    events = list(events)
    specific: defaultdict[tuple[str, str], list[Event]] = defaultdict(list)  # by (type, day), in input order
    for e in events:
        if (e.refined or not e.generic) and e.event_date and e.latitude is not None:
            specific[e.event_type, e.event_date].append(e)
    # a decisive detail ("انتحاري") reported anywhere wins over the commoner default reading
    decisive = {m.sub_event_type for m in load_lexicon().modifiers if m.tier == 0}
    changed = 0
    for ev in events:
        if not ev.generic or ev.refined or not ev.event_date or ev.latitude is None:
            continue
        votes = Counter(s.sub_event_type for s in specific.get((ev.event_type, ev.event_date), ())
                        if s.doc_id != ev.doc_id and _near(ev, s))
        if votes:
            ev.sub_event_type = max(votes, key=lambda sub: (sub in decisive, votes[sub]))
            changed += 1
    return changed


def _reported_act(ev: Event) -> bool:
    """A verb trigger reports the act itself ("وقصفت الميليشيات أحياء في تعز"): a fresh report of ongoing
    fighting, not a reference to another article's event, which is named with a noun ("التفجير الذي استهدف
    المسجد"). A noun after a verb ("اندلعت مواجهات") still borrows: leaving it out lowered both sets."""
    words = (ev.trigger.get("text") or "").split()
    return bool(words) and is_verb(dediac(words[0]))


def _dated(events: Iterable[Event]) -> list[Event]:
    return [e for e in events if e.date_explicit and e.event_date and e.status == "occurred"]


MEMORY = 20_000  # dated events kept from earlier batches of a long run


def dated_in_batches(docs: Iterable, size: int = 200) -> Iterator:
    """Documents in the order given, their undated references dated from the batch and earlier batches."""
    memory: deque[Event] = deque(maxlen=MEMORY)
    batch: list = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield from _flush(batch, memory)
            batch = []
    yield from _flush(batch, memory)


def _flush(batch: list, memory: deque[Event]) -> list:
    date_references(((d.published, d.events) for d in batch), known=list(memory))
    type_references([*memory, *(e for d in batch for e in d.events)])
    memory.extend(e for d in batch for e in d.events if e.event_date and e.status == "occurred")
    return batch


class _DatedIndex:
    """Dated events by (type, day), each with its place in the given order."""

    def __init__(self, dated: list[Event]) -> None:
        self.by_day: defaultdict[tuple[str, date], list[tuple[int, Event]]] = defaultdict(list)
        for k, d in enumerate(dated):
            self.by_day[d.event_type, date.fromisoformat(d.event_date)].append((k, d))

    def between(self, event_type: str, first: date, last: date) -> list[Event]:
        """Events of ``event_type`` dated ``first``…``last``, in the given order."""
        days = ((first + timedelta(days=n)) for n in range((last - first).days + 1))
        return [d for _, d in sorted(x for day in days for x in self.by_day.get((event_type, day), ()))]


def _best(ev: Event, published: date, dated: _DatedIndex) -> Event | None:
    earliest = published - timedelta(days=WINDOW_DAYS)
    found = [d for d in dated.between(ev.event_type, earliest, published) if d.doc_id != ev.doc_id and _near(ev, d)]
    if len({d.doc_id for d in found}) < MIN_REPORTS:
        return None  # one other article's date is too little to go on
    days = sorted(date.fromisoformat(d.event_date) for d in found)
    if (days[-1] - days[0]).days > AGREE_DAYS:
        return None  # reports of that kind there on several days (ongoing fighting): which one is meant is unknown
    agree = Counter(d.event_date for d in found)
    # the most precise date, then the day most reports agree on
    return min(found, key=lambda d: (d.time_precision, -agree[d.event_date], d.event_date), default=None)


def _near(a: Event, b: Event) -> bool:
    if b.latitude is None:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= NEAR_KM
