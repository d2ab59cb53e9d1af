"""The GDELT export writes dates at their precision (issue #15: a year-only event came out as 20190101):
each of SQLDATE, MonthYear, Year, FractionDate is filled only when the event's period lies in one of
its units (docs/store.md, Exports)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.store.exporters import GDELT_COLUMNS, gdelt_dates

DATE_FIELDS = ("SQLDATE", "MonthYear", "Year", "FractionDate")


@pytest.mark.parametrize(("date", "precision", "fields"), [
    (dt.date(2019, 10, 9), "day", ["20191009", "201910", "2019", "2019.7699"]),
    (dt.date(2019, 10, 9), "publication", ["20191009", "201910", "2019", "2019.7699"]),
    (dt.date(2019, 10, 9), None, ["20191009", "201910", "2019", "2019.7699"]),
    (dt.date(2019, 10, 1), "month", ["", "201910", "2019", ""]),
    (dt.date(2019, 1, 1), "year", ["", "", "2019", ""]),
    (dt.date(2019, 10, 7), "week", ["", "201910", "2019", ""]),
    (dt.date(2019, 10, 28), "week", ["", "", "2019", ""]),  # runs into November
    (dt.date(2019, 12, 30), "week", ["", "", "", ""]),  # runs into 2020
    (None, None, ["", "", "", ""]),
])
def test_gdelt_dates_at_their_precision(date, precision, fields):
    assert gdelt_dates(date, precision) == fields


@pytest.mark.usefixtures("fake_coder")
def test_gdelt_export_of_year_and_month_events(tmp_path):
    # three kinds of event (dedup would merge one event told at three precisions)
    recs = [{"id": p, "date": "2025-03-26", "text": f"Officials met in story {p}.\nEVENT TUR USA {c} {d} {p}"}
            for p, c, d in (("year", "036", "2019-01-01"), ("month", "190", "2019-10-01"), ("day", "163", "2019-10-09"))]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs))
    db, out = tmp_path / "s.duckdb", tmp_path / "events.tsv"
    assert CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--quiet"]).exit_code == 0
    res = CliRunner().invoke(app, ["export", "--format", "gdelt", "--out", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    col = [GDELT_COLUMNS.index(f) for f in DATE_FIELDS]
    rows = sorted([[line.split("\t")[i] for i in col] for line in out.read_text().splitlines()], key=str)
    assert rows == sorted([["", "", "2019", ""], ["", "201910", "2019", ""],
                           ["20191009", "201910", "2019", "2019.7699"]], key=str)
