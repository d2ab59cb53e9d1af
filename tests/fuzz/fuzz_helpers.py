"""Helpers for the hostile-input tests: run generated inputs bounded, list the problems found."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "fuzz_runner.py"


def run_bounded(folder: Path, *extra: str, timeout: float = 900) -> list[dict]:
    """Run fuzz_runner.py over ``folder`` in a subprocess; one result dict per input file."""
    done = subprocess.run([sys.executable, str(RUNNER), str(folder), *extra], capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def problems(results: list[dict]) -> list[str]:
    """Crashes, hangs, and rejects without a proper code and one-line reason (E199 = a reader bug)."""
    out = []
    for r in results:
        if r["error"]:
            out.append(f"{r['name']}: CRASH {r['error']}")
        if r["timeout"]:
            out.append(f"{r['name']}: HANG")
        for code, reason in r["rejects"]:
            if not (code.startswith("E1") and len(code) == 4) or code == "E199":
                out.append(f"{r['name']}: bad reject code {code}: {reason}")
            if not reason.strip() or "\n" in reason:
                out.append(f"{r['name']}: reject without a one-line reason: {reason!r}")
    return out
