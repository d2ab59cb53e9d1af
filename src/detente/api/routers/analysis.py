"""The analyst's routes: GET /api/facets (counts per value), /api/series (an actor over time) and
/api/sql (read-only SQL, through the same guard as `detente query`).

They reach the store only through its protocol: facets and series need an ``AnalyticsStore``, SQL the
``query`` of any store. A backend without them answers 503 (store unavailable), as the other routes do
for a backend that is not a ``BrowsableStore``."""
from __future__ import annotations

import datetime as dt
import decimal
import io
import math
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from ...errors import StoreError
from ...output import api_csv_cell, write_csv
from ...store import AnalyticsStore, BrowsableStore, SqlUnavailable, analytics
from ...store.read_api import EventQuery
from ...store.store import QueryTimeout
from .. import deps
from ..actor_search import resolve_actor
from ..event_params import ACTOR_HELP, event_query
from ..schemas import ErrorOut, FacetCount, FacetOut, SeriesOut, SeriesPoint, SqlOut

router = APIRouter(prefix="/api", tags=["analysis"])
Filters = Annotated[EventQuery, Depends(event_query)]
#: /api/sql: rows returned by default and at most.
SQL_ROWS, SQL_MAX_ROWS = 1000, 10_000


def _analytics(store: BrowsableStore, route: str) -> AnalyticsStore:
    """``store`` if its backend has the aggregates; else a StoreError, which answers 503."""
    if not isinstance(store, AnalyticsStore):
        raise StoreError(f"the {type(store).__name__} backend cannot answer {route} (it does not implement "
                         f"detente.store.protocol.AnalyticsStore)")
    return store


@router.get("/facets", response_model=FacetOut, summary="Event counts per value of a field",
            description="Among the events the filters match (the filters of /api/events), how many have each "
                        f"value of `field` ({', '.join(analytics.FACETS)}). `source` is the news outlet of the "
                        "event's first report (its anchor article), not the source actor: use source_country "
                        "for that. Events without a value count under `null`, so the counts and `other` add up "
                        "to the /api/events total of the same filters.",
            responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def facets(store: Annotated[BrowsableStore, Depends(deps.read_store)], query: Filters,
           field: Annotated[str, Query(max_length=40, description=f"one of {', '.join(analytics.FACETS)}")],
           limit: Annotated[int, Query(ge=1, le=1000, description="values listed; the rest are summed "
                                                                  "in `other`")] = 50) -> FacetOut:
    f = _analytics(store, "/api/facets").facet_counts(query, field, limit)
    return FacetOut(field=f.field, counts=[FacetCount(value=v, count=n) for v, n in f.counts],
                    other=f.other, total=f.total)


@router.get("/series", response_model=SeriesOut, summary="An actor's events over time",
            description="Per week, month or year, the events (with the filters of /api/events) where `actor` "
                        "is the source or the target: count, counts per quad class and mean Goldstein. Every "
                        "period from the first to the last event (or since/until) is listed, empty ones as "
                        "zeros; at most 1000 periods. Undated events are counted in `undated`; events dated "
                        "only to a year (in a month or week series) or a month (in a week series) in "
                        "`coarser`: neither is placed in a period.",
            responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def series(store: Annotated[BrowsableStore, Depends(deps.read_store)],
           settings: Annotated[deps.ApiSettings, Depends(deps.settings)], query: Filters,
           actor: Annotated[str, Query(min_length=1, max_length=100, description=ACTOR_HELP)],
           by: Annotated[Literal["week", "month", "year"], Query()] = "month") -> SeriesOut:
    s = _analytics(store, "/api/series").actor_series(query, resolve_actor(actor), by,
                                                     max_periods=settings.max_periods)
    return SeriesOut(actor=s.actor, by=by, undated=s.undated, coarser=s.coarser, periods=[
        SeriesPoint(period=analytics.period_label(p.start, by), start=p.start, events=p.events,
                    quad=p.quad or {}, goldstein_mean=p.goldstein_mean) for p in s.periods])


def _cell(v: Any) -> Any:
    """A DuckDB value as JSON: dates as ISO text, decimals as numbers, NaN/inf as null, the rest as text."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, decimal.Decimal):
        return float(v) if v.is_finite() else None
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return v.hex()
    if isinstance(v, (list, tuple)):
        return [_cell(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _cell(x) for k, x in v.items()}
    return str(v)  # intervals, UUIDs, ...


def _csv(columns: list[str], rows: list[list[Any]], truncated: bool) -> Response:
    buf = io.StringIO()
    # booleans as in JSON, nulls as empty cells, nested values as their JSON-ish text
    write_csv(buf, columns, rows, cell=api_csv_cell)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="query.csv"',
                             "X-Truncated": str(truncated).lower()})


@router.get("/sql", response_model=SqlOut, summary="Run one read-only SQL query",
            description="One read-only statement (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN) over the store's tables "
                        "(events, mentions, articles, event_mentions, rejects), checked by the same guard as "
                        "`detente query`; the store is opened read-only with file access disabled. At most "
                        f"`max_rows` rows ({SQL_MAX_ROWS:,} at most; `truncated` says whether there were more), "
                        "and a time limit (5 s by default): a slower query is interrupted (408). A refused or "
                        "failing statement answers 400 with the reason. CSV with `Accept: text/csv` or "
                        "`format=csv` (header `X-Truncated`).",
            responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with Accept: text/csv"},
                       400: {"model": ErrorOut}, 408: {"model": ErrorOut}, 422: {"model": ErrorOut},
                       503: {"model": ErrorOut}})
def sql(request: Request, store: Annotated[BrowsableStore, Depends(deps.read_store)],
        settings: Annotated[deps.ApiSettings, Depends(deps.settings)],
        sql: Annotated[str, Query(min_length=1, max_length=20_000, description="the query",
                                  examples=["SELECT plover_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"])],
        max_rows: Annotated[int, Query(ge=1, le=SQL_MAX_ROWS, description="rows returned at most")] = SQL_ROWS,
        format: Annotated[Literal["json", "csv"] | None, Query(description="csv: same as Accept: text/csv")] = None,
        ) -> Any:
    try:
        result = store.query(sql, max_rows=max_rows, timeout_s=settings.sql_timeout_s)
    except QueryTimeout as exc:
        return JSONResponse({"detail": str(exc)}, status_code=408)
    except SqlUnavailable:  # the backend has no SQL: the store's fault, not the query's (503)
        raise
    except StoreError as exc:  # the guard's refusal, or DuckDB's error for a bad query
        return JSONResponse({"detail": str(exc)}, status_code=400)
    rows = [[_cell(v) for v in r] for r in result]
    if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
        return _csv(result.columns, rows, result.truncated)
    return SqlOut(columns=result.columns, rows=rows, truncated=result.truncated)
