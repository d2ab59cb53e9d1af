"""Two `detente ingest` runs on the same store at once: the second waits or fails cleanly (one line,
non-zero exit), never a mixed state; afterwards the store equals one uninterrupted run."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from fault_helpers import (detente_cmd, fake_env, ingest_args, lost_and_duplicated, run_ingest, stderr_lines,
                           table_contents)

from detente.testing.corpus import write_jsonl_corpus


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    d = tmp_path_factory.mktemp("concurrent")
    corpus = d / "a.jsonl"  # both runs ingest the same file: they race for the same rows
    write_jsonl_corpus(corpus, 400, seed=11, days=10, countries=5)
    ref = d / "ref.duckdb"
    assert run_ingest(corpus, ref, fake_env()).returncode == 0
    return corpus, table_contents(ref)


def _start(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(detente_cmd(*ingest_args(corpus, db)), env=fake_env(delay=0.005),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.faults
@pytest.mark.parametrize("stagger", [0.0, 0.8])
def test_faults_two_ingests_same_store(corpora, tmp_path, stagger):
    corpus, expected = corpora
    db = tmp_path / "s.duckdb"
    first = _start(corpus, db)
    time.sleep(stagger)
    second = _start(corpus, db)
    results = []
    for p in (first, second):
        _, err = p.communicate(timeout=300)
        results.append((p.returncode, err))
    ok = [r for r in results if r[0] == 0]
    failed = [r for r in results if r[0] != 0]
    assert ok, results  # at least one run did the work
    for code, err in failed:  # the other one failed cleanly, saying why
        lines = [ln for ln in stderr_lines(err) if "committed" not in ln]
        assert "Traceback" not in err and len(lines) == 1 and lines[0].startswith("detente: error:"), err[-1500:]
        assert "lock" in lines[0].lower(), lines
    # never a mixed state: the store now equals one uninterrupted run of the same articles
    diff = lost_and_duplicated(expected, table_contents(db))
    assert all(v == (0, 0) for v in diff.values()), diff
