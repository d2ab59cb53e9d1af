"""`detente ingest --from-parquet DIR` with no shard in DIR (/etc, an empty folder, folders that are not
complete shards) is a usage error: one line, exit 2, and no store is created."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from detente.cli import app


@pytest.mark.parametrize("layout", ["etc", "empty", "not-shards"])
def test_ingest_from_parquet_without_shards_exit_2(tmp_path, layout):
    if layout == "etc":
        directory = "/etc"
    else:
        directory = tmp_path / "shards"
        directory.mkdir()
        if layout == "not-shards":
            (directory / "shard-00001").mkdir()  # incomplete: no parquet files in it
            (directory / "notes").mkdir()
            (directory / "x.parquet").write_bytes(b"PAR1")
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", "--from-parquet", str(directory), "--db", str(db)])
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert res.exit_code == 2, res.output
    assert lines == [f"detente: error: [E400] no shards found in {directory} (expected shard-* folders written "
                     f"by `detente ingest --engine ray`)"]
    assert not db.exists()
