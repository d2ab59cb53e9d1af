"""Named schema migrations, applied once each and recorded in ``_migrations`` (sqlite-utils style).

To change the schema, append a new function to ``MIGRATIONS``; never edit one that has shipped.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from . import schema

Migration = Callable[[Any], None]  # takes a DuckDB connection


def m001_initial(con: Any) -> None:
    """articles, mentions, events, event_mentions, rejects."""
    for ddl in (schema.CREATE_ARTICLES, schema.CREATE_MENTIONS, schema.CREATE_EVENTS,
                schema.CREATE_EVENT_MENTIONS, schema.CREATE_REJECTS, *schema.CREATE_INDEXES):
        con.execute(ddl)


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("m001_initial", m001_initial),
)


def applied(con: Any) -> list[str]:
    """Names of migrations already applied (empty for a fresh database)."""
    con.execute("CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    return [r[0] for r in con.execute("SELECT name FROM _migrations ORDER BY applied_at, name").fetchall()]


def pending(con: Any) -> list[str]:
    done = set(applied(con))
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(con: Any) -> list[str]:
    """Apply pending migrations, each in its own transaction; returns the names applied."""
    done = set(applied(con))
    ran: list[str] = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            fn(con)
            con.execute("INSERT INTO _migrations VALUES (?, ?)", [name, dt.datetime.now()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
