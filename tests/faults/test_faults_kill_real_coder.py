"""Crash safety with the real coder: SIGKILL `detente ingest` mid-run, rerun, compare with an uninterrupted
run (test_faults_kill.py does the same at many more points with the fake coder)."""
from __future__ import annotations

import importlib
import json
import os
import random
import signal
from pathlib import Path

import pytest
from fault_helpers import fake_env, run_and_kill, run_ingest, table_contents

from detente.store import Store

N_ARTICLES = 300
BATCH = 10

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


def _env(real: bool) -> dict[str, str]:
    if not real:
        return fake_env(delay=0.01)
    env = dict(os.environ)
    env.pop("DETENTE_DB", None)
    return env


@pytest.mark.faults
def test_faults_kill_real_coder_rerun_equals_uninterrupted(tmp_path):
    real = _real_coder_available()
    env = _env(real)
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, real)

    ref_db = tmp_path / "ref.duckdb"
    done = run_ingest(corpus, ref_db, env, batch_size=BATCH)
    assert done.returncode == 1, done.stderr[-2000:]  # the broken lines were rejected

    db = tmp_path / "crash.duckdb"
    kills = 0
    for after, delay in [(2, 0.0), (3, 0.013), (1, 0.005), (4, 0.031)]:
        status, _ = run_and_kill(corpus, db, env, after, delay, batch_size=BATCH)
        kills += status == -signal.SIGKILL
    assert kills >= 2, "the ingest finished before it could be killed: make the corpus bigger"
    rerun = run_ingest(corpus, db, env, batch_size=BATCH)
    assert rerun.returncode == 1, rerun.stderr[-2000:]

    with Store(ref_db, read_only=True) as ref:
        assert ref.stats()["articles"] == N_ARTICLES
    expected, actual = table_contents(ref_db), table_contents(db)
    for table in expected:
        assert actual[table] == expected[table], table
