"""A corrupt store file: every command that opens it says so in ONE line, exits non-zero without a
traceback, and touches no file (directory listing, sizes and mtimes compared before and after)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fault_helpers import detente_cmd, fake_env, run_ingest, stderr_lines

from detente.testing.corpus import write_jsonl_corpus


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("corrupt")
    corpus = d / "corpus.jsonl"
    write_jsonl_corpus(corpus, 800, seed=5, days=30)
    db = d / "good.duckdb"
    assert run_ingest(corpus, db, fake_env(), batch_size=200).returncode == 0
    return corpus, db


def _header_garbage(p: Path) -> None:
    with p.open("r+b") as fh:
        fh.write(os.urandom(4096))


def _truncated(p: Path) -> None:
    with p.open("r+b") as fh:
        fh.truncate(p.stat().st_size // 2)


def _not_a_store(p: Path) -> None:
    p.write_text("id,text\n1,this is a CSV file, not a store\n")


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(f.relative_to(folder)): (f.stat().st_size, f.stat().st_mtime_ns)
            for f in sorted(folder.rglob("*"))}


COMMANDS = [
    ["events"], ["events", "--format", "jsonl"], ["dyad", "TUR", "USA"],
    ["query", "SELECT count(*) FROM events"], ["export", "--format", "csv", "--out", "{out}/e.csv"],
    ["export", "--format", "parquet", "--out", "{out}/e.parquet"], ["ingest", "{corpus}"],
]


@pytest.mark.faults
@pytest.mark.parametrize("corrupt", [_header_garbage, _truncated, _not_a_store, _empty],
                         ids=["header-garbage", "truncated", "not-a-store", "empty"])
def test_faults_corrupt_store_clear_error_no_file_touched(good_store, tmp_path, corrupt):
    corpus, good = good_store
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "news.duckdb"
    shutil.copy(good, db)
    (folder / "notes.txt").write_text("a neighbour file that must not change\n")
    corrupt(db)
    out = tmp_path / "out"
    out.mkdir()
    before = _snapshot(folder)
    failures = []
    for args in COMMANDS:
        args = [a.format(out=out, corpus=corpus) for a in args] + ["--db", str(db)]
        proc = subprocess.run(detente_cmd(*args), env=fake_env(), capture_output=True, text=True, timeout=120)
        lines = [ln for ln in stderr_lines(proc.stderr) if "committed" not in ln]
        # A truncated file still answers queries whose blocks survived; what reads past the end fails.
        may_succeed = corrupt is _truncated and args[0] in ("dyad", "query")
        if proc.returncode == 0 and may_succeed:
            continue
        if proc.returncode == 0 or "Traceback" in proc.stderr or len(lines) != 1 \
                or not lines[0].startswith("detente: error:"):
            failures.append((args[0], proc.returncode, proc.stderr[-600:]))
        assert _snapshot(folder) == before, f"{args[0]} touched the store folder"
    assert failures == []
    assert list(out.iterdir()) == []  # no half-written export either
