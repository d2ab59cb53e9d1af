"""CLI: ingest / query / events / dyad / export through CliRunner (fake coder via DETENTE_CODER)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

STORE_TESTS = Path(__file__).resolve().parents[1] / "store"


pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


def _jsonl(path: Path, records: list[dict | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    return path


def _rec(i: str, *lines: str, source: str = "AP") -> dict:
    return {"id": i, "title": f"T {i}", "date": "2025-03-26", "source": source, "url": f"https://x/{i}",
            "text": "\n".join([f"Officials met on Wednesday in story {i}, the agency reported.", *lines])}


@pytest.fixture
def corpus(tmp_path):
    return _jsonl(tmp_path / "in.jsonl", [
        _rec("a", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT USA TUR 163 2025-03-02 day"),
        _rec("b", "EVENT TURGOV USAGOV 036 2025-03-26 day loc=USA", source="Reuters"),
        _rec("c", "EVENT RUSMIL UKR 190 2025-02-10 day loc=UKR"),
    ])


@pytest.fixture
def db(tmp_path, corpus):
    path = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(path)])
    assert res.exit_code == 0, res.output
    return path


def test_store_cmds_ingest_summary_and_idempotent_rerun(db, corpus):
    res = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
    assert res.exit_code == 0
    assert "articles already stored" in res.output and "3 articles" in res.output


def test_store_cmds_ingest_exit_1_when_some_rejected(tmp_path):
    src = _jsonl(tmp_path / "mixed.jsonl", [_rec("a", "EVENT TUR USA 036 2025-03-25 day"), "{not json", _rec("f", "FAIL")])
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "m.duckdb")])
    assert res.exit_code == 1
    assert "rejected items" in res.output and "coding failed" in res.output


def test_store_cmds_ingest_exit_2_when_nothing_ingested(tmp_path):
    src = _jsonl(tmp_path / "bad.jsonl", ["{not json", "[1]"])
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "n.duckdb")])
    assert res.exit_code == 2
    assert "nothing could be ingested" in res.output
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "n.duckdb")])
    assert res.exit_code == 2 and "no such file" in res.output and "Traceback" not in res.output


def test_store_cmds_ingest_default_db_from_env(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "env.duckdb"))
    assert CliRunner().invoke(app, ["ingest", str(corpus)]).exit_code == 0
    assert (tmp_path / "env.duckdb").exists()


def test_store_cmds_query_formats_and_refusal(db):
    r = CliRunner()
    res = r.invoke(app, ["query", "SELECT cameo_code, num_articles FROM events ORDER BY cameo_code", "--db", str(db),
                         "--format", "csv"])
    assert res.exit_code == 0
    assert res.output.splitlines() == ["cameo_code,num_articles", "036,2", "163,1", "190,1"]
    res = r.invoke(app, ["query", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "jsonl"])
    assert json.loads(res.output) == {"n": 3}
    res = r.invoke(app, ["query", "DELETE FROM events", "--db", str(db)])
    assert res.exit_code != 0
    assert len(res.output.strip().splitlines()) == 1 and res.output.startswith("detente: error: [E300]")
    res = r.invoke(app, ["query", "SELECT 1", "--db", str(db), "--format", "xml"])
    assert res.exit_code != 0 and "unknown format" in res.output


def test_store_cmds_events_filters(db):
    r = CliRunner()
    res = r.invoke(app, ["events", "--db", str(db), "--dyad", "TUR", "USA", "--format", "jsonl"])
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert res.exit_code == 0 and sorted(x["cameo_code"] for x in rows) == ["036", "163"]
    res = r.invoke(app, ["events", "--db", str(db), "--type", "SANCTION", "--format", "csv"])
    assert res.output.count("\n") == 2 and ",163," in res.output
    res = r.invoke(app, ["events", "--db", str(db), "--cameo", "19", "--country", "UKR", "--since", "2025-01-01",
                         "--until", "2025-12-31", "--format", "jsonl"])
    assert [json.loads(x)["cameo_code"] for x in res.output.splitlines()] == ["190"]
    res = r.invoke(app, ["events", "--db", str(db)])
    assert res.exit_code == 0 and "3 event(s)" in res.output and "TURGOV" in res.output
    res = r.invoke(app, ["events", "--db", str(db), "--since", "March"])
    assert res.exit_code != 0 and "bad date" in res.output


def test_store_cmds_dyad_chart(db):
    res = CliRunner().invoke(app, ["dyad", "TUR", "USA", "--by", "month", "--db", str(db)])
    assert res.exit_code == 0
    assert "│ 2025-03 " in res.output and "█" in res.output and "TUR ↔ USA" in res.output  # a month as 2025-03
    res = CliRunner().invoke(app, ["dyad", "TUR", "USA", "--by", "day", "--db", str(db), "--format", "csv"])
    assert res.output.splitlines()[0] == "period,events,q1,q2,q3,q4,goldstein_mean"
    assert "2025-03-25,1,1,0,0,0," in res.output
    res = CliRunner().invoke(app, ["dyad", "TUR", "USA", "--by", "decade", "--db", str(db)])
    assert res.exit_code != 0 and "bad period" in res.output


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "csv", "parquet"])
def test_store_cmds_export(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", str(db), "--dyad", "TUR", "USA"])
    assert res.exit_code == 0, res.output
    assert "exported 2 events to" in res.output
    if fmt == "gdelt":
        assert [len(line.split("\t")) for line in out.read_text().splitlines()] == [61, 61]
    elif fmt == "plover":
        assert {json.loads(x)["event"][0] for x in out.read_text().splitlines()} == {"AGREE", "SANCTION"}
    assert out.stat().st_size > 0


def test_store_cmds_export_summary_on_stderr_and_quiet(db, tmp_path):
    out = tmp_path / "out.csv"
    res = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(db)])
    assert res.exit_code == 0 and res.stdout == ""
    line = res.stderr.strip()
    assert line.startswith("detente: exported ") and "(csv)" in line and line.endswith(" s"), line
    res = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(db), "--quiet"])
    assert res.exit_code == 0 and res.output == ""


def test_store_cmds_missing_store_is_one_line(tmp_path):
    res = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and res.output.strip().count("\n") == 0 and "no store" in res.output


def test_store_cmds_events_table_shows_dates_at_their_precision(tmp_path):
    # a year-only date is stored as its first day; the table showed 2019-01-01 for "in 2019"
    corpus = _jsonl(tmp_path / "dates.jsonl", [
        _rec("y", "EVENT TURGOV USAGOV 036 2019-01-01 year"),
        _rec("m", "EVENT RUSMIL UKR 190 2019-10-01 month"),
        _rec("d", "EVENT USA IRN 163 2019-10-09 day"),
    ])
    db = tmp_path / "dates.duckdb"
    r = CliRunner()
    assert r.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    res = r.invoke(app, ["events", "--db", str(db)], terminal_width=250)
    assert res.exit_code == 0, res.output
    lines = [line for line in res.output.splitlines() if "2019" in line]
    assert any("TURGOV" in x and "│ 2019 " in x for x in lines), res.output
    assert any("RUSMIL" in x and "│ 2019-10 " in x for x in lines), res.output
    assert any("USA " in x and "│ 2019-10-09 " in x for x in lines), res.output
    assert "2019-01-01" not in res.output and "2019-10-01" not in res.output
    res = r.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])  # machine formats keep both fields
    rows = {json.loads(x)["source_code"]: json.loads(x) for x in res.output.splitlines()}
    assert (rows["TURGOV"]["date"], rows["TURGOV"]["date_precision"]) == ("2019-01-01", "year")
