"""Tables fit the terminal (issue #15): at COLUMNS=80 no line is wider than 80, the columns that matter
most stay and a caption names the others; COLUMNS=160 shows more."""
from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from detente.cli import app
from detente.cli.tables import EVENT_COLUMNS, Column, fit_columns

pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


@pytest.fixture
def db(tmp_path):
    lines = ["EVENT TURGOVMILSPECIALUNIT USAGOVDIPLOMATICCORPS 036 2025-03-25 day loc=USA",
             "EVENT USA TUR 163 2019-01-01 year", "EVENT RUSMIL UKR 190 2025-02-10 day loc=UKR"]
    recs = [{"id": str(i), "date": "2025-03-26", "text": f"Officials met in story {i}.\n{line}"}
            for i, line in enumerate(lines)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs))
    path = tmp_path / "s.duckdb"
    assert CliRunner().invoke(app, ["ingest", str(src), "--db", str(path), "--quiet"]).exit_code == 0
    return path


def _table(args: list[str], columns: int, monkeypatch) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    return res.stdout


def _header(out: str) -> list[str]:
    line = next(x for x in out.splitlines() if x.startswith("┃"))
    return [cell.strip() for cell in line.strip("┃").split("┃")]


def test_tables_events_fit_80_columns_and_grow_at_160(db, monkeypatch):
    narrow = _table(["events", "--db", str(db)], 80, monkeypatch)
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80, narrow
    head = _header(narrow)
    assert head[:5] == ["date", "source", "target", "CAMEO", "PLOVER"]  # the first priorities, in display order
    assert "trigger" not in head and "not shown at this width" in narrow and "trigger" in narrow
    assert re.search(r"│ TURGOVMIL\w*… ", narrow)  # a long code is cut with an ellipsis
    assert "│ 2019 " in narrow  # dates at their precision
    wide = _table(["events", "--db", str(db)], 160, monkeypatch)
    assert max(cell_len(line) for line in wide.splitlines()) <= 160
    assert set(_header(wide)) > set(head) and "trigger" in _header(wide) and "place" in _header(wide)
    assert "not shown at this width" not in wide


def test_tables_query_fits_80_columns(db, monkeypatch):
    out = _table(["query", "SELECT * FROM events", "--db", str(db)], 80, monkeypatch)
    assert max(cell_len(line) for line in out.splitlines()) <= 80, out
    assert _header(out)[0] == "event_id" and "not shown at this width" in out


def test_tables_dyad_fits_80_columns(db, monkeypatch):
    out = _table(["dyad", "TUR", "USA", "--by", "year", "--db", str(db)], 80, monkeypatch)
    assert max(cell_len(line) for line in out.splitlines()) <= 80, out
    assert "│ 2019 " in out and "│ 2025 " in out  # periods as people write them


def test_tables_fit_columns_by_priority():
    cols = [Column("a", "a", 3), Column("b", "b", 1, min_width=4, max_width=30), Column("c", "c", 2),
            Column("t", "text", 4, min_width=8, max_width=40, flexible=True)]
    rows = [["aaaa", "b" * 30, "cc", "t" * 40]]
    assert fit_columns(cols, rows, 200) == {"a": 4, "b": 30, "c": 2, "t": 40}  # room for all: natural widths
    narrow = fit_columns(cols, rows, 30)
    assert set(narrow) == {"b", "c", "a"}  # the flexible text column has the lowest priority here
    assert sum(narrow.values()) + 3 * len(narrow) + 1 <= 30
    assert narrow["b"] > 4  # the room left widens the narrowed column
    assert fit_columns(cols, rows, 5) == {}  # nothing fits: an empty table, not an error


def test_tables_event_columns_keep_the_brief_order():
    by_priority = [c.key for c in sorted(EVENT_COLUMNS, key=lambda c: c.priority)]
    assert by_priority[:5] == ["date", "source_code", "target_code", "plover_type", "cameo_code"]
    assert by_priority[-1] == "trigger"


def test_tables_a_file_written_with_out_is_wide(db, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = tmp_path / "events.txt"
    res = CliRunner().invoke(app, ["events", "--db", str(db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert "trigger" in _header(text) and "TURGOVMILSPECIALUNIT" in text


def test_tables_no_line_over_80_in_code_table(monkeypatch, tmp_path):
    from detente.cli.coding import CODE_TABLE, code_table_rows
    from detente.cli.tables import fitted_table
    from detente.testing.events import make_event
    from rich.console import Console

    events = [make_event(cameo="163", source="USAGOVDIPLOMATICCORPS", target="IRNMILREVOLUTIONARYGUARD",
                         trigger="announced a sweeping and very long list of sanctions on")]
    console = Console(width=80, file=open(tmp_path / "t.txt", "w"))
    console.print(fitted_table(CODE_TABLE, code_table_rows(events), 80))
    console.file.close()
    lines = (tmp_path / "t.txt").read_text().splitlines()
    assert max(cell_len(x) for x in lines) <= 80 and any("date" in x for x in lines)


def test_tables_columns_env_ignored_when_not_a_number(db, monkeypatch):
    out = _table(["events", "--db", str(db)], 0, monkeypatch)  # COLUMNS=0: not a width; pipes are drawn wide
    assert "trigger" in _header(out)

