"""The analysis routes reach the store through the protocol: /api/facets and /api/series through
``AnalyticsStore``, /api/sql through ``query``. A backend with the browse reads but without the aggregates
or SQL answers 503 with the reason, not a 500 or a 400 that blames the query."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import catalogue
import pytest
from fastapi.testclient import TestClient

from detente import registry
from detente.api import create_app
from detente.store import AnalyticsStore, BrowsableStore, DuckDBStore, QueryResult, SqlUnavailable, open_store


class BrowseOnlyStore:
    """A backend with the BrowsableStore reads (a DuckDB file underneath) but no aggregates and no SQL."""

    def __init__(self, location: str, *, read_only: bool = False):
        self._db = DuckDBStore(location, read_only=read_only)
        self.path, self.read_only = self._db.path, read_only

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> BrowseOnlyStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: list[Any] | None = None, **limits: Any) -> QueryResult:
        raise SqlUnavailable("the browse-only backend has no SQL")


# the BrowsableStore methods, each passed to the DuckDB store (facet_counts, actor_series: left out)
for _name in ("ingest", "events", "event_rows", "event_columns", "events_arrow", "dyad_timeline", "rejects", "stats",
              "size_bytes", "events_page", "count_events", "event_detail", "dyad_series", "actors",
              "plover_type_counts"):
    setattr(BrowseOnlyStore, _name,
            (lambda n: lambda self, *a, **k: getattr(self._db, n)(*a, **k))(_name))


@pytest.fixture
def browse_only(fixture_db: Path) -> Iterator[TestClient]:
    registry.stores.register("browseonly", func=BrowseOnlyStore)
    try:
        yield TestClient(create_app(Path(f"browseonly:{fixture_db}")), base_url="http://localhost")
    finally:
        catalogue.REGISTRY.pop(("detente", "stores", "browseonly"), None)


def test_analysis_duckdb_implements_the_analytics_protocol(fixture_db):
    with open_store(fixture_db, read_only=True) as s:
        assert isinstance(s, AnalyticsStore)


def test_analysis_backend_without_aggregates_or_sql_answers_503(browse_only):
    with open_store(str(browse_only.app.state.settings.db), read_only=True) as s:
        assert isinstance(s, BrowsableStore) and not isinstance(s, AnalyticsStore)
    assert browse_only.get("/api/events?limit=2").status_code == 200  # the browse reads still work
    for url, route in (("/api/facets?field=plover_type", "/api/facets"), ("/api/series?actor=TUR", "/api/series")):
        res = browse_only.get(url)
        assert res.status_code == 503, res.text
        assert route in res.json()["detail"] and "AnalyticsStore" in res.json()["detail"]
    res = browse_only.get("/api/sql", params={"sql": "SELECT 1"})
    assert res.status_code == 503 and "has no SQL" in res.json()["detail"]


def test_analysis_bad_sql_on_duckdb_is_still_400(client):
    res = client.get("/api/sql", params={"sql": "SELEC 1"})
    assert res.status_code == 400
