"""Same input -> byte-identical `detente code --format jsonl` and `detente export` output, across two runs
and across --workers 1/2 (real coder). Exports of two separate ingests differ only in the ingest time
(`added_at`, GDELT DATEADDED, PLOVER coded_date), which is blanked before comparing."""
from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from fault_helpers import detente_cmd

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "articles.jsonl"
SEED = REPO.parent / "shared" / "acceptance" / "seed" / "article.txt"


def _have(module: str) -> bool:
    try:
        __import__(module)
        return True
    except Exception:
        return False


pytestmark = pytest.mark.skipif(not _have("detente.pipeline"), reason="the real coder is not importable")
needs_parallel = pytest.mark.skipif(not _have("detente.parallel"), reason="detente.parallel not built yet")


def _inputs() -> list[str]:
    return [str(SAMPLES)] + ([str(SEED)] if SEED.exists() else [])


def _run(*args: str) -> subprocess.CompletedProcess:
    env_free = subprocess.run(detente_cmd(*args), capture_output=True, timeout=600)
    assert env_free.returncode in (0, 1), env_free.stderr[-2000:]
    return env_free


def _code(workers: int) -> bytes:
    return _run("code", *_inputs(), "--date", "2025-03-26", "--format", "jsonl", "--workers", str(workers)).stdout


# Each test makes both of its runs back to back (no shared fixture), so that a knowledge file edited
# between tests on a busy working tree cannot look like non-determinism.
@pytest.mark.faults
def test_faults_code_jsonl_identical_across_runs():
    first = _code(1)
    assert first.count(b"\n") > 50
    assert _code(1) == first


@pytest.mark.faults
@needs_parallel
def test_faults_code_jsonl_identical_across_workers():
    assert _code(2) == _code(1)


FORMATS = {"gdelt": "tsv", "plover": "jsonl", "csv": "csv", "parquet": "parquet"}


def _exports(db: Path, out: Path) -> dict[str, bytes]:
    """`detente export` in every format (in-process through the Typer app: the same code path, faster)."""
    from typer.testing import CliRunner

    from detente.cli import app

    out.mkdir(exist_ok=True)
    got = {}
    for fmt, ext in FORMATS.items():
        path = out / f"events.{ext}"
        result = CliRunner().invoke(app, ["export", "--format", fmt, "--out", str(path), "--db", str(db)])
        assert result.exit_code == 0, result.output
        got[fmt] = path.read_bytes()
    return got


def _without_ingest_time(fmt: str, data: bytes) -> object:
    if fmt == "gdelt":
        rows = [line.split("\t") for line in data.decode().splitlines()]
        return [r[:59] + r[60:] for r in rows]  # column 60 is DATEADDED
    if fmt == "plover":
        return [{k: v for k, v in json.loads(line).items() if k != "coded_date"} for line in data.splitlines()]
    if fmt == "csv":
        return [{k: v for k, v in r.items() if k != "added_at"} for r in csv.DictReader(io.StringIO(data.decode()))]
    import pyarrow.parquet as pq
    return pq.read_table(io.BytesIO(data)).drop(["added_at"]).to_pylist()


class _Stores:
    """Stores ingested from the same input, made on first use (one per worker count)."""

    def __init__(self, folder: Path):
        self.folder, self.dbs = folder, {}

    def __getitem__(self, workers: int) -> Path:
        if workers not in self.dbs:
            db = self.folder / f"w{workers}.duckdb"
            _run("ingest", *_inputs(), "--date", "2025-03-26", "--db", str(db), "--workers", str(workers))
            self.dbs[workers] = db
        return self.dbs[workers]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> _Stores:
    return _Stores(tmp_path_factory.mktemp("det"))


@pytest.mark.faults
def test_faults_export_identical_across_runs(ingested, tmp_path):
    first, second = _exports(ingested[1], tmp_path / "a"), _exports(ingested[1], tmp_path / "b")
    assert first["csv"].count(b"\n") > 20
    assert first == second


@pytest.mark.faults
@pytest.mark.slow
@needs_parallel
def test_faults_export_identical_across_workers(ingested, tmp_path):
    one, two = _exports(ingested[1], tmp_path / "w1"), _exports(ingested[2], tmp_path / "w2")
    for fmt in FORMATS:
        assert _without_ingest_time(fmt, one[fmt]) == _without_ingest_time(fmt, two[fmt]), fmt
