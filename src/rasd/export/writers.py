"""Write event records (SCHEMA §3) as JSONL, flattened CSV, ACLED CSV or GeoJSON."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, TextIO

import yaml

FORMATS = ("jsonl", "csv", "acled-csv", "geojson")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def write_events(records: Iterable[dict[str, Any]], out: TextIO, fmt: str = "jsonl") -> int:
    """Write records to ``out`` in ``fmt``; returns how many were written."""
    if fmt != "acled-csv":
        records = (with_export_keys(r) for r in records)
    if fmt == "jsonl":
        return _jsonl(records, out)
    if fmt == "csv":
        return _csv(records, out)
    if fmt == "acled-csv":
        return _acled(records, out)
    if fmt == "geojson":
        return _geojson(records, out)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become ``a.b`` keys; lists become JSON strings."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    rows = [flatten(r) for r in records]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return len(rows)


@cache
def _regions() -> dict[str, str]:
    text = resources.files("rasd.data").joinpath("acled_regions.yaml").read_text(encoding="utf-8")
    return {cc: region for region, codes in yaml.safe_load(text).items() for cc in codes}


def _outlet_key(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


@cache
def _outlet_scales() -> dict[str, str]:
    text = resources.files("rasd.data").joinpath("sources/outlets.yaml").read_text(encoding="utf-8")
    return {_outlet_key(str(outlet)): scale for scale, outlets in yaml.safe_load(text).items() for outlet in outlets}


def source_scale(source: str | None) -> str:
    """ACLED's source_scale of an outlet (``data/sources/outlets.yaml``); several outlets joined by ``; ``
    give their scales joined by ``-`` ("National-Regional"); empty when unknown."""
    scales = [_outlet_scales().get(_outlet_key(s)) for s in (source or "").split(";") if s.strip()]
    if not scales or None in scales:
        return ""
    return "-".join(dict.fromkeys(sorted(scales, key=list(_SCALE_ORDER).index)))


_SCALE_ORDER = ("Local partner", "Subnational", "National", "Regional", "International", "New media")


def with_export_keys(r: dict[str, Any]) -> dict[str, Any]:
    """The record plus ``source_scale`` (from the outlet) where it has none."""
    return r if "source_scale" in r else {**r, "source_scale": source_scale(r.get("source"))}


def acled_row(r: dict[str, Any], now: int | None = None) -> dict[str, Any]:
    """One record in ACLED's columns and conventions; ``timestamp`` is the record's (the time it was
    stored, Unix seconds) or ``now``."""
    date = r.get("event_date") or ""
    inter1, inter2 = r.get("inter1"), r.get("inter2")
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else (inter1 * 10 if inter1 else "")
    tags = [f"rasd status: {r['status']}"] if r.get("status") else []
    if r.get("is_background"):
        tags.append("background")
    attribution = r.get("attribution") or {}
    return {
        "event_id_cnty": r.get("event_id_cnty") or r.get("event_id"),
        "event_date": date,
        "year": date[:4],
        "time_precision": r.get("time_precision"),
        "disorder_type": r.get("disorder_type"),
        "event_type": r.get("event_type"),
        "sub_event_type": r.get("sub_event_type"),
        "actor1": r.get("actor1"),
        "assoc_actor_1": r.get("assoc_actor_1"),
        "inter1": inter1,
        "actor2": r.get("actor2"),
        "assoc_actor_2": r.get("assoc_actor_2"),
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if r.get("civilian_targeting") else "",
        "iso": r.get("iso"),
        "region": _regions().get(r.get("country_code") or "", ""),
        "country": r.get("country"),
        "admin1": r.get("admin1"),
        "admin2": r.get("admin2"),
        "admin3": r.get("admin3"),
        "location": r.get("location"),
        "latitude": r.get("latitude"),
        "longitude": r.get("longitude"),
        "geo_precision": r.get("geo_precision"),
        "source": "; ".join(filter(None, [r.get("source"), attribution.get("text")])) or r.get("source"),
        "source_scale": r.get("source_scale") or source_scale(r.get("source")),
        "notes": r.get("notes"),
        "fatalities": r.get("fatalities") if r.get("fatalities") is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": r.get("timestamp") or now or int(time.time()),
    }


def _acled(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n, now = 0, int(time.time())  # records not stored (rasd extract) are stamped with the export time
    for r in records:
        writer.writerow({k: ("" if v is None else v) for k, v in acled_row(r, now).items()})
        n += 1
    return n


def _geojson(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    features = []
    for r in records:
        geometry = None
        if r.get("latitude") is not None and r.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
        features.append({"type": "Feature", "id": r.get("event_id"), "geometry": geometry, "properties": r})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
