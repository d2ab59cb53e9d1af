"""Disk full during an ingest: the run fails with ONE clear line and a non-zero exit, the store stays
readable and consistent (whole batches only), and a rerun with space completes it exactly."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fault_helpers import (detente_cmd, fake_env, ingest_args, lost_and_duplicated, mount_tmpfs, run_ingest,
                           stderr_lines, table_contents)

from detente.testing.corpus import write_jsonl_corpus

# In the ingest process: the 40th row insert raises ENOSPC, in the middle of a batch's transaction.
ENOSPC_PATCH = """
import errno
import detente.store.writer as _w
_real, _calls = _w._insert, [0]
def _insert(*a, **k):
    _calls[0] += 1
    if _calls[0] >= 40:
        raise OSError(errno.ENOSPC, "No space left on device")
    return _real(*a, **k)
_w._insert = _insert
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    d = tmp_path_factory.mktemp("enospc")
    path = d / "corpus.jsonl"
    write_jsonl_corpus(path, 600, seed=3, broken_every=200, days=10, countries=5)
    ref = d / "ref.duckdb"
    assert run_ingest(path, ref, fake_env()).returncode == 1
    return path, table_contents(ref)


def _consistent(db: Path) -> dict[str, list[tuple]]:
    """Readable, and no half batch: every mention has its article, every event its links."""
    t = table_contents(db)
    articles = {r[0] for r in t["articles"]}
    from detente.store import Store
    with Store(db, read_only=True) as s:
        orphans = s.query("SELECT count(*) FROM mentions m ANTI JOIN articles a USING (article_id)")[0][0]
        unlinked = s.query("SELECT count(*) FROM mentions m ANTI JOIN event_mentions l USING (mention_id)")[0][0]
        empty = s.query("SELECT count(*) FROM events e ANTI JOIN event_mentions l USING (event_id)")[0][0]
    assert (orphans, unlinked, empty) == (0, 0, 0)
    assert articles
    return t


def _assert_one_clear_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode not in (0, 1), proc.stderr[-2000:]  # 1 means "some items rejected": not this
    lines = [ln for ln in stderr_lines(proc.stderr) if "committed" not in ln]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert len(lines) == 1 and lines[0].startswith("detente: error:"), lines
    assert "No space left on device" in lines[0], lines
    return lines[0]


@pytest.mark.faults
def test_faults_enospc_patched_write_fails_cleanly_and_resumes(corpus, tmp_path):
    path, expected = corpus
    db = tmp_path / "s.duckdb"
    proc = subprocess.run(detente_cmd(*ingest_args(path, db), prelude=ENOSPC_PATCH), env=fake_env(),
                          capture_output=True, text=True, timeout=300)
    _assert_one_clear_line(proc)
    partial = _consistent(db)
    assert 0 < len(partial["articles"]) < len(expected["articles"])
    assert run_ingest(path, db, fake_env()).returncode == 1
    assert all(v == (0, 0) for v in lost_and_duplicated(expected, table_contents(db)).values())


@pytest.mark.faults
def test_faults_enospc_real_full_tmpfs(corpus, tmp_path):
    """A real full file system (a 1.5 MB tmpfs; needs root): DuckDB's own write fails with ENOSPC."""
    path, expected = corpus
    mnt = tmp_path / "small"
    if not mount_tmpfs(mnt, "1500k"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        db = mnt / "s.duckdb"
        big = tmp_path / "big.jsonl"
        write_jsonl_corpus(big, 3000, seed=3, broken_every=200, days=10, countries=5)
        proc = run_ingest(big, db, fake_env())
        _assert_one_clear_line(proc)
        partial = _consistent(db)
        # with space again (copy the files out), the same store resumes to the uninterrupted result
        roomy = tmp_path / "roomy"
        roomy.mkdir()
        for f in mnt.iterdir():
            shutil.copy(f, roomy / f.name)
        ref = tmp_path / "ref_big.duckdb"
        assert run_ingest(big, ref, fake_env()).returncode == 1
        assert run_ingest(big, roomy / "s.duckdb", fake_env()).returncode == 1
        diff = lost_and_duplicated(table_contents(ref), table_contents(roomy / "s.duckdb"))
        assert all(v == (0, 0) for v in diff.values()), diff
        assert len(partial["articles"]) > 0
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)
