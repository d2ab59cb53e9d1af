"""``EventStore.rejects``: the `ingest` summary lists the latest rejected items through the protocol, so a
backend without SQL (tests/store/memory_backend.py) can report them too."""
from __future__ import annotations

import json

import pytest
from conftest import article
from typer.testing import CliRunner

from detente.cli import app
from detente.ingest.items import Rejected
from detente.store import Store, open_store


@pytest.mark.parametrize("backend", ["duckdb", "memory"])
def test_rejects_newest_first_from_either_backend(backend, memory_backend, tmp_path, coder):
    location = f"{tmp_path}/r.duckdb" if backend == "duckdb" else "memory:r"
    items = [Rejected("in.jsonl:1", "empty text", "E101"), article("ok", "EVENT TUR USA 036 2025-03-25 day"),
             Rejected("in.jsonl:3", "not English (detected: de)", "E102")]
    with open_store(location) as s:
        assert s.rejects() == []
        s.ingest(items, coder)
        got = s.rejects(5)  # one batch: the same time for both, so only the set is fixed
        assert {(r["item"], r["reason"], r["code"]) for r in got} == {
            ("in.jsonl:3", "not English (detected: de)", "E102"), ("in.jsonl:1", "empty text", "E101")}
        assert all(r["at"] is not None for r in got)
        assert len(s.rejects(1)) == 1 and s.stats()["rejects"] == 2


def test_rejects_listed_in_the_ingest_summary_of_a_backend_without_sql(memory_backend, tmp_path, monkeypatch):
    """Before EventStore.rejects, the summary asked SQL for them and this ingest failed on the memory store."""
    monkeypatch.setenv("DETENTE_CODER", "fake_coder:FakeCoder")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)  # a short item name: a long temporary path would be cut to fit the table
    src = "in.jsonl"
    (tmp_path / src).write_text(json.dumps({"id": "good", "text": "Lead.\nEVENT TUR USA 036 2025-03-25 day",
                                            "date": "2025-03-26"}) + "\n"
                                + json.dumps({"id": "blank", "text": "  "}) + "\n")
    res = CliRunner().invoke(app, ["ingest", src, "--db", "memory:cli"])
    assert res.exit_code == 1, res.output  # 1: some items were rejected (not a crash)
    assert "in.jsonl:2" in res.output and "empty" in res.output.lower()
    with open_store("memory:cli", read_only=True) as s:
        assert s.stats()["events"] == 1 and [r["item"] for r in s.rejects()] == [f"{src}:2"]


def test_rejects_duckdb_lists_only_the_limit(tmp_path, coder):
    with Store(tmp_path / "l.duckdb") as s:
        s.ingest([Rejected(f"f.txt:{i}", "empty text") for i in range(7)], coder)
        assert len(s.rejects(5)) == 5 and len(s.rejects(50)) == 7
