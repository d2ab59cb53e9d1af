"""Latency of the analyst's routes over a 100k-event store: GET /api/facets (each field) and /api/series
(by month and by year), one request at a time against `detente serve` on loopback.

    .venv/bin/python benchmarks/load/analysis_latency.py /tmp/load.duckdb --requests 40

Builds the store first when the file does not exist (build_store.py: synthetic articles through
Store.ingest with the fake coder, seed 1, 100,000 mentions). Prints a table of p50 / p99 / max in ms per
route over HTTP, the /api/health floor (a read-only connection per request), and the same aggregates
in-process on one open store (p50) to show where the time goes. Not a test: numbers depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_store import articles  # noqa: E402
from load_test import percentile, running_server  # noqa: E402

from detente.store import Store  # noqa: E402
from detente.store import analytics  # noqa: E402
from detente.store.analytics import FACETS  # noqa: E402

ACTORS = ["TUR", "USA", "RUS", "CHN", "DEU", "IRN"]
#: Filters mixed into the requests: none, a country, a half year (like the dashboard's sidebar).
FILTERS: list[dict[str, str]] = [{}, {"country": "TUR"}, {"since": "2023-01-01", "until": "2023-06-30"}]


def build(db: Path, events: int, seed: int) -> None:
    sys.path.insert(0, str(HERE.parents[1] / "tests" / "store"))
    from fake_coder import FakeCoder

    t0 = time.perf_counter()
    with Store(db) as store:
        store.ingest(articles(events, 8, seed, 1460), FakeCoder(), batch_size=500)
    print(f"built {db} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def cases(rnd: random.Random, n: int) -> list[tuple[str, str, dict[str, str]]]:
    """(row label, path, params): n requests per facet field and per series period."""
    out = []
    for field in FACETS:
        out += [(f"facets {field}", "/api/facets", {"field": field, **rnd.choice(FILTERS)}) for _ in range(n)]
    for by in ("month", "year"):
        out += [(f"series by {by}", "/api/series", {"actor": rnd.choice(ACTORS), "by": by, **rnd.choice(FILTERS)})
                for _ in range(n)]
    # the floor: opening the store read-only and one count, as every read request does
    out += [("health (baseline)", "/api/health", {}) for _ in range(n)]
    rnd.shuffle(out)  # interleaved, so no route gets a warm cache the others lack
    return out


def measure(base: str, todo: list[tuple[str, str, dict[str, str]]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for label, path, params in todo:
            t0 = time.perf_counter()
            r = client.get(path, params=params)
            ms = (time.perf_counter() - t0) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{path} {params} -> {r.status_code} {r.text[:200]}")
            times.setdefault(label, []).append(ms)
    return times


def in_process(db: Path, rnd: random.Random, n: int) -> dict[str, list[float]]:
    """The same aggregates on one open store, without HTTP or a connection per request."""
    from detente.store import EventFilters
    from detente.store.read_api import EventQuery

    def query(f: dict[str, str]) -> EventQuery:
        flt = EventFilters(country=f.get("country"), since=f.get("since"), until=f.get("until")).validated()
        return EventQuery(filters=flt)

    times: dict[str, list[float]] = {}
    with Store(db, read_only=True) as store:
        for _ in range(n):
            for field in FACETS:
                t0 = time.perf_counter()
                analytics.facet(store, query(rnd.choice(FILTERS)), field)
                times.setdefault(f"facets {field}", []).append((time.perf_counter() - t0) * 1000)
            for by in ("month", "year"):
                t0 = time.perf_counter()
                analytics.series(store, query(rnd.choice(FILTERS)), rnd.choice(ACTORS), by)
                times.setdefault(f"series by {by}", []).append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--requests", type=int, default=40, help="requests per facet field and per series period")
    ap.add_argument("--events", type=int, default=100_000, help="mentions to generate when building the store")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not args.db.exists():
        build(args.db, args.events, args.seed)
    with running_server(args.db, "--lazy-coder") as base:
        events = httpx.get(base + "/api/stats", timeout=60).json()["events"]
        httpx.get(base + "/api/facets", params={"field": "year"}, timeout=60)  # first connection, not measured
        times = measure(base, cases(random.Random(args.seed), args.requests))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{events:,} events; {args.requests} requests per row, one at a time; {os.cpu_count()} CPUs "
          f"({platform.processor() or platform.machine()}), load average {load:.1f}")
    direct = in_process(args.db, random.Random(args.seed), args.requests)
    print(f"| {'route':<26} | {'n':>4} | {'p50 ms':>7} | {'p99 ms':>7} | {'max ms':>7} | {'in-process p50 ms':>17} |")
    print(f"|{'-' * 28}|{'-' * 6}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 19}|")
    for label in sorted(times):
        xs = times[label]
        inner = f"{percentile(direct[label], 50):.0f}" if label in direct else ""
        print(f"| {label:<26} | {len(xs):>4} | {percentile(xs, 50):>7.0f} | {percentile(xs, 99):>7.0f} "
              f"| {max(xs):>7.0f} | {inner:>17} |")


if __name__ == "__main__":
    main()
