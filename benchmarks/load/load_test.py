"""Load test on loopback: `detente serve` over a big store answers GET /api/events and the dyad timeline
at a fixed request rate while an ingest runs beside it. Bounded in requests and in time.

    .venv/bin/python benchmarks/load/build_store.py /tmp/load.duckdb --events 110000
    .venv/bin/python benchmarks/load/load_test.py /tmp/load.duckdb --rate 40 --requests 2400

The ingest beside it (``--ingest api``, default) POSTs one real article at a time to /api/articles with a
token, coded by the real coder inside the server; ``--ingest cli`` runs `detente ingest` on the same file
from another process instead (DuckDB allows one writing process: expect lock errors to be reported);
``--ingest none`` measures reads alone. Prints one JSON object: requests, errors, p50/p90/p99/max (ms)
per endpoint and overall, achieved rate, and what the ingest did.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only
TOKEN = "load-test-token"
CODES = ["TUR", "USA", "GRC", "DEU", "FRA", "JPN", "IND", "BRA", "RUS", "CHN", "IRN", "ISR"]


@contextmanager
def running_server(db: Path, *options: str, env: dict[str, str] | None = None, wait_s: float = 120) -> Iterator[str]:
    """`detente serve --db DB OPTIONS` on a free local port until the block ends; yields its base URL once
    /api/health answers (SystemExit with the server's last words if it exits or never answers)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from detente.cli import main; main()", "serve", "--db",
                               str(db), "--host", HOST, "--port", str(port), "--log-level", "warning", *options],
                              env=env or dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise SystemExit(f"server exited: {server.stderr.read()[-500:] if server.stderr else ''}")
            if time.monotonic() > deadline:
                raise SystemExit(f"server did not answer /api/health within {wait_s:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def percentile(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def make_request(rnd: random.Random) -> tuple[str, str, dict]:
    if rnd.random() < 0.7:
        params: dict = {"limit": rnd.choice([20, 50, 100])}
        pick = rnd.random()
        if pick < 0.3:
            a, b = rnd.sample(CODES, 2)
            params["dyad"] = f"{a}-{b}"
        elif pick < 0.6:
            params["country"] = rnd.choice(CODES)
        elif pick < 0.8:
            y = rnd.choice([2022, 2023, 2024, 2025])
            params.update(since=f"{y}-01-01", until=f"{y}-06-30")
        if rnd.random() < 0.3:
            params["sort"] = rnd.choice(["-date", "date", "-goldstein"])
        return "events", "/api/events", params
    a, b = rnd.sample(CODES, 2)
    return "timeline", f"/api/dyads/{a}/{b}/timeline", {"by": rnd.choice(["month", "week", "year"])}


async def reader(client: httpx.AsyncClient, rate: float, n: int, deadline: float, seed: int) -> dict:
    rnd = random.Random(seed)
    lat: dict[str, list[float]] = {"events": [], "timeline": []}
    errors: list[str] = []
    sem = asyncio.Semaphore(64)
    start = time.perf_counter()

    async def one(kind: str, path: str, params: dict) -> None:
        async with sem:
            t0 = time.perf_counter()
            try:
                r = await client.get(path, params=params)
                ok = r.status_code == 200
                if not ok:
                    errors.append(f"{path} {params} -> {r.status_code} {r.text[:120]}")
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                ok = False
                errors.append(f"{path} {params} -> {type(exc).__name__}: {exc}")
            if ok:
                lat[kind].append((time.perf_counter() - t0) * 1000)

    tasks = []
    for i in range(n):
        due = start + i / rate
        now = time.perf_counter()
        if now > deadline:
            break
        if due > now:
            await asyncio.sleep(due - now)
        tasks.append(asyncio.create_task(one(*make_request(rnd))))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    all_lat = lat["events"] + lat["timeline"]
    summary = {"requests": len(tasks), "errors": len(errors), "error_samples": errors[:5],
               "target_rate": rate, "achieved_rate": round(len(tasks) / elapsed, 1), "seconds": round(elapsed, 1)}
    for kind, xs in [("all", all_lat), *lat.items()]:
        summary[kind] = {"n": len(xs), "p50_ms": round(percentile(xs, 50), 1), "p90_ms": round(percentile(xs, 90), 1),
                         "p99_ms": round(percentile(xs, 99), 1), "max_ms": round(max(xs), 1) if xs else None,
                         "mean_ms": round(statistics.fmean(xs), 1) if xs else None}
    return summary


async def api_ingest(client: httpx.AsyncClient, stop: asyncio.Event, seed: int) -> dict:
    from detente.testing.corpus import synthetic_record

    rnd = random.Random(seed)
    done = {"posts": 0, "errors": 0, "articles_new": 0, "mentions": 0, "error_samples": []}
    i = 0
    while not stop.is_set():
        rec = synthetic_record(10_000_000 + seed * 100_000 + i, rnd, fake_events=False)
        i += 1
        body = {"articles": [{"id": f"live{seed}-{i}", "text": rec["text"], "title": rec["title"],
                              "date": rec["date"], "source": rec["source"], "url": rec["url"]}]}
        try:
            r = await client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"},
                                  timeout=120)
            if r.status_code == 200:
                done["posts"] += 1
                done["articles_new"] += r.json().get("articles_new", 0)
                done["mentions"] += r.json().get("mentions", 0)
            else:
                done["errors"] += 1
                done["error_samples"].append(f"{r.status_code} {r.text[:120]}")
        except Exception as exc:  # noqa: BLE001
            done["errors"] += 1
            done["error_samples"].append(f"{type(exc).__name__}: {exc}")
    done["error_samples"] = done["error_samples"][:5]
    return done


async def run(args: argparse.Namespace, base: str) -> dict:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        ingest_task = stop = None
        if args.ingest == "api":
            # load the server's coder before measuring (the first POST loads spaCy)
            warm = await api_ingest_once(client)
            stop = asyncio.Event()
            ingest_task = asyncio.create_task(api_ingest(client, stop, args.seed))
        proc = None
        if args.ingest == "cli":
            proc = start_cli_ingest(args)
        deadline = time.perf_counter() + args.max_seconds
        reads = await reader(client, args.rate, args.requests, deadline, args.seed)
        result = {"reads": reads}
        if ingest_task is not None:
            stop.set()
            result["ingest"] = {"mode": "api", "warm_up": warm, **await ingest_task}
        if proc is not None:
            proc.terminate() if proc.poll() is None else None
            _, err = proc.communicate(timeout=60)
            result["ingest"] = {"mode": "cli", "exit": proc.returncode, "stderr_tail": err[-300:]}
        return result


async def api_ingest_once(client: httpx.AsyncClient) -> int:
    body = {"articles": [{"id": "warm-up", "text": "Turkey criticised Greece on Monday, officials said.",
                          "date": "2025-03-26"}]}
    r = await client.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300)
    return r.status_code


def start_cli_ingest(args: argparse.Namespace) -> subprocess.Popen:
    from detente.testing.corpus import write_jsonl_corpus

    corpus = Path(args.db).with_suffix(".ingest.jsonl")
    write_jsonl_corpus(corpus, 5000, seed=args.seed + 1)
    env = dict(os.environ, DETENTE_CODER="fake_coder:FakeCoder", DETENTE_FAKE_CODER_DELAY="0.01",
               PYTHONPATH=str(REPO / "tests" / "store"))
    return subprocess.Popen([sys.executable, "-c", "from detente.cli import main; main()", "ingest", str(corpus),
                             "--db", str(args.db), "--batch-size", "50"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--rate", type=float, default=40, help="GET requests per second (open loop)")
    ap.add_argument("--requests", type=int, default=2400, help="stop after this many GET requests")
    ap.add_argument("--max-seconds", type=float, default=120, help="and after this many seconds")
    ap.add_argument("--ingest", choices=["api", "cli", "none"], default="api")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with running_server(args.db, env=dict(os.environ, DETENTE_TOKEN=TOKEN), wait_s=60) as base:
        stats = httpx.get(base + "/api/stats", timeout=30).json()
        result = asyncio.run(run(args, base))
        result["store"] = {k: stats.get(k) for k in ("articles", "mentions", "events")}
        result["server"] = f"detente serve on {base} (uvicorn, 1 process)"
        print(json.dumps(result, indent=1))
        if result["reads"]["errors"]:
            sys.exit(1)


if __name__ == "__main__":
    main()
