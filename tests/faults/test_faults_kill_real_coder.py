"""Crash safety: SIGKILL a real `detente ingest` process mid-run, rerun, compare with an uninterrupted run."""
from __future__ import annotations

import importlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import table_contents

from detente.store import Store

HERE = Path(__file__).resolve().parent
N_ARTICLES = 300

COUNTRIES = [("Turkey", "TUR"), ("the United States", "USA"), ("Greece", "GRC"), ("Germany", "DEU"),
             ("France", "FRA"), ("Japan", "JPN"), ("India", "IND"), ("Brazil", "BRA")]
VERBS = [("met officials from", "040"), ("criticised", "111"), ("signed an agreement with", "057"),
         ("sent aid to", "070"), ("threatened", "130")]


def _real_coder_available() -> bool:
    try:
        importlib.import_module("detente.pipeline")
        return True
    except Exception:  # not built yet (or broken): fall back to the fake coder
        return False


def _write_corpus(path: Path, real: bool) -> None:
    rnd = random.Random(42)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(N_ARTICLES):
            (a, ca), (b, cb) = rnd.sample(COUNTRIES, 2)
            verb, code = rnd.choice(VERBS)
            day = 1 + i % 28
            text = f"{a[0].upper()}{a[1:]} {verb} {b} on March {day}, officials said in report number {i}."
            if not real:
                text += f"\nEVENT {ca}GOV {cb}GOV {code} 2025-03-{day:02d} day"
            rec = {"id": f"art{i:04d}", "title": f"Report {i}", "date": "2025-03-28",
                   "source": rnd.choice(["AP", "Reuters", "AFP"]), "url": f"https://n.example/{i}", "text": text}
            fh.write(json.dumps(rec) + "\n")
            if i % 97 == 13:
                fh.write("{broken json\n")  # a reject in the middle of the stream


def _cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from detente.cli import main; main()", "ingest", str(corpus), "--db", str(db),
            "--batch-size", "10", "--verbose"]


def _env(real: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DETENTE_DB", None)
    if not real:
        env["PYTHONPATH"] = os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")])
        env["DETENTE_CODER"] = "fake_coder:FakeCoder"
        env["DETENTE_FAKE_CODER_DELAY"] = "0.01"
    return env


def _run_and_kill(corpus: Path, db: Path, env: dict[str, str], after_commits: int, delay: float) -> int:
    """Start an ingest, SIGKILL it `delay` s after its `after_commits`-th commit; returns its exit status."""
    proc = subprocess.Popen(_cmd(corpus, db), env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True)
    seen = 0
    assert proc.stderr is not None
    for line in proc.stderr:
        if "committed" in line:
            seen += 1
            if seen >= after_commits:
                time.sleep(delay)
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stderr.close()
    return proc.returncode


@pytest.mark.faults
def test_store_crash_sigkill_then_rerun_equals_uninterrupted(tmp_path):
    real = _real_coder_available()
    env = _env(real)
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, real)

    ref_db = tmp_path / "ref.duckdb"
    done = subprocess.run(_cmd(corpus, ref_db), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr[-2000:]  # the broken lines were rejected

    db = tmp_path / "crash.duckdb"
    kills = 0
    for after, delay in [(2, 0.0), (3, 0.013), (1, 0.005), (4, 0.031)]:
        status = _run_and_kill(corpus, db, env, after, delay)
        kills += status == -signal.SIGKILL
    assert kills >= 2, "the ingest finished before it could be killed: make the corpus bigger"
    rerun = subprocess.run(_cmd(corpus, db), env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 1, rerun.stderr[-2000:]

    with Store(ref_db, read_only=True) as ref, Store(db, read_only=True) as got:
        expected, actual = table_contents(ref), table_contents(got)
        assert ref.stats()["articles"] == N_ARTICLES
    for table in expected:
        assert actual[table] == expected[table], table
