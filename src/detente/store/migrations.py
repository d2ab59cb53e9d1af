"""Named schema migrations, applied once each and recorded in ``_migrations`` (sqlite-utils style).

To change the schema, append a new function to ``MIGRATIONS``; never edit one that has shipped.
The schema version is the number in the newest migration's name (m001_initial: version 1). A store
with a migration this code does not know was written by a newer Détente and is refused
(``check_version``); an older one is migrated when opened for writing.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from ..errors import StoreError
from . import schema

Migration = Callable[[Any], None]  # takes a DuckDB connection


def m001_initial(con: Any) -> None:
    """articles, mentions, events, event_mentions, rejects."""
    for ddl in (schema.CREATE_ARTICLES, schema.CREATE_MENTIONS, schema.CREATE_EVENTS,
                schema.CREATE_EVENT_MENTIONS, schema.CREATE_REJECTS, *schema.CREATE_INDEXES):
        con.execute(ddl)


def m002_mention_explanation(con: Any) -> None:
    """mentions.explanation: the coder's reasons for each stored mention (JSON text; '{}' when unknown)."""
    con.execute(schema.ADD_MENTION_EXPLANATION)


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("m001_initial", m001_initial),
    ("m002_mention_explanation", m002_mention_explanation),
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


def version(names: list[str]) -> int:
    """The schema version of a list of migration names: the largest ``mNNN`` number (0 for none)."""
    return max((int(m.group(1)) for n in names if (m := re.match(r"m(\d+)_", n))), default=0)


def check_version(con: Any, path: Any, *, read_only: bool) -> None:
    """Refuse a store this code cannot use: newer than it (always), or older when it cannot be
    migrated because it is open read-only. One clear StoreError naming both versions."""
    names = [r[0] for r in con.execute("SELECT name FROM _migrations").fetchall()]
    known = [name for name, _ in MIGRATIONS]
    ours, theirs = version(known), version(names)
    unknown = sorted(set(names) - set(known))
    if unknown:
        what = f"schema version {theirs}" if theirs > ours else f"unknown migration {unknown[-1]}"
        raise StoreError(f"{path} has {what}, newer than this Détente's schema version {ours}: "
                         f"upgrade Détente to open it")
    if read_only and set(known) - set(names):
        raise StoreError(f"{path} has schema version {theirs}, older than this Détente's version {ours}: "
                         f"open it once for writing (e.g. `detente ingest --db {path} ...`) to migrate it")
