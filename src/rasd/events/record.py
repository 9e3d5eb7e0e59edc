"""The event record (SCHEMA §3) and its stable id and English note."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Event:
    doc_id: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    status: str
    evidence: dict[str, Any]
    trigger: dict[str, Any]
    event_date: str | None = None
    time_precision: int = 3
    date_ar: str | None = None
    actor1: str | None = None
    actor1_ar: str | None = None
    inter1: int | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    actor2_ar: str | None = None
    inter2: int | None = None
    assoc_actor_2: str | None = None
    country: str | None = None
    country_code: str | None = None
    iso: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    location_ar: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    fatalities: int | None = None
    source: str | None = None
    attribution: dict[str, Any] | None = None
    is_background: bool = False
    civilian_targeting: bool = False
    confidence: float = 0.5
    spans: dict[str, list[int]] = field(default_factory=dict)
    location_explicit: bool = False  # the place was named with the event, not a fallback
    place_in_clause: bool = False  # … in the trigger's own clause or the one after it
    date_explicit: bool = False  # the date came from a time expression, not the publication default
    generic: bool = False  # typed from a generic word ("هجوم", "التفجير") with no weapon cue of its own
    refined: bool = False  # the sub-type came from a weapon word, not from the trigger word itself
    countries: frozenset[str] = frozenset()  # countries named in the evidence sentence
    location_kind: str | None = None  # country | admin | region | populated | site
    within_town: str | None = None  # the town a neighbourhood place lies in ("Taiz" for Al-Hawban)
    party_named: bool = False  # the rules' actors name a party (what keeps a bare mention; see extract)
    dated_by: str | None = None  # event_id of another article's report that gave this event its date, or landmark:NAME

    def in_sentence(self, key: str) -> bool:
        """Whether the span ``key`` (``actor1``, ``date``…) lies in the evidence sentence; true when there is none."""
        span = self.spans.get(key)
        return span is None or self.evidence["start"] <= span[0] < self.evidence["end"]

    @property
    def event_id(self) -> str:
        key = "|".join([self.doc_id, self.sub_event_type, str(self.evidence.get("start")), str(self.trigger.get("start")),
                        str(self.spans.get("location"))])
        return "rasd-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def notes(self) -> str:
        """One English sentence generated from the fields."""
        when = f"On {self.event_date}" if self.event_date else "On an unknown date"
        if self.time_precision == 2 and self.event_date:
            when = f"Around {self.event_date}"
        elif self.time_precision == 3 and self.event_date:
            when = f"In or around {self.event_date[:7]}"
        where = f" in {self.location}" if self.location else ""
        if self.location and self.country and self.country != self.location:
            where += f" ({self.country})"
        who = self.actor1 or "an unidentified actor"
        whom = f" against {self.actor2}" if self.actor2 else ""
        what = self.sub_event_type.lower()
        status = {"occurred": "", "possible": " (possible, not confirmed)",
                  "planned_or_threatened": " (planned or threatened, not reported as having occurred)",
                  "negated": " (denied)"}[self.status]
        deaths = f"; {self.fatalities} reported fatalities" if self.fatalities else ""
        source = f", according to {self.attribution['kind']} sources" if self.attribution else ""
        return f"{when}{where}, {who}: {what}{whom}{status}{deaths}{source}."

    def to_record(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "event_date": self.event_date,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "inter1": self.inter1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter2": self.inter2,
            "civilian_targeting": self.civilian_targeting,
            "country": self.country,
            "country_code": self.country_code,
            "iso": self.iso,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "geonameid": self.geonameid,
            "fatalities": self.fatalities,
            "source": self.source,
            "notes": self.notes(),
            "status": self.status,
            "attribution": self.attribution,
            "evidence": self.evidence,
            "spans": self.spans,
            "actor1_ar": self.actor1_ar,
            "actor2_ar": self.actor2_ar,
            "location_ar": self.location_ar,
            "date_ar": self.date_ar,
            "is_background": self.is_background,
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
            "dated_by": self.dated_by,
        }
