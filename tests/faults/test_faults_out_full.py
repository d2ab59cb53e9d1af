"""A real full file system under --out (a 96 KiB tmpfs; needs root): `export` in every format, `events --out`
and `query --out` print ONE line naming `No space left on device`, exit 2, and leave no file behind (the
temp file is removed; the target is never created, or keeps its old contents)."""
from __future__ import annotations

import subprocess

import pytest
from fault_helpers import detente_cmd, fake_env, mount_tmpfs, run_ingest, stderr_lines

from detente.testing.corpus import write_jsonl_corpus

COMMANDS = {
    "export-gdelt": ["export", "-f", "gdelt"], "export-plover": ["export", "-f", "plover"],
    "export-csv": ["export", "-f", "csv"], "export-parquet": ["export", "-f", "parquet"],
    "events-csv": ["events", "-f", "csv"], "events-jsonl": ["events", "-f", "jsonl"],
    "query-jsonl": ["query", "SELECT * FROM mentions", "-f", "jsonl"],
}


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    d = tmp_path_factory.mktemp("outfull")
    corpus = d / "corpus.jsonl"
    write_jsonl_corpus(corpus, 1500, seed=5, days=30, countries=8)
    db = d / "s.duckdb"
    assert run_ingest(corpus, db, fake_env()).returncode in (0, 1)
    mnt = d / "small"
    if not mount_tmpfs(mnt, "96k"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield db, mnt
    subprocess.run(["umount", str(mnt)], capture_output=True)


@pytest.mark.faults
@pytest.mark.parametrize("name", COMMANDS)
def test_faults_out_full_one_line_no_file(full, name):
    db, mnt = full
    out = mnt / f"{name}.out"
    proc = subprocess.run(detente_cmd(*COMMANDS[name], "--db", str(db), "--out", str(out)), env=fake_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    assert stderr_lines(proc.stderr) == [f"detente: error: [E500] cannot write {out}: No space left on device"]
    assert list(mnt.iterdir()) == []


@pytest.mark.faults
def test_faults_out_full_keeps_previous_file(full):
    db, mnt = full
    out = mnt / "previous.csv"
    out.write_text("an earlier export\n")
    proc = subprocess.run(detente_cmd("export", "-f", "csv", "--db", str(db), "--out", str(out)), env=fake_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "No space left on device" in proc.stderr
    assert out.read_text() == "an earlier export\n" and [p.name for p in mnt.iterdir()] == ["previous.csv"]
    out.unlink()
