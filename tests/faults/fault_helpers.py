"""Run `detente` in subprocesses with the fake coder, kill it, and compare stores table by table."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from detente.store import Store

HERE = Path(__file__).resolve().parent
STORE_TESTS = HERE.parent / "store"

#: Every table without its timestamps, sorted: two stores with equal contents give equal dicts.
TABLES = {
    "articles": "SELECT * EXCLUDE (ingested_at) FROM articles",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT * EXCLUDE (added_at) FROM events",
    "event_mentions": "SELECT * FROM event_mentions",
    "rejects": 'SELECT * EXCLUDE ("at") FROM rejects',
}


def table_contents(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        return {t: sorted(store.query(sql), key=repr) for t, sql in TABLES.items()}


def lost_and_duplicated(expected: dict[str, list[tuple]], actual: dict[str, list[tuple]]) -> dict[str, tuple[int, int]]:
    """Per table: (rows missing from actual, rows in actual that are extra or repeated)."""
    out = {}
    for t, rows in expected.items():
        exp, got = list(rows), list(actual[t])
        missing = extra = 0
        pool: dict[Any, int] = {}
        for r in got:
            pool[repr(r)] = pool.get(repr(r), 0) + 1
        for r in exp:
            if pool.get(repr(r), 0):
                pool[repr(r)] -= 1
            else:
                missing += 1
        extra = sum(pool.values())
        out[t] = (missing, extra)
    return out


def detente_cmd(*args: str, prelude: str = "") -> list[str]:
    """`detente ARGS` as a python -c command; ``prelude`` runs first in the same process (patches)."""
    return [sys.executable, "-c", f"{prelude}\nfrom detente.cli import main; main()", *args]


def fake_env(delay: float = 0.0) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DETENTE_DB", None)
    env["PYTHONPATH"] = os.pathsep.join([str(STORE_TESTS), str(HERE), env.get("PYTHONPATH", "")])
    env["DETENTE_CODER"] = "fake_coder:FakeCoder"
    env["DETENTE_FAKE_CODER_DELAY"] = str(delay)
    return env


def ingest_args(corpus: Path, db: Path, batch_size: int = 25) -> list[str]:
    return ["ingest", str(corpus), "--db", str(db), "--batch-size", str(batch_size), "--verbose"]


def run_ingest(corpus: Path, db: Path, env: dict[str, str], batch_size: int = 25,
               timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(detente_cmd(*ingest_args(corpus, db, batch_size)), env=env, capture_output=True,
                          text=True, timeout=timeout)


def run_and_kill(corpus: Path, db: Path, env: dict[str, str], after_commits: int, delay: float,
                 batch_size: int = 25) -> tuple[int, int]:
    """Start an ingest, SIGKILL it ``delay`` s after its ``after_commits``-th commit line.

    Returns (exit status, commits seen). ``after_commits=0`` kills during start-up."""
    proc = subprocess.Popen(detente_cmd(*ingest_args(corpus, db, batch_size)), env=env, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    seen = 0
    assert proc.stderr is not None
    if after_commits == 0:
        time.sleep(delay)
    else:
        for line in proc.stderr:
            if "committed" in line:
                seen += 1
                if seen >= after_commits:
                    time.sleep(delay)
                    break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stderr.close()
    return proc.returncode, seen


def stderr_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def mount_tmpfs(where: Path, size: str) -> bool:
    """Mount a tmpfs of ``size`` at ``where`` (created); False where that is not allowed (not root)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0
