"""Aggregates for the analyst's API: facet counts and per-actor time series.

Both take the same ``EventQuery`` as the event list and its total, so a facet's counts add up to the
event total of the same filters. They read through the store's public ``query`` (the read-only guard
of `detente query`), with parameters: values from the request never become SQL text (field names and
period units come from the fixed tables below).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import UsageError
from .read_api import EventQuery
from .timeline import count_periods, next_period, period_start

#: Facet field -> SQL expression over ``events e`` (and ``articles a``, the anchor article).
#: Empty strings count as "no value" (NULL), like missing ones.
FACETS: dict[str, str] = {
    "plover_type": "nullif(e.plover_type, '')",
    "plover_mode": "nullif(e.plover_mode, '')",
    "cameo_root": "nullif(e.cameo_root, '')",
    "quad_class": "e.quad_class",
    "source_country": "nullif(e.source_country, '')",
    "target_country": "nullif(e.target_country, '')",
    "location_country": "nullif(e.location_country, '')",
    "year": "year(e.date)",
    # the news outlet of the anchor article (the first report of the event), not the source actor
    "source": "nullif(a.source, '')",
}

SERIES_PERIODS = ("week", "month", "year")
#: Date precisions too coarse to be placed in a period of each length ("coarser" in the answer).
_COARSER = {"year": (), "month": ("year",), "week": ("year", "month")}


class SqlStore(Protocol):
    """What these aggregates need from a store: its read-only, guarded ``query`` with parameters."""

    def query(self, sql: str, params: list[Any] | None = None) -> list[Any]: ...


def _rows(store: SqlStore, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in store.query(sql, params)]


@dataclass(frozen=True)
class Facet:
    field: str
    counts: list[tuple[Any, int]]  # (value, count), count desc then value; None = no value
    other: int  # events whose value is beyond ``limit``
    total: int  # events matching the filters (= sum of counts + other)


def facet(store: SqlStore, query: EventQuery, field: str, limit: int = 50) -> Facet:
    """Events per value of ``field`` among those ``query`` matches; the ``limit`` largest values."""
    expr = FACETS.get(field)
    if expr is None:
        raise UsageError(f"unknown facet field {field!r}: expected one of {', '.join(FACETS)}")
    if limit < 1:
        raise UsageError("limit must be >= 1")
    where, params = query.where()
    join = "JOIN articles a ON a.article_id = e.anchor_article_id" if field == "source" else ""
    rows = _rows(store, f"""
        SELECT {expr} AS value, count(*) AS n FROM events e {join} WHERE {where}
        GROUP BY 1 ORDER BY n DESC, value NULLS LAST""", params)
    total = sum(int(n) for _, n in rows)
    counts = [(v, int(n)) for v, n in rows[:limit]]
    return Facet(field, counts, total - sum(n for _, n in counts), total)


# -- series ----------------------------------------------------------------------------------------
def period_label(start: dt.date, by: str) -> str:
    """"2019", "2019-10" or the ISO week "2019-W41" (its year may differ from the calendar year)."""
    if by == "year":
        return f"{start.year:04d}"
    if by == "month":
        return f"{start.year:04d}-{start.month:02d}"
    year, week, _ = start.isocalendar()
    return f"{year:04d}-W{week:02d}"


@dataclass
class Period:
    start: dt.date
    events: int = 0
    quad: dict[str, int] | None = None
    goldstein_sum: float = 0.0

    @property
    def goldstein_mean(self) -> float | None:
        return round(self.goldstein_sum / self.events, 3) if self.events else None


@dataclass(frozen=True)
class Series:
    actor: str
    by: str
    periods: list[Period]
    undated: int  # matching events without a date
    coarser: int  # dated events whose precision is coarser than ``by`` (a year in a month series)


def actor_clause(actor: str) -> tuple[str, list[Any]]:
    """The actor (country code or code prefix) is the source or the target."""
    code = actor.strip().upper()
    return ("(starts_with(e.source_code, ?) OR e.source_country = ? "
            "OR starts_with(e.target_code, ?) OR e.target_country = ?)"), [code] * 4


def series(store: SqlStore, query: EventQuery, actor: str, by: str = "month", *, max_periods: int = 1000) -> Series:
    """Per period, the events ``query`` matches where ``actor`` is source or target: count, counts per
    quad class, mean Goldstein. Every period between the first and last (or since/until) is present."""
    if by not in SERIES_PERIODS:
        raise UsageError(f"bad period {by!r}: expected one of {', '.join(SERIES_PERIODS)}")
    if not actor or not actor.strip():
        raise UsageError("series needs an actor code, e.g. TUR or TURGOV")
    where, params = query.where()
    who, who_params = actor_clause(actor)
    where, params = f"{where} AND {who}", [*params, *who_params]
    coarse = list(_COARSER[by])
    placed = "e.date IS NOT NULL" + (" AND NOT list_contains(?::VARCHAR[], coalesce(e.date_precision, ''))"
                                     if coarse else "")
    placed_params: list[Any] = [coarse] if coarse else []
    undated, coarser, lo, hi = _rows(store, f"""
        SELECT count(*) FILTER (WHERE e.date IS NULL),
               count(*) FILTER (WHERE e.date IS NOT NULL AND NOT ({placed})),
               min(e.date) FILTER (WHERE {placed}), max(e.date) FILTER (WHERE {placed})
        FROM events e WHERE {where}""", [*placed_params, *placed_params, *placed_params, *params])[0]
    flt = query.filters.validated()
    first, last = flt.since or lo, flt.until or hi
    periods: list[Period] = []
    if first is not None and last is not None:
        n = count_periods(first, last, by)
        if n > max_periods:
            raise UsageError(f"{n} periods of one {by} between {first} and {last} is more than {max_periods}: "
                             f"narrow since/until or use a longer period")
        by_start: dict[dt.date, Period] = {}
        p: dt.date | None = period_start(first, by)
        end = period_start(last, by)
        while p is not None and p <= end:
            by_start[p] = Period(p, quad={"1": 0, "2": 0, "3": 0, "4": 0})
            p = next_period(p, by)
        found = _rows(store, f"""
            SELECT CAST(date_trunc(?, e.date) AS DATE) AS period, e.quad_class, count(*), sum(e.goldstein)
            FROM events e WHERE {where} AND {placed} GROUP BY 1, 2""", [by, *params, *placed_params])
        for start, quad, count, gsum in found:
            row = by_start.get(start)
            if row is None or row.quad is None:  # outside since/until after truncation: never index blindly
                continue
            row.events += int(count)
            key = str(quad)
            if key in row.quad:
                row.quad[key] += int(count)
            row.goldstein_sum += float(gsum or 0.0)
        periods = list(by_start.values())
    return Series(actor.strip().upper(), by, periods, int(undated), int(coarser))


def code_counts(store: SqlStore, codes: list[str]) -> dict[str, tuple[int, int]]:
    """Stored events with exactly each code as (source, target)."""
    if not codes:
        return {}
    rows = _rows(store, """
        SELECT code, sum(s), sum(t) FROM (
            SELECT source_code AS code, 1 AS s, 0 AS t FROM events WHERE list_contains(?::VARCHAR[], source_code)
            UNION ALL
            SELECT target_code, 0, 1 FROM events WHERE list_contains(?::VARCHAR[], target_code)
        ) GROUP BY code""", [codes, codes])
    return {str(c): (int(s), int(t)) for c, s, t in rows}
