"""Helpers for the security tests (a unique module name, unlike conftest)."""
from __future__ import annotations

import hashlib
from pathlib import Path


def fingerprint(db: Path) -> str:
    """A digest of every table's rows: equal before and after means nothing was written."""
    from detente.store import Store

    h = hashlib.sha256()
    with Store(db, read_only=True) as s:
        for (table,) in s.query("SELECT table_name FROM information_schema.tables ORDER BY 1"):
            h.update(table.encode())
            for row in sorted(s.query(f'SELECT * FROM "{table}"'), key=repr):
                h.update(repr(row).encode())
    return h.hexdigest()
