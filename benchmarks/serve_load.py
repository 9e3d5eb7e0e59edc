"""Load on `rasd serve`: p50/p95 latency of filtered ``/api/events`` pages, bounded in count and time.

    python benchmarks/serve_load.py --db STORE.db [--requests 2000] [--concurrency 20] [--limit 100]
    python benchmarks/serve_load.py --url http://127.0.0.1:8000 --db STORE.db   (a server already running)

Starts ``rasd serve`` on a free port of 127.0.0.1 (only loopback is ever asked), reads the store read-only
to draw realistic filters (seeded), sends the requests from ``--concurrency`` workers and prints the
latency percentiles overall and per kind of filter.  The client shares the machine with the server, so
on a small machine the figures include its own CPU share.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlparse

import httpx


def draw_filters(db: Path, n: int, limit: int, seed: int = 15) -> list[tuple[str, dict]]:
    """``n`` (kind, query parameters) pairs drawn from the store's own dates, types, countries and places."""
    conn = sqlite3.connect(Path(db).absolute().as_uri() + "?mode=ro", uri=True)
    dates = [d for (d,) in conn.execute("SELECT event_date FROM real_events WHERE event_date IS NOT NULL")]
    types = [t for (t,) in conn.execute("SELECT DISTINCT event_type FROM real_events WHERE event_type IS NOT NULL")]
    countries = [c for (c, n) in conn.execute("SELECT country, count(*) FROM real_events WHERE country IS NOT NULL"
                                              " GROUP BY 1 ORDER BY 2 DESC LIMIT 10")]
    places = conn.execute("SELECT latitude, longitude FROM real_events WHERE latitude IS NOT NULL").fetchall()
    conn.close()
    if not dates or not places:
        sys.exit(f"{db}: no dated, located events to draw filters from")
    rng = random.Random(seed)

    def window(days: int) -> dict:
        start = date.fromisoformat(rng.choice(dates))
        return {"start": start.isoformat(), "end": (start + timedelta(days=days)).isoformat()}

    def bbox() -> dict:
        lat, lon = rng.choice(places)
        r = rng.choice([0.5, 2, 5])
        return {"bbox": f"{max(-180, lon - r):.3f},{max(-90, lat - r):.3f},{min(180, lon + r):.3f},{min(90, lat + r):.3f}"}

    kinds = {
        "newest page": lambda: {"offset": rng.choice([0, 0, limit, 5 * limit])},
        "date window": lambda: window(rng.choice([7, 30, 90])),
        "type + dates": lambda: {"type": rng.choice(types), **window(180)},
        "country": lambda: {"country": rng.choice(countries)},
        "bbox": bbox,
        "bbox + dates + status": lambda: {**bbox(), **window(365), "status": "occurred"},
        "map markers": lambda: {"fields": "map", "located": "true", "limit": 2000, **window(30)},
    }
    out = []
    for _ in range(n):
        kind = rng.choice(list(kinds))
        out.append((kind, {"limit": limit, **kinds[kind]()}))
    return out


class Connection:
    """One keep-alive HTTP/1.1 connection, as little client work as possible (httpx would cost the 2-core
    machine more CPU than the server's own work)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(int(v) for k, _, v in (line.partition(":") for line in lines[1:]) if k.lower() == "content-length")
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def run(base: str, requests: list[tuple[str, dict]], concurrency: int, deadline: float) -> dict[str, list[float]]:
    """Send every request (``concurrency`` at a time) until done or past ``deadline``; latencies by kind."""
    url = urlparse(base)
    times: dict[str, list[float]] = {}
    queue: asyncio.Queue = asyncio.Queue()
    for item in requests:
        queue.put_nowait(item)
    errors = 0

    async def worker() -> None:
        nonlocal errors
        conn = Connection(url.hostname or "127.0.0.1", url.port or 80)
        try:
            while not queue.empty() and time.monotonic() < deadline:
                kind, params = queue.get_nowait()
                t0 = time.perf_counter()
                status = await conn.get("/api/events?" + urlencode(params, doseq=True))
                times.setdefault(kind, []).append(time.perf_counter() - t0)
                errors += status != 200
        finally:
            conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    if errors:
        print(f"warning: {errors} responses were not 200", file=sys.stderr)
    return times


def percentiles(xs: list[float]) -> str:
    q = statistics.quantiles(xs, n=100, method="inclusive") if len(xs) > 1 else xs * 99
    return f"p50 {1000 * q[49]:7.1f} ms  p95 {1000 * q[94]:7.1f} ms  (n={len(xs)})"


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("the server did not start: " + (proc.stderr.read() if proc.stderr else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True, help="the store (read only: filters are drawn from it)")
    ap.add_argument("--url", help="a server already running on 127.0.0.1 (default: start one on --db)")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--limit", type=int, default=100, help="page size of /api/events")
    ap.add_argument("--max-seconds", type=float, default=300, help="stop sending after this long")
    args = ap.parse_args()
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("--url must be a loopback address")
    requests = draw_filters(args.db, args.requests, args.limit)
    proc, base = (None, args.url) if args.url else start_server(args.db)
    try:
        with httpx.Client(base_url=base) as c:
            health = c.get("/healthz").json()
        t0 = time.monotonic()
        times = asyncio.run(run(base, requests, args.concurrency, t0 + args.max_seconds))
        wall = time.monotonic() - t0
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    every = [t for ts in times.values() for t in ts]
    print(f"{args.db} ({health['events']} events), {len(every)} requests, {args.concurrency} concurrent, "
          f"{len(every) / wall:.0f} req/s on {os.cpu_count()} cores")
    print(f"{'all filtered pages':<24} {percentiles(every)}")
    for kind, ts in sorted(times.items()):
        print(f"{kind:<24} {percentiles(ts)}")


if __name__ == "__main__":
    main()
