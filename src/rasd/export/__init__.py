"""Exports of event records: JSONL, CSV, ACLED CSV, GeoJSON."""

from rasd.export.writers import ACLED_COLUMNS, FORMATS, write_events

__all__ = ["ACLED_COLUMNS", "FORMATS", "write_events"]
