"""Start-up: whole processes, measured in one run against a bare ``spacy.load`` of the same model.

    .venv/bin/python benchmarks/startup.py [--repeats 3] [--json]

Each of ``--repeats`` rounds runs, as fresh processes:
  (a) ``python -c "import spacy; spacy.load(MODEL)"``, the floor;
  (b) ``detente code one.txt`` with an empty knowledge cache (everything compiled from YAML/CSV);
  (c) the same with the cache that (b) left (what every later start costs);
  (d) ``detente serve`` with that cache: seconds until /api/health answers, then the seconds of the
      first POST /api/code of one sentence.
Bytecode caching is on in every process (as in an installed package), whatever the environment says.
Prints the median wall seconds and CPU seconds (user + system: steadier than wall time on a shared
machine) of each, and the ratios to (a). The issue's targets: (c) <= 2.5 x (a); (d) first POST <= 3 s.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SENTENCE = "Turkey's foreign minister met the Greek prime minister in Athens on Tuesday."


def detente_command() -> list[str]:
    script = Path(sys.executable).with_name("detente")
    return [str(script)] if script.exists() else [sys.executable, "-m", "detente"]


def timed_process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall s, CPU s) of one process run to completion; output discarded, failure raised."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_round(work: Path, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from launch until /api/health answers, seconds of the first POST /api/code)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start = time.perf_counter()
    proc = subprocess.Popen([*detente_command(), "serve", "--db", str(work / "bench.duckdb"), "--create",
                             "--port", str(port), "--log-level", "warning"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"detente serve exited with {proc.returncode}")
            try:
                urllib.request.urlopen(f"{url}/api/health", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        healthy = time.perf_counter() - start
        body = json.dumps({"text": SENTENCE, "date": "2025-03-26"}).encode()
        request = urllib.request.Request(f"{url}/api/code", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=300) as r:
            r.read()
        return healthy, time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def run(repeats: int) -> dict[str, object]:
    from detente.nlp import DEFAULT_MODEL

    work = Path(tempfile.mkdtemp(prefix="detente-startup-"))
    try:
        text = work / "one.txt"
        text.write_text(SENTENCE + "\n", encoding="utf-8")
        code = [*detente_command(), "code", str(text), "--date", "2025-03-26", "-f", "jsonl"]
        # Python's default: compiled bytecode is cached (PYTHONDONTWRITEBYTECODE would recompile
        # Détente's ~90 modules at every start, which an installed package never does)
        base_env = {k: v for k, v in os.environ.items() if k not in ("DETENTE_CODER", "PYTHONDONTWRITEBYTECODE")}
        rows: dict[str, list[tuple[float, float]]] = {"spacy_load": [], "code_cold_cache": [],
                                                      "code_warm_cache": []}
        server: list[tuple[float, float]] = []
        for i in range(repeats):
            env = base_env | {"DETENTE_CACHE_DIR": str(work / f"cache{i}")}
            rows["spacy_load"].append(timed_process(
                [sys.executable, "-c", f"import spacy; spacy.load({DEFAULT_MODEL!r})"], env))
            rows["code_cold_cache"].append(timed_process(code, env))  # fills cache{i}
            rows["code_warm_cache"].append(timed_process(code, env))
            server.append(server_round(work, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out: dict[str, object] = {"model": DEFAULT_MODEL, "repeats": repeats}
    for name, runs in rows.items():
        out[f"{name}_wall_s"] = round(statistics.median(w for w, _ in runs), 2)
        out[f"{name}_cpu_s"] = round(statistics.median(c for _, c in runs), 2)
    for name in ("code_cold_cache", "code_warm_cache"):
        for unit in ("wall", "cpu"):
            out[f"{name}_{unit}_ratio"] = round(float(out[f"{name}_{unit}_s"]) / float(out[f"spacy_load_{unit}_s"]), 2)  # type: ignore[arg-type]
    out["serve_until_healthy_s"] = round(statistics.median(h for h, _ in server), 2)
    out["first_post_code_s"] = round(statistics.median(p for _, p in server), 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    res = run(args.repeats)
    if args.json:
        print(json.dumps(res))
        return
    print(f"model {res['model']}, median of {res['repeats']} rounds (wall s / CPU s, ratio to spacy.load)")
    for name, label in (("spacy_load", "(a) bare spacy.load"), ("code_cold_cache", "(b) detente code, empty cache"),
                        ("code_warm_cache", "(c) detente code, warm cache")):
        ratio = "" if name == "spacy_load" else \
            f"   x{res[f'{name}_wall_ratio']} wall, x{res[f'{name}_cpu_ratio']} CPU"
        print(f"{label:34s} {res[f'{name}_wall_s']:6.2f} s / {res[f'{name}_cpu_s']:6.2f} s{ratio}")
    print(f"{'(d) detente serve until healthy':34s} {res['serve_until_healthy_s']:6.2f} s")
    print(f"{'    first POST /api/code after':34s} {res['first_post_code_s']:6.2f} s")


if __name__ == "__main__":
    main()
