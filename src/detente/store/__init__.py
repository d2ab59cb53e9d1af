"""The DuckDB event store: idempotent ingest, cross-article dedup, queries and exports."""
from __future__ import annotations

from .api import read_events
from .dedup import DedupConfig
from .filters import EventFilters
from .store import IngestSummary, QueryResult, Store, default_db_path

__all__ = ["Store", "IngestSummary", "QueryResult", "EventFilters", "DedupConfig", "read_events",
           "default_db_path"]
