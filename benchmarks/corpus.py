"""Cross-article benchmark: seconds for ``type_references`` and ``date_references`` over N remembered events.

    python benchmarks/corpus.py [N ...]        (defaults: 2000 10000 20000)

Synthetic events (fixed seed): a few event types, a year of days, a dozen towns; one in three is a
generic mention that looks for the sub-type other articles give.  Both steps should grow about linearly.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from rasd.events.corpus import date_references, type_references
from rasd.events.record import Event

TYPES = [("Explosions/Remote violence", ["Air/drone strike", "Suicide bomb", "Remote explosive/landmine/IED"]),
         ("Battles", ["Armed clash", "Government regains territory"]),
         ("Violence against civilians", ["Attack", "Abduction/forced disappearance"])]
TOWNS = [(33.5 + 0.3 * k, 36.3 + 0.4 * k) for k in range(12)]


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    """``n`` events from ``n // 3`` articles, deterministic for a seed."""
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    out = []
    for i in range(n):
        event_type, subs = rng.choice(TYPES)
        lat, lon = rng.choice(TOWNS)
        day = start + timedelta(days=rng.randrange(365))
        ev = Event(doc_id=f"d{i // 3}", event_type=event_type, sub_event_type=rng.choice(subs), disorder_type="",
                   status="occurred", evidence={"start": i}, trigger={"start": i}, event_date=day.isoformat(),
                   time_precision=1, latitude=lat + rng.random() * 0.01, longitude=lon)
        ev.generic = rng.random() < 0.33
        ev.refined = not ev.generic and rng.random() < 0.5
        ev.date_explicit = not ev.generic
        out.append(ev)
    return out


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2_000, 10_000, 20_000]
    print(f"{'events':>8} {'type_references':>16} {'date_references':>16}")
    for n in sizes:
        events = synthetic_events(n)
        t0 = time.perf_counter()
        type_references(events)
        t1 = time.perf_counter()
        by_doc: dict[str, list[Event]] = {}
        for e in events:
            by_doc.setdefault(e.doc_id, []).append(e)
        published = date(2015, 12, 31)
        date_references([(published, evs) for evs in by_doc.values()])
        t2 = time.perf_counter()
        print(f"{n:>8} {t1 - t0:16.2f} {t2 - t1:16.2f}", flush=True)


if __name__ == "__main__":
    main()
