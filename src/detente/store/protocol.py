"""The Store protocol: what the CLI, the HTTP API and ``detente.read_events`` need from a store.

``EventStore`` is enough for `detente ingest`, `events`, `dyad`, `export`, `query` and
``read_events``; ``BrowsableStore`` adds the reads of the HTTP API (keyset pages, event detail,
per-direction timelines, actors); ``AnalyticsStore`` adds the aggregates of /api/facets and /api/series.
The DuckDB store (store.py) implements all three; the API answers 503 for a route whose protocol the
backend lacks, and /api/sql answers 503 when ``query`` raises SqlUnavailable. A backend is any class
with these methods, registered in ``detente.registry.stores`` (see docs/extending.md); the CLI and API
open stores through ``open_store`` (backends.py) and never reach past these methods.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..errors import StoreError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .analytics import Facet, Series
    from .filters import EventFilters
    from .read_api import EventQuery
    from .store import CoderLike, IngestSummary, QueryResult


class SqlUnavailable(StoreError):
    """Raised by ``query`` of a backend that has no SQL (GET /api/sql: 503, not a bad query's 400)."""


@runtime_checkable
class EventStore(Protocol):
    """A store of coded articles and deduplicated events."""

    path: Path
    read_only: bool

    def close(self) -> None: ...
    def __enter__(self) -> EventStore: ...
    def __exit__(self, *exc: object) -> None: ...

    # -- writing
    def ingest(self, items: Iterable[Any], coder: CoderLike, *, batch_size: int = 50,
               progress: Callable[[int], None] | None = None,
               on_commit: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Code and store articles (items: Article or rejected items); idempotent by content hash."""
        ...

    # -- reading: every event read goes through EventFilters
    def events(self, filters: EventFilters | None = None, **kwargs: Any) -> pd.DataFrame:
        """The filtered events as a pandas DataFrame (columns: ``event_columns()``)."""
        ...

    def event_rows(self, filters: EventFilters | None = None) -> Iterator[dict[str, Any]]:
        """The filtered events streamed as dicts of plain Python values (date order, then event_id)."""
        ...

    def event_columns(self) -> list[str]:
        """Column names of ``events``/``event_rows`` output, in order."""
        ...

    def events_arrow(self, filters: EventFilters | None = None) -> pa.Table:
        """The filtered events as a typed pyarrow Table (Parquet export, polars)."""
        ...

    def dyad_timeline(self, a: str, b: str, by: str = "day", *, directed: bool = False,
                      filters: EventFilters | None = None) -> pd.DataFrame:
        """Factual events between A and B per period with an event: period, events, mentions, q1..q4,
        goldstein_mean (rounded to 2 places)."""
        ...

    def query(self, sql: str, params: list[Any] | None = None, *, max_rows: int | None = None,
              timeout_s: float | None = None) -> QueryResult:
        """ONE read-only SQL statement through the query guard; a backend without SQL raises SqlUnavailable.
        At most ``max_rows`` rows (``.truncated`` says if there were more); QueryTimeout after ``timeout_s``."""
        ...

    def rejects(self, limit: int = 5) -> list[dict[str, Any]]:
        """The latest ``limit`` rejected items, newest first: dicts with item, reason, code, at (a datetime
        or None). What the `ingest` summary lists; it needs no SQL."""
        ...

    def stats(self) -> dict[str, Any]:
        """Totals: articles, mentions, events, rejects, factual_events, merged_events, by_quad_class,
        first_date, last_date, migrations, path, size_bytes (None when unknown)."""
        ...

    def size_bytes(self) -> int | None:
        """Bytes the store takes on disk (None when it has no files); may be called after close()."""
        ...


@runtime_checkable
class BrowsableStore(EventStore, Protocol):
    """An EventStore that can also answer the HTTP API's reads."""

    def events_page(self, query: EventQuery) -> tuple[list[dict[str, Any]], tuple[Any, str] | None]:
        """One page in the query's sort order and the keyset position of the next page (None at the end)."""
        ...

    def count_events(self, query: EventQuery | None = None) -> int: ...

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        """One event with every linked mention (``mentions``, each with its ``explanation`` dict: the coder's
        reasons, {} when not stored); None when there is no such event."""
        ...

    def dyad_series(self, a: str, b: str, by: str = "month", *, since: dt.date | None = None,
                    until: dt.date | None = None, max_periods: int = 1000,
                    min_confidence: float = 0.0) -> list[dict[str, Any]]:
        """The dyad timeline split by direction (a_to_b, b_to_a, total), every period present."""
        ...

    def actors(self, text: str | None = None, limit: int = 100) -> list[dict[str, Any]]: ...

    def plover_type_counts(self) -> dict[str, int]: ...


@runtime_checkable
class AnalyticsStore(BrowsableStore, Protocol):
    """A BrowsableStore that can also answer /api/facets and /api/series (store/analytics.py has the
    answer types and the DuckDB implementation)."""

    def facet_counts(self, query: EventQuery, field: str, limit: int = 50) -> Facet:
        """Events ``query`` matches per value of ``field`` (one of analytics.FACETS): the ``limit`` largest
        values, the rest summed in ``other``; UsageError for an unknown field."""
        ...

    def actor_series(self, query: EventQuery, actor: str, by: str = "month", *,
                     max_periods: int = 1000) -> Series:
        """Per week, month or year, the events ``query`` matches where ``actor`` (a code) is source or
        target; every period present; UsageError beyond ``max_periods``."""
        ...
