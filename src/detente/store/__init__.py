"""The event store: idempotent ingest, cross-article dedup, queries and exports.

``EventStore``/``BrowsableStore``/``AnalyticsStore`` (protocol.py) say what a store does; ``DuckDBStore`` (store.py, also
importable as ``Store``) is the built-in backend. ``open_store`` picks the backend a location names
(``detente.registry.stores``); ``export_events`` writes a registered format (``detente.registry.exporters``).
"""
from __future__ import annotations

from .api import read_events
from .backends import open_store, store_names
from .dedup import DedupConfig
from .exporters import Exporter, export_events, exporter_names
from .filters import EventFilters
from .protocol import AnalyticsStore, BrowsableStore, EventStore, SqlUnavailable
from .store import DuckDBStore, IngestSummary, QueryResult, Store, default_db_path

__all__ = ["Store", "DuckDBStore", "EventStore", "BrowsableStore", "AnalyticsStore", "SqlUnavailable", "open_store", "store_names", "IngestSummary",
           "QueryResult", "EventFilters", "DedupConfig", "read_events", "default_db_path", "Exporter",
           "export_events", "exporter_names"]
