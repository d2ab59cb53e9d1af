"""One event SELECT, one dyad timeline, one CSV writer: the readers that share them agree."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from conftest import article
from typer.testing import CliRunner

from detente.cli import app
from detente.output import csv_cell, csv_header, to_csv_rows, to_jsonl, write_csv, write_jsonl
from detente.store import Store
from detente.store.read_api import EventQuery


@pytest.fixture
def db(tmp_path, coder):
    path = tmp_path / "q.duckdb"
    with Store(path) as s:
        s.ingest([
            article("ap", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT USA TUR 163 2025-01-02 day",
                    "EVENT TUR USA 172 2025-04-20 day mode=future"),
            article("rt", "EVENT TURGOV USAGOV 0361 2025-03-26 day loc=USA", source="Reuters"),
            article("af", "EVENT USAGOV TURGOV 042 2024-12-30 day", "EVENT TUR USA 111 - day", source="AFP"),
        ], coder)
    return path


def test_one_select_api_page_and_detail_carry_the_export_columns(db):
    with Store(db, read_only=True) as s:
        exported = {r["event_id"]: r for r in s.event_rows()}
        page, nxt = s.events_page(EventQuery(limit=100))
        detail = s.event_detail(page[0]["event_id"])
    assert nxt is None and len(page) == len(exported)
    for row in page:  # every export column but is_root, same values; plus the API's two names
        want = {k: v for k, v in exported[row["event_id"]].items() if k != "is_root"}
        assert {k: row[k] for k in want} == want
        assert (row["article_id"], row["article_url"]) == (row["anchor_article_id"], row["source_url"])
    assert detail is not None and {m["mention_id"] for m in detail["mentions"]} >= {detail["anchor_mention_id"]}


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_one_timeline_frame_and_series_agree(db, by):
    with Store(db, read_only=True) as s:
        frame = s.dyad_timeline("TUR", "USA", by=by)
        series = s.dyad_series("TUR", "USA", by=by)
    dated = {p["period"]: p["total"] for p in series if p["total"]["events"]}
    assert [dt.date.fromisoformat(str(p)[:10]) for p in frame.period] == sorted(dated)
    for row in frame.itertuples():
        total = dated[dt.date.fromisoformat(str(row.period)[:10])]
        assert (row.events, row.mentions, row.q1, row.q2, row.q3, row.q4) == tuple(
            total[k] for k in ("events", "mentions", "q1", "q2", "q3", "q4"))
        assert row.goldstein_mean == pytest.approx(total["goldstein_mean"], abs=0.006)
    # the two reports of the 036 meeting are one event; the undated and the future events are left out
    assert (sum(frame.events), sum(frame.mentions)) == (3, 4)


def test_one_csv_writer_events_and_export_agree(db):
    r = CliRunner()
    events = r.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    export = r.invoke(app, ["export", "--db", str(db), "--format", "csv", "--out", "-"])
    assert events.exit_code == 0 and export.exit_code == 0
    assert events.output == export.output
    rows = list(csv.DictReader(io.StringIO(export.output)))
    assert len(rows) == 5 and {r["date"] for r in rows} >= {"2025-03-25", ""}  # ISO dates, undated empty


def test_write_csv_cells_quoting_and_count():
    buf = io.StringIO()
    n = write_csv(buf, ["a", "b", "c"], [[None, dt.date(2025, 3, 1), 'say "hi", then go'], [True, 1.5, "x\ny"]])
    assert n == 2
    assert buf.getvalue() == 'a,b,c\n,2025-03-01,"say ""hi"", then go"\nTrue,1.5,"x\ny"\n'
    assert list(csv.reader(io.StringIO(buf.getvalue())))[2] == ["True", "1.5", "x\ny"]
    buf = io.StringIO()
    write_csv(buf, None, [[True, None]], cell=lambda v: "" if v is None else str(v).lower())
    assert buf.getvalue() == "true,\n"
    assert csv_cell(dt.datetime(2025, 3, 1, 12, 30)) == "2025-03-01T12:30:00"


def test_write_csv_code_output_is_header_then_rows(coder):
    events = coder.code(article("c", "EVENT TURGOV USAGOV 036 2025-03-25 day"))
    text = csv_header() + to_csv_rows(events)
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert row["source_code"] == "TURGOV" and row["date"] == "2025-03-25"
    assert list(row) == csv_header().strip().split(",")


def test_one_jsonl_writer_events_and_export_agree(db):
    r = CliRunner()
    events = r.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    export = r.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "--out", "-"])
    assert events.exit_code == 0 and export.exit_code == 0 and events.output == export.output
    rows = [json.loads(line) for line in export.output.splitlines()]
    assert len(rows) == 5 and rows[0]["date"] == "2024-12-30" and rows[-1]["date"] is None


def test_write_jsonl_values_and_code_output(coder):
    buf = io.StringIO()
    n = write_jsonl(buf, ["d", "x", "s"], [[dt.date(2025, 3, 1), float("nan"), "Türkiye"]])
    assert n == 1 and buf.getvalue() == '{"d": "2025-03-01", "x": null, "s": "Türkiye"}\n'
    events = coder.code(article("c", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT USA TUR 163 - day"))
    assert to_jsonl(events) == "".join(json.dumps(e.to_row(), ensure_ascii=False) + "\n" for e in events)
