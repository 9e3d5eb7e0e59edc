"""Events stage: detect, type, date, place and attribute every event (SCHEMA §3)."""

from rasd.events.extract import extract_events
from rasd.events.record import Event

__all__ = ["Event", "extract_events"]
