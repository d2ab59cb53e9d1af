"""SIGKILL `detente ingest` at random points (start-up, mid-batch, around commits, during a resume) on a
2,000-article corpus; after each resume the store equals an uninterrupted run: 0 lost, 0 duplicated."""
from __future__ import annotations

import json
import random
import shutil
import signal
from pathlib import Path

import pytest
from fault_helpers import (fake_env, lost_and_duplicated, run_and_kill, run_ingest, table_contents)

from detente.testing.corpus import write_jsonl_corpus

N_ARTICLES = 2000
BATCH = 25


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus and the store of one uninterrupted run."""
    d = tmp_path_factory.mktemp("kill")
    corpus = d / "corpus.jsonl"
    lines = write_jsonl_corpus(corpus, N_ARTICLES, seed=7, broken_every=150, repeat_every=100, days=20,
                               countries=6)
    ref_db = d / "ref.duckdb"
    done = run_ingest(corpus, ref_db, fake_env(), BATCH)
    assert done.returncode == 1, done.stderr[-2000:]  # the broken lines are rejected
    expected = table_contents(ref_db)
    assert len(expected["articles"]) == N_ARTICLES
    assert len(expected["rejects"]) > 0 and len(expected["events"]) < len(expected["mentions"])  # merges
    n_batches = (lines + BATCH - 1) // BATCH
    return corpus, expected, n_batches


def _kill_runs(reference, tmp_path: Path, runs: int, seed: int, env: dict | None = None,
               batch: int = BATCH) -> list[dict]:
    corpus, expected, n_batches = reference
    rnd = random.Random(seed)
    env = env or fake_env()
    report = []
    for run in range(runs):
        db = tmp_path / f"run{run}.duckdb"
        kills = []
        for _ in range(rnd.randint(1, 3)):  # later kills hit a resumed run
            after = rnd.choice([0, rnd.randrange(1, n_batches)])
            delay = rnd.uniform(0.3, 1.5) if after == 0 else rnd.uniform(0.0, 0.02)
            if after == 0 and env.get("DETENTE_CODER") is None:
                delay += 4.0  # the real coder loads spaCy first: kill during its first batches
            status, seen = run_and_kill(corpus, db, env, after, delay, batch)
            kills.append({"after_commits": after, "delay_s": round(delay, 4), "status": status, "seen": seen})
        resumed = run_ingest(corpus, db, env, batch)
        assert resumed.returncode == 1, resumed.stderr[-2000:]
        diff = lost_and_duplicated(expected, table_contents(db))
        report.append({"run": run, "kills": kills, "lost_dup": diff})
        assert all(v == (0, 0) for v in diff.values()), (run, kills, diff)
        shutil.rmtree(db, ignore_errors=True) if db.is_dir() else db.unlink()
        for wal in tmp_path.glob(f"run{run}.duckdb*"):
            wal.unlink()
    killed = sum(k["status"] == -signal.SIGKILL for r in report for k in r["kills"])
    assert killed >= runs, f"only {killed} kills landed before the ingest finished"
    return report


@pytest.mark.faults
def test_faults_sigkill_3_runs_resume_equals_uninterrupted(reference, tmp_path):
    _kill_runs(reference, tmp_path, runs=3, seed=1)


@pytest.mark.faults
@pytest.mark.slow
def test_faults_sigkill_20_runs_resume_equals_uninterrupted(reference, tmp_path):
    report = _kill_runs(reference, tmp_path, runs=20, seed=2026)
    kills = [k for r in report for k in r["kills"]]
    print(json.dumps({"runs": len(report), "kills": len(kills),
                      "sigkilled": sum(k["status"] == -signal.SIGKILL for k in kills),
                      "lost": sum(v[0] for r in report for v in r["lost_dup"].values()),
                      "duplicated": sum(v[1] for r in report for v in r["lost_dup"].values())}))


@pytest.mark.faults
@pytest.mark.slow
def test_faults_sigkill_real_coder_resume_equals_uninterrupted(tmp_path):
    """The same check with the real spaCy coder on a smaller corpus (200 articles, 3 runs)."""
    try:
        import detente.pipeline  # noqa: F401
    except Exception:
        pytest.skip("the real coder is not importable")
    import os

    corpus = tmp_path / "real.jsonl"
    lines = write_jsonl_corpus(corpus, 200, seed=9, fake_events=False, broken_every=70, days=10, countries=8)
    env = {k: v for k, v in os.environ.items() if k not in ("DETENTE_CODER", "DETENTE_DB")}
    ref = tmp_path / "ref.duckdb"
    done = run_ingest(corpus, ref, env, batch_size=10)
    assert done.returncode == 1, done.stderr[-2000:]
    expected = table_contents(ref)
    assert len(expected["articles"]) == 200 and expected["mentions"]
    report = _kill_runs((corpus, expected, (lines + 9) // 10), tmp_path, runs=3, seed=5, env=env, batch=10)
    print(json.dumps({"real_coder_runs": len(report), "mentions": len(expected["mentions"]),
                      "events": len(expected["events"]),
                      "sigkilled": sum(k["status"] == -signal.SIGKILL for r in report for k in r["kills"])}))
