"""Guarded read-only queries."""
from __future__ import annotations

import pytest
from conftest import article

from detente.errors import StoreError
from detente.store import Store
from detente.store.query_guard import check_read_only

ALLOWED = [
    "SELECT count(*) FROM events",
    "select * from events where source_code = 'DROP TABLE x; --'",
    "WITH x AS (SELECT 1 AS a) SELECT a FROM x;",
    "DESCRIBE events",
    "SHOW TABLES",
    "EXPLAIN SELECT * FROM mentions",
    "SELECT replace(source_name, 'a', 'b') AS created_by FROM events -- comment; DROP TABLE x",
    "SELECT \"at\" FROM rejects",
]

REFUSED = [
    ("", "empty"),
    ("DROP TABLE events", "DROP"),
    ("DELETE FROM events", "DELETE"),
    ("INSERT INTO events SELECT * FROM events", "INSERT"),
    ("UPDATE events SET goldstein = 0", "UPDATE"),
    ("CREATE TABLE x AS SELECT 1", "CREATE"),
    ("ATTACH '/tmp/other.db' AS o", "ATTACH"),
    ("COPY events TO '/tmp/out.csv'", "COPY"),
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD httpfs", "LOAD"),
    ("PRAGMA database_list", "PRAGMA"),
    ("SET threads = 1", "SET"),
    ("EXPORT DATABASE '/tmp/x'", "EXPORT"),
    ("CALL pragma_version()", "CALL"),
    ("SELECT 1; DROP TABLE events", "one statement"),
    ("SELECT * FROM read_csv('/etc/passwd')", "read_csv"),
    ("SELECT * FROM read_parquet('x.parquet')", "read_parquet"),
    ("SELECT * FROM read_text('/etc/passwd')", "read_text"),
    ("SELECT * FROM glob('/etc/*')", "glob"),
    ("SELECT * FROM 'data.csv'", "string literal as a table"),
    ("SELECT * FROM query('DROP TABLE events')", "query"),
    ("WITH x AS (SELECT 1) INSERT INTO events SELECT * FROM x", "INSERT"),
    ("SELECT 'unterminated", "unterminated"),
]


@pytest.mark.parametrize("sql", ALLOWED)
def test_query_guard_allows_read_only(sql):
    assert check_read_only(sql)


@pytest.mark.parametrize("sql,why", REFUSED)
def test_query_guard_refuses(sql, why):
    with pytest.raises(StoreError, match=why):
        check_read_only(sql)


@pytest.fixture
def filled(tmp_path, coder):
    path = tmp_path / "q.duckdb"
    with Store(path) as s:
        s.ingest([article("a", "EVENT TURGOV USAGOV 036 2025-03-25 day")], coder)
    return path


def test_store_query_read_only_returns_rows_and_columns(filled):
    with Store(filled, read_only=True) as s:
        res = s.query("SELECT source_code, num_mentions FROM events WHERE cameo_code = ?", ["036"])
    assert res.columns == ["source_code", "num_mentions"]
    assert list(res) == [("TURGOV", 1)]


@pytest.mark.parametrize("read_only", [True, False])
def test_store_query_refusals_change_nothing(filled, read_only):
    with Store(filled, read_only=read_only) as s:
        for sql, _ in REFUSED[1:]:
            with pytest.raises(StoreError):
                s.query(sql)
        assert s.query("SELECT count(*) FROM events")[0][0] == 1


def test_store_query_cannot_read_files_even_past_the_guard(filled, tmp_path):
    (tmp_path / "secret.csv").write_text("a\n1\n")
    with Store(filled, read_only=True) as s:
        # a quoted identifier slips past the text guard; the connection itself has no file access
        with pytest.raises(StoreError, match="query failed"):
            s.query(f'SELECT * FROM "{tmp_path / "secret.csv"}"')


def test_store_query_bad_sql_is_a_store_error(filled):
    with Store(filled, read_only=True) as s:
        with pytest.raises(StoreError):
            s.query("SELECT nope FROM nowhere")


@pytest.mark.parametrize("read_only", [True, False])
def test_store_query_row_cap_says_when_it_truncates(filled, read_only):
    with Store(filled, read_only=read_only) as s:
        capped = s.query("SELECT * FROM range(10)", max_rows=3)
        assert list(capped) == [(0,), (1,), (2,)] and capped.truncated
        exact = s.query("SELECT * FROM range(3)", max_rows=3)
        assert len(exact) == 3 and not exact.truncated
        assert not s.query("SELECT * FROM range(10)").truncated  # no cap: every row


@pytest.mark.parametrize("read_only", [True, False])
def test_store_query_time_limit_interrupts_and_the_store_stays_usable(filled, read_only):
    from detente.store.store import QueryTimeout

    with Store(filled, read_only=read_only) as s:
        with pytest.raises(QueryTimeout, match="interrupted after 0.2 s"):
            s.query("SELECT count(*) FROM range(100000000) a, range(100000) b", timeout_s=0.2)
        assert s.query("SELECT count(*) FROM events", timeout_s=5)[0][0] == 1
