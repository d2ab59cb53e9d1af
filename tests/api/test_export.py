"""GET /api/export: the whole view (the /api/events filters) as CSV, JSON lines or Parquet."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from detente.api.routers import export


def _all_ids(client, params):
    ids, cursor = [], None
    while True:
        page = client.get("/api/events", params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        ids += [e["event_id"] for e in page["events"]]
        if not (cursor := page["next_cursor"]):
            return ids


@pytest.mark.parametrize("params", [{}, {"dyad": "TUR-USA"}, {"source": "TUR", "sort": "-goldstein"},
                                    {"type": "CONSULT", "since": "2025-03-01"}, {"q": "zzqxv no such words"}])
def test_csv_holds_exactly_the_events_of_the_view_in_its_order(client, params):
    r = client.get("/api/export", params={**params, "format": "csv"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["event_id"] for row in rows] == _all_ids(client, params)
    assert int(r.headers["x-event-count"]) == len(rows)
    listed = client.get("/api/events", params={**params, "format": "csv", "limit": 500}).text
    assert r.text.splitlines()[0] == listed.splitlines()[0]  # the same columns as the /api/events CSV


def test_export_pages_through_views_larger_than_a_page(client, monkeypatch):
    monkeypatch.setattr(export, "PAGE", 3)
    lines = client.get("/api/export", params={"format": "jsonl", "sort": "-date"}).text.splitlines()
    assert [json.loads(x)["event_id"] for x in lines] == _all_ids(client, {"sort": "-date"})
    assert len(lines) == client.get("/api/events").json()["total"] > 3


def test_jsonl_lines_are_the_api_events(client):
    r = client.get("/api/export", params={"format": "jsonl", "dyad": "TUR-USA"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in r.text.splitlines()]
    page = client.get("/api/events", params={"dyad": "TUR-USA", "limit": 500}).json()
    assert events == page["events"]


def test_parquet_is_typed_and_readable(client):
    r = client.get("/api/export", params={"format": "parquet", "country": "UKR"})
    assert r.status_code == 200
    table = pq.read_table(io.BytesIO(r.content))
    expected = client.get("/api/events", params={"country": "UKR", "limit": 500}).json()["events"]
    assert table.num_rows == len(expected) == int(r.headers["x-event-count"]) > 0
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("num_mentions").type) == "int64"
    assert table.column("event_id").to_pylist() == [e["event_id"] for e in expected]


def test_empty_view_is_a_valid_empty_file(client):
    params = {"q": "zzqxv no such words"}
    assert client.get("/api/export", params={**params, "format": "csv"}).text.count("\n") == 1  # header only
    assert client.get("/api/export", params={**params, "format": "jsonl"}).text == ""
    empty = pq.read_table(io.BytesIO(client.get("/api/export", params={**params, "format": "parquet"}).content))
    assert empty.num_rows == 0 and "event_id" in empty.column_names


@pytest.mark.parametrize("params, word", [({"format": "xml"}, "format"), ({"since": "2025-04-01", "until": "2025-01-01"}, "after"),
                                          ({"sort": "name"}, "sort"), ({"root": "4"}, "root")])
def test_bad_parameters_answer_422_with_the_reason(client, params, word):
    r = client.get("/api/export", params=params)
    assert r.status_code == 422
    assert word in r.json()["detail"]


def test_openapi_lists_export(client):
    spec = client.get("/openapi.json").json()
    op = spec["paths"]["/api/export"]["get"]
    assert {"format", "sort", "dyad", "min_confidence"} <= {p["name"] for p in op["parameters"]}
