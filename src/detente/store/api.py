"""``detente.read_events``: the one-call Python entry point to stored events."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UsageError
from .backends import open_store
from .filters import EventFilters


def read_events(db: Path | str | None = None, engine: str = "pandas", **filters: Any) -> Any:
    """Deduplicated events from the store at ``db`` ($DETENTE_DB or ./detente.duckdb by default; a
    ``NAME:LOCATION`` opens another registered backend, see ``detente.store.open_store``).

    ``filters`` are EventFilters fields: dyad=("TUR", "USA"), directed, country, type (PLOVER),
    cameo (code prefix), since, until (dates or YYYY-MM-DD), factual, limit.
    Returns a pandas DataFrame, or a polars DataFrame with ``engine="polars"``.
    """
    if engine not in ("pandas", "polars"):
        raise UsageError(f"bad engine {engine!r}: expected 'pandas' or 'polars'")
    flt = EventFilters.from_kwargs(**filters)
    with open_store(db, read_only=True) as store:
        if engine == "pandas":
            return store.events(flt)
        try:
            import polars as pl
        except ImportError:
            raise UsageError("engine='polars' needs the polars package (pip install polars)") from None
        return pl.from_arrow(store.events_arrow(flt))
