"""Opening a store by location: ``--db`` / ``$DETENTE_DB`` -> a backend from ``detente.registry.stores``.

A location is ``NAME:LOCATION`` where NAME is a registered backend (``duckdb:news.duckdb``), or a plain
path, which is a DuckDB file. A path whose part before the first ``:`` is not a backend name stays a path.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import catalogue

from .. import registry
from ..errors import UsageError
from .protocol import EventStore
from .store import DuckDBStore, default_db_path

DEFAULT_BACKEND = "duckdb"


def open_duckdb(location: str, *, read_only: bool = False, **options: Any) -> DuckDBStore:
    """The built-in backend: a DuckDB file (``options``: ``dedup=DedupConfig(...)``)."""
    return DuckDBStore(location or None, read_only=read_only, **options)


registry.stores.register(DEFAULT_BACKEND, func=open_duckdb)


def store_names() -> list[str]:
    """Registered backends, the built-in one and those of installed plug-ins."""
    return sorted(registry.stores.get_all())


def split_location(db: Path | str | None) -> tuple[str, str]:
    """(backend name, location) for ``db``; None means $DETENTE_DB, else ./detente.duckdb."""
    text = str(default_db_path() if db is None else db)
    name, sep, rest = text.partition(":")
    if sep and name and name.isidentifier() and name in registry.stores:
        return name, rest
    return DEFAULT_BACKEND, text


def open_store(db: Path | str | None = None, *, read_only: bool = False, **options: Any) -> EventStore:
    """Open the store at ``db`` with the backend its location names (see the module docstring)."""
    name, location = split_location(db)
    try:
        factory = registry.stores.get(name)
    except catalogue.RegistryError:  # registered when split_location looked, then gone: a plug-in bug
        raise UsageError(f"no store backend {name!r} (known: {', '.join(store_names())})") from None
    store = factory(location, read_only=read_only, **options)
    if not isinstance(store, EventStore):
        raise UsageError(f"store backend {name!r} returned a {type(store).__name__}, which does not "
                         f"implement detente.store.protocol.EventStore")
    return store
