"""Exports parse back with the right column count, types and a known event."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from conftest import article

from detente.errors import UsageError
from detente.store import EventFilters, Store
from detente.store.exporters import GDELT_COLUMNS, export_events, gdelt_id, gdelt_row, plover_record


@pytest.fixture
def filled(tmp_path, coder):
    with Store(tmp_path / "x.duckdb") as s:
        s.ingest([
            article("ap", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT TUR USA 172 2025-03-20 day mode=future",
                    source="AP", url="https://ap.example/talks"),
            article("rt", "EVENT TURGOV USAGOV 0361 2025-03-26 day loc=USA lat=38.9 lon=-77.0", source="Reuters"),
            article("ru", "EVENT RUSMIL UKR 190 2025-03-10 day loc=UKR", source="AFP"),
        ], coder)
        yield s


def _meeting(s):
    return next(r for r in s.event_rows() if r["cameo_code"] == "036")


def test_exporters_gdelt_61_columns_and_types(filled, tmp_path):
    out = tmp_path / "ev.tsv"
    assert export_events(filled, "gdelt", out) == 3
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert len(rows) == 3 and all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for r in rows:
        int(r[col["GLOBALEVENTID"]])
        assert len(r[col["SQLDATE"]]) == 8 and r[col["SQLDATE"]].isdigit()
        float(r[col["GoldsteinScale"]]), float(r[col["FractionDate"]]), float(r[col["AvgTone"]])
        assert r[col["QuadClass"]] in "1234" and len(r[col["DATEADDED"]]) == 14
    ev = _meeting(filled)
    (row,) = [r for r in rows if r[col["GLOBALEVENTID"]] == str(gdelt_id(ev["event_id"]))]
    assert row[col["SQLDATE"]] == "20250325" and row[col["MonthYear"]] == "202503" and row[col["Year"]] == "2025"
    assert row[col["Actor1Code"]] == "TURGOV" and row[col["Actor1CountryCode"]] == "TUR"
    assert row[col["Actor1Type1Code"]] == "GOV" and row[col["Actor2Code"]] == "USAGOV"
    assert (row[col["EventCode"]], row[col["EventBaseCode"]], row[col["EventRootCode"]]) == ("036", "036", "03")
    assert (row[col["NumMentions"]], row[col["NumSources"]], row[col["NumArticles"]]) == ("2", "2", "2")
    assert row[col["IsRootEvent"]] == "1"  # first event-bearing sentence of its article
    assert row[col["ActionGeo_CountryCode"]] == "USA" and float(row[col["ActionGeo_Lat"]]) == 38.9
    assert row[col["SOURCEURL"]] == "https://ap.example/talks"


def test_exporters_gdelt_row_is_pure_and_sanitises_tabs():
    row = {"event_id": "0123456789abcdef", "date": None, "source_name": "A\tB", "source_code": "X"}
    fields = gdelt_row(row)
    assert len(fields) == 61 and all("\t" not in f for f in fields)
    assert gdelt_row(row) == fields


def test_exporters_plover_fields(filled, tmp_path):
    out = tmp_path / "ev.jsonl"
    export_events(filled, "plover", out)
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == 3
    for rec in recs:
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
                "text"} <= rec.keys()
        assert isinstance(rec["actor"], list) and isinstance(rec["event"], list)
    meet = next(r for r in recs if r["cameo_code"] == "036")
    assert meet["date"] == "2025-03-25" and meet["event"] == ["AGREE"]
    assert meet["actor"][0]["code"] == "TUR" and meet["actor"][0]["sector"] == "GOV"
    assert meet["recipient"][0]["code"] == "USA"
    assert meet["event_loc"]["country_code"] == "USA" and meet["num_articles"] == 2
    future = next(r for r in recs if r["cameo_code"] == "172")
    assert future["mode"] == ["future"]
    assert plover_record(_meeting(filled)) == meet


def test_exporters_csv_and_parquet_round_trip(filled, tmp_path):
    export_events(filled, "csv", tmp_path / "ev.csv")
    with open(tmp_path / "ev.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3
    assert {"event_id", "date", "num_mentions", "source_url"} <= rows[0].keys()
    meet = next(r for r in rows if r["cameo_code"] == "036")
    assert meet["date"] == "2025-03-25" and int(meet["num_mentions"]) == 2 and float(meet["goldstein"]) == 4.0
    export_events(filled, "parquet", tmp_path / "ev.parquet")
    table = pq.read_table(tmp_path / "ev.parquet")
    assert table.num_rows == 3 and table.schema.field("num_mentions").type.bit_width == 32
    assert str(table.schema.field("date").type) == "date32[day]"
    assert table.column_names == list(rows[0].keys())


def test_exporters_apply_filters_and_write_atomically(filled, tmp_path):
    out = tmp_path / "f.tsv"
    n = export_events(filled, "gdelt", out, EventFilters(country="UKR"))
    assert n == 1 and out.read_text().count("\n") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(UsageError):
        export_events(filled, "xml", tmp_path / "x")
    with pytest.raises(UsageError):
        export_events(filled, "csv", tmp_path / "missing" / "x.csv")
