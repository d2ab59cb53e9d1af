"""`detente dyad` counts undated events and says what it leaves out (issue #15: `dyad GBR USA --by year`
printed 1 event while the store held 57 GBR-USA events, most of them undated; `dyad TUR USA` said 24
where `events --dyad TUR USA` listed 25, a non-factual event)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli import app

pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


@pytest.fixture
def db(tmp_path):
    def rec(i, line, date="2025-03-26"):
        r = {"id": i, "text": f"Officials met in story {i}.\n{line}"}
        return r | ({"date": date} if date else {})

    recs = [rec("d1", "EVENT GBRGOV USAGOV 036 2025-03-25 day"),
            rec("y1", "EVENT GBR USA 036 2019-01-01 year"),
            rec("n1", "EVENT USAGOV GBRGOV 036 2025-03-20 day mode=negation"),
            *(rec(f"u{i}", f"EVENT {'GBR USA' if i % 2 else 'USA GBR'} {'036' if i < 3 else '190'} - day", date=None)
              for i in range(5)),
            rec("x", "EVENT RUS UKR 190 - day", date=None)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs))
    path = tmp_path / "s.duckdb"
    assert CliRunner().invoke(app, ["ingest", str(src), "--db", str(path), "--quiet"]).exit_code == 0
    return path


def _events(db, *extra) -> int:
    res = CliRunner().invoke(app, ["events", "--dyad", "GBR", "USA", "--db", str(db), "--format", "jsonl", *extra])
    assert res.exit_code == 0, res.output
    return len(res.stdout.splitlines())


def test_dyad_shows_undated_row_and_explains_the_events_count(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    res = CliRunner().invoke(app, ["dyad", "GBR", "USA", "--by", "year", "--db", str(db)])
    assert res.exit_code == 0, res.output
    out = res.stdout
    text = " ".join(out.split())  # the caption wraps at the table's width
    assert "GBR ↔ USA by year: 2 events + 5 undated" in out
    undated = next(line for line in out.splitlines() if "undated " in line and line.startswith("│"))
    assert [c.strip() for c in undated.strip("│").split("│")][:6] == ["undated", "5", "3", "0", "0", "2"]
    assert "left out: 5 undated (no date: in no period); 1 not factual (negated, future or hypothetical)" in text
    assert f"`detente events --dyad GBR USA` lists all {_events(db)}." in text and _events(db) == 8  # 2 dated + 5 undated + 1 negated


def test_dyad_caption_counts_match_events_with_a_date_range(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    res = CliRunner().invoke(app, ["dyad", "GBR", "USA", "--by", "year", "--since", "2025-01-01", "--db", str(db)])
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "by year: 1 event + 5 undated" in text
    assert f"--since 2025-01-01` lists all {_events(db, '--since', '2025-01-01')}." in text  # 1 dated + 1 negated


def test_dyad_coarse_dates_are_flagged_by_month(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    res = CliRunner().invoke(app, ["dyad", "GBR", "USA", "--by", "month", "--db", str(db)])
    assert "1 of the dated events are known only to a longer period than a month" in " ".join(res.stdout.split())
    res = CliRunner().invoke(app, ["dyad", "GBR", "USA", "--by", "year", "--db", str(db)])
    assert "known only to a longer period" not in res.stdout


def test_dyad_machine_formats_keep_stdout_clean_and_say_the_rest_on_stderr(db):
    res = CliRunner().invoke(app, ["dyad", "GBR", "USA", "--by", "year", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["period,events,q1,q2,q3,q4,goldstein_mean", "2019-01-01,1,1,0,0,0,4.0",
                                       "2025-01-01,1,1,0,0,0,4.0"]
    assert "5 undated" in res.stderr and "1 not factual" in res.stderr


def test_dyad_directed_counts_one_direction(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    res = CliRunner().invoke(app, ["dyad", "GBR", "USA", "--directed", "--db", str(db)])
    assert res.exit_code == 0, res.output
    text = " ".join(res.stdout.split())
    assert "+ 2 undated" in text  # u1, u3: GBR acting on USA
    assert f"--directed` lists all {_events(db, '--directed')}." in text


def test_dyad_without_undated_or_nonfactual_events_says_nothing_more(db):
    res = CliRunner().invoke(app, ["dyad", "RUS", "UKR", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0 and "1 undated" in res.stderr
    res = CliRunner().invoke(app, ["dyad", "FRA", "DEU", "--db", str(db)])
    assert res.exit_code == 0 and "left out" not in res.stdout


def test_events_table_says_undated(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    res = CliRunner().invoke(app, ["events", "--dyad", "GBR", "USA", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert sum(line.startswith("│ undated ") for line in res.stdout.splitlines()) == 5  # u0-u4; n1 is dated
