"""The ``--format`` of `code`, `events`, `query` and `dyad` comes from ``detente.registry.output_formats``:
a plug-in format (registered, or found through the ``detente_output_formats`` entry point) is listed in
``--help`` and writes the rows of every one of these commands."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import EntryPoint, EntryPoints
from pathlib import Path
from typing import IO, Any

import catalogue
import pytest
from typer.testing import CliRunner

from detente import registry
from detente.cli import app
from detente.errors import UsageError
from detente.output import OutputFormat, TableView, output_format, output_format_names

pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


def write_pipes(stream: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]], view: TableView) -> int:
    """A toy plug-in: '|'-separated, header first, None as '-'."""
    stream.write("|".join(columns) + "\n")
    n = 0
    for row in rows:
        stream.write("|".join("-" if v is None else str(v) for v in row) + "\n")
        n += 1
    return n


PIPES = OutputFormat(write_pipes, help="'|'-separated values")


@pytest.fixture
def pipes() -> Iterator[str]:
    registry.output_formats.register("pipes", func=PIPES)
    yield "pipes"
    catalogue.REGISTRY.pop(("detente", "output_formats", "pipes"), None)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "date": "2025-03-26", "text": f"Officials met in story {i}.\n{line}"})
                            + "\n" for i, line in (("a", "EVENT TURGOV USAGOV 036 2025-03-25 day"),
                                                   ("b", "EVENT USA TUR 163 2025-04-02 day"))))
    return path


@pytest.fixture
def db(tmp_path: Path, corpus: Path) -> Path:
    path = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(path)])
    assert res.exit_code == 0, res.output
    return path


@pytest.mark.parametrize("command", ["code", "events", "query", "dyad"])
def test_output_formats_plug_in_listed_in_help(pipes, command, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    res = CliRunner().invoke(app, [command, "--help"])
    assert res.exit_code == 0 and "[table|csv|jsonl|pipes]" in res.output


def test_output_formats_built_ins_only_without_plug_ins(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    res = CliRunner().invoke(app, ["events", "--help"])
    assert "[table|csv|jsonl]" in res.output and output_format_names() == ["table", "csv", "jsonl"]


def test_output_formats_plug_in_writes_every_command(pipes, db, corpus):
    r = CliRunner()
    res = r.invoke(app, ["events", "--db", str(db), "--format", "pipes"])
    lines = res.output.splitlines()
    assert res.exit_code == 0 and lines[0].startswith("event_id|anchor_mention_id|") and len(lines) == 3
    assert "|036|" in lines[1] and "|163|" in lines[2]  # date order
    res = r.invoke(app, ["query", "SELECT cameo_code, NULL AS x FROM events ORDER BY 1", "--db", str(db),
                         "--format", "pipes"])
    assert res.output == "cameo_code|x\n036|-\n163|-\n"
    res = r.invoke(app, ["dyad", "TUR", "USA", "--by", "month", "--db", str(db), "--format", "pipes"])
    assert res.exit_code == 0 and res.output.splitlines()[:3] == [
        "period|events|q1|q2|q3|q4|goldstein_mean", "2025-03-01|1|1|0|0|0|4.0", "2025-04-01|1|0|0|0|1|-8.0"]
    res = r.invoke(app, ["code", str(corpus), "--format", "pipes", "--quiet"])
    lines = res.stdout.splitlines()
    assert res.exit_code == 0 and lines[0].startswith("event_id|article_id|") and len(lines) == 3


def test_output_formats_unknown_is_one_error_line_naming_the_plug_ins(pipes, db):
    res = CliRunner().invoke(app, ["events", "--db", str(db), "--format", "xml"])
    assert res.exit_code == 2
    assert res.output.strip() == "detente: error: [E400] unknown format 'xml': choose one of table, csv, jsonl, pipes"
    with pytest.raises(UsageError, match="not a detente.output.OutputFormat"):
        registry.output_formats.register("bare", func=write_pipes)
        try:
            output_format("bare")
        finally:
            catalogue.REGISTRY.pop(("detente", "output_formats", "bare"), None)


def test_output_formats_found_through_the_entry_point(db, monkeypatch):
    """A package declaring ``detente_output_formats`` is found without being imported first."""
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", EntryPoints([
        EntryPoint(name="pipes", value="test_output_formats:PIPES", group="detente_output_formats")]))
    try:
        assert "pipes" in output_format_names()
        res = CliRunner().invoke(app, ["query", "SELECT 1 AS one", "--db", str(db), "--format", "pipes"])
        assert res.output == "one\n1\n"
    finally:
        catalogue.REGISTRY.pop(("detente", "output_formats", "pipes"), None)
