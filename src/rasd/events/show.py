"""`rasd event ID`: one real event as text, its fused fields and then each report with its Arabic evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasd.store.clusters import EventView

PRECISION = {1: "day", 2: "week", 3: "month or vaguer"}
GEO_PRECISION = {1: "town", 2: "near a town / part of a region", 3: "region"}


def event_text(view: EventView) -> str:
    r = view.record
    lines = [r["event_id"]]
    if view.via == "alias":
        lines.append(f"note: {view.asked} is an alias: that event was merged into this one")
    elif view.via == "report":
        lines.append(f"note: {view.asked} is a report of this event")
    lines += [
        f"{r.get('event_type')} · {r.get('sub_event_type')} · {r.get('status')}",
        _field("date", f"{r.get('event_date') or '?'} ({PRECISION.get(r.get('time_precision'), '?')})"),
        _field("place", _place(r)),
        _field("actors", f"{r.get('actor1') or '—'} → {r.get('actor2') or '—'}"),
        _field("fatalities", "not reported" if r.get("fatalities") is None else str(r["fatalities"])),
        _field("notes", r.get("notes") or ""),
        _field("reports", f"{len(view.reports)} from {len(r.get('outlets') or [])} outlet(s) ({r.get('source') or '?'}); "
                          f"first seen {r.get('first_seen') or '?'}, last seen {r.get('last_seen') or '?'}"),
    ]
    if r.get("aliases"):
        lines.append(_field("aliases", ", ".join(r["aliases"])))
    for name, claims in (r.get("claims") or {}).items():
        said: dict[str, list[str]] = {}
        for c in claims:
            said.setdefault(str(c.get(name)), []).append(_who(c))
        lines.append(_field(f"claims: {name}", " · ".join(f"{value} ({', '.join(who)})" for value, who in said.items())))
    lines.append("")
    for n, rep in enumerate(view.reports, 1):
        title = view.titles.get(rep.doc_id)
        lines += [f"{n:>2}. {rep.outlet or 'unknown outlet'} · published {rep.published or '?'} · {rep.doc_id}"
                  + (f" «{title}»" if title else ""),
                  f"    {rep.sub_event_type} · {rep.event_date or '?'} · {rep.location or '?'} · {rep.status}"
                  + (f" · fatalities {rep.fatalities}" if rep.fatalities is not None else ""),
                  f"    according to: {rep.attribution or 'the outlet itself'}",
                  f"    «{rep.evidence}»"]
    return "\n".join(lines)


def _field(name: str, value: str) -> str:
    return f"{name + ':':<11} {value}"


def _place(r: dict[str, Any]) -> str:
    where = ", ".join(x for x in (r.get("location"), r.get("admin1"), r.get("country")) if x) or "?"
    prec = GEO_PRECISION.get(r.get("geo_precision"), "?")
    coords = f" {r['latitude']:.3f}, {r['longitude']:.3f}" if r.get("latitude") is not None else ""
    return f"{where} ({prec}){coords}"


def _who(c: dict[str, Any]) -> str:
    who = c.get("outlet") or "?"
    return f"{who} citing «{c['attribution']}»" if c.get("attribution") else who
