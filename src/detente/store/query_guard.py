"""Refuse any SQL that is not one read-only query, before it reaches DuckDB.

Defence in depth: the read-only connection is also opened with file-system access disabled and its
configuration locked, so a query that slips past these checks still cannot read or write files.
"""
from __future__ import annotations

import re

from ..errors import StoreError

#: Statement keywords a query may start with.
ALLOWED_START = frozenset({"SELECT", "WITH", "DESCRIBE", "SHOW", "EXPLAIN", "SUMMARIZE", "FROM", "VALUES",
                           "TABLE", "("})

#: Keywords that change state or reach outside the database; refused anywhere outside string literals.
FORBIDDEN_KEYWORDS = frozenset({
    "ATTACH", "DETACH", "COPY", "INSTALL", "LOAD", "PRAGMA", "SET", "RESET", "CREATE", "INSERT", "UPDATE",
    "DELETE", "DROP", "ALTER", "EXPORT", "IMPORT", "CALL", "CHECKPOINT", "VACUUM", "USE", "BEGIN",
    "COMMIT", "ROLLBACK", "TRUNCATE", "MERGE", "UPSERT", "GRANT",
})

#: Table/scalar functions that read files, run nested SQL or expose the environment.
FORBIDDEN_FUNCTIONS = frozenset({
    "read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "parquet_metadata", "parquet_schema",
    "parquet_file_metadata", "parquet_kv_metadata", "read_json", "read_json_auto", "read_json_objects",
    "read_ndjson", "read_ndjson_auto", "read_ndjson_objects", "read_text", "read_blob", "glob",
    "sniff_csv", "read_xlsx", "st_read", "iceberg_scan", "delta_scan", "sqlite_scan", "sqlite_attach",
    "postgres_scan", "mysql_scan", "query", "query_table", "getenv", "duckdb_secrets", "load_aws_credentials",
    "read_duckdb", "http_get", "csv_scan",
})

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A string literal used as a table (DuckDB "replacement scan": FROM 'file.csv').
_FILE_AS_TABLE = re.compile(r"\b(FROM|JOIN)\s*(\(\s*)?'", re.I)


def _strip(sql: str) -> str:
    """SQL with comments removed and string literals / quoted identifiers emptied ('' and "")."""
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j
            out.append(" ")
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            if j < 0:
                raise StoreError("unterminated comment")
            i = j + 2
            out.append(" ")
        elif ch in "'\"":
            j = i + 1
            while True:
                j = sql.find(ch, j)
                if j < 0:
                    raise StoreError("unterminated string literal")
                if sql.startswith(ch * 2, j):
                    j += 2
                    continue
                break
            out.append(ch * 2)
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def check_read_only(sql: str) -> str:
    """Return the statement (without a trailing ``;``) or raise StoreError saying why it is refused."""
    if not sql or not sql.strip():
        raise StoreError("empty query")
    bare = _strip(sql).strip()
    if bare.endswith(";"):
        bare = bare[:-1].rstrip()
    if ";" in bare:
        raise StoreError("only one statement is allowed")
    words = _WORD.findall(bare)
    first = "(" if bare.startswith("(") else (words[0].upper() if words else "")
    if first not in ALLOWED_START:
        raise StoreError(f"only read-only queries are allowed (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN), "
                         f"not {first or '?'}")
    for w in words:
        if w.upper() in FORBIDDEN_KEYWORDS:
            raise StoreError(f"{w.upper()} is not allowed in a query")
    for m in re.finditer(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(", bare):
        if m.group(1).lower() in FORBIDDEN_FUNCTIONS:
            raise StoreError(f"function {m.group(1)}() is not allowed in a query")
    if _FILE_AS_TABLE.search(bare):
        raise StoreError("reading files (a string literal as a table) is not allowed")
    stripped = sql.strip()
    return stripped[:-1].rstrip() if stripped.endswith(";") else stripped
