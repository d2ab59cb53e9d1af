"""GET /api/sql: one read-only query through the `detente query` guard, with a row cap and a time limit."""
from __future__ import annotations

import csv
import io
import time

import pytest


def _sql(client, sql, **params):
    return client.get("/api/sql", params={"sql": sql, **params})


def test_json_answer_has_columns_rows_and_truncated(client):
    r = _sql(client, "SELECT plover_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1 LIMIT 2")
    assert r.status_code == 200, r.text
    assert r.json() == {"columns": ["plover_type", "n"], "rows": [["CONSULT", 3], ["ACCUSE", 2]], "truncated": False}


def test_values_become_json(client):
    r = _sql(client, "SELECT DATE '2025-03-26' AS d, 1.5::DECIMAL(4,2) AS x, 'nan'::DOUBLE AS nan, "
                     "[1, 2] AS l, NULL AS nothing, true AS b")
    assert r.json()["rows"] == [["2025-03-26", 1.5, None, [1, 2], None, True]]


@pytest.mark.parametrize("statement, reason", [
    ("DROP TABLE events", "not DROP"),
    ("INSERT INTO rejects VALUES ('x', 'y', 'z', 'E100', now())", "not INSERT"),
    ("ATTACH 'other.duckdb' AS other", "not ATTACH"),
    ("COPY events TO 'out.csv'", "not COPY"),
    ("PRAGMA database_list", "not PRAGMA"),
    ("SELECT 1; SELECT 2", "only one statement"),
    ("SELECT * FROM read_csv('/etc/passwd')", "read_csv() is not allowed"),
    ("SELECT * FROM 'events.csv'", "reading files"),
    ("SELECT nonsense FROM events", "query failed"),
])
def test_refused_statements_answer_400_with_the_reason(client, statement, reason):
    r = _sql(client, statement)
    assert r.status_code == 400, r.text
    assert reason in r.json()["detail"]
    assert _sql(client, "SELECT count(*) FROM events").json()["rows"] == [[13]]  # nothing changed


def test_row_cap_truncates(client):
    r = _sql(client, "SELECT * FROM range(5000)")
    assert len(r.json()["rows"]) == 1000 and r.json()["truncated"] is True
    r = _sql(client, "SELECT * FROM range(5000)", max_rows=10)
    assert [row[0] for row in r.json()["rows"]] == list(range(10)) and r.json()["truncated"] is True
    assert _sql(client, "SELECT * FROM range(10)", max_rows=10).json()["truncated"] is False


def test_row_cap_has_a_hard_maximum(client):
    assert _sql(client, "SELECT 1", max_rows=10_001).status_code == 422
    assert _sql(client, "SELECT 1", max_rows=0).status_code == 422


def test_slow_query_is_interrupted_with_408(analysis_client):
    start = time.perf_counter()
    r = _sql(analysis_client, "SELECT count(*) FROM range(100000000) a, range(100000) b")
    assert r.status_code == 408, r.text
    assert "interrupted after 0.5 s" in r.json()["detail"]
    assert time.perf_counter() - start < 10
    assert _sql(analysis_client, "SELECT 42").json()["rows"] == [[42]]  # the server still answers


def test_csv_with_accept_or_format(client):
    sql = "SELECT event_id, date, factual FROM events ORDER BY event_id LIMIT 3"
    for r in (_sql(client, sql, format="csv"), client.get("/api/sql", params={"sql": sql},
                                                            headers={"Accept": "text/csv"})):
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["event_id", "date", "factual"] and len(rows) == 4
        assert rows[1][2] in ("true", "false")
        assert r.headers["x-truncated"] == "false"


def test_empty_sql_is_refused(client):
    assert client.get("/api/sql").status_code == 422
    assert _sql(client, "   ").status_code == 400
