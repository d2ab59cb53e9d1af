"""The one dyad timeline: factual events between two actors per period.

``timeline_sql`` is the only query. ``dyad_frame`` (``Store.dyad_timeline``: `detente dyad`, the
Python API) runs it with both directions together; ``dyad_series`` (``Store.dyad_series``: the
HTTP API) runs it split by direction and fills empty periods.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .filters import EventFilters

if TYPE_CHECKING:
    import pandas as pd

    from .store import DuckDBStore

PERIODS = ("day", "week", "month", "year")
#: Counts of one period and direction, as the query returns them (``mentions``: sum of num_mentions).
COUNTS = ("events", "mentions", "q1", "q2", "q3", "q4")


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise UsageError(f"bad period {by!r}: expected one of {', '.join(PERIODS)}")
    return by


def timeline_sql(flt: EventFilters, by: str, *, split: bool) -> tuple[str, list[Any]]:
    """Per period (and, with ``split``, per direction ``a_to_b``/``b_to_a``; else ``total``): counts,
    quad-class counts, the Goldstein sum and its mean rounded to 2 places. ``flt`` must name a dyad;
    undated events are left out."""
    if flt.dyad is None:
        raise UsageError("a dyad timeline needs two actor codes")
    where, params = flt.where("e")
    a, b = flt.validated().dyad or ("", "")
    fwd = ("((starts_with(e.source_code, ?) OR e.source_country = ?) "
           "AND (starts_with(e.target_code, ?) OR e.target_country = ?))")
    direction, dparams = (f"CASE WHEN {fwd} THEN 'a_to_b' ELSE 'b_to_a' END", [a, a, b, b]) if split else ("'total'", [])
    sql = f"""
        SELECT CAST(date_trunc(?, e.date) AS DATE) AS period, {direction} AS direction,
               count(*) AS events, sum(e.num_mentions) AS mentions,
               count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4,
               sum(e.goldstein) AS goldstein_sum, round(avg(e.goldstein), 2) AS goldstein_mean
        FROM events e WHERE {where} AND e.date IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2"""
    return sql, [check_period(by), *dparams, *params]


def dyad_frame(store: DuckDBStore, a: str, b: str, by: str = "day", *, directed: bool = False,
               filters: EventFilters | None = None) -> pd.DataFrame:
    """Factual events between A and B (or only A on B, ``directed``) per period with an event, as a
    DataFrame: period, events, mentions, q1..q4, goldstein_mean. ``filters`` adds country, type,
    CAMEO and date limits."""
    check_period(by)
    base = filters or EventFilters()
    flt = EventFilters(dyad=(a, b), directed=directed, country=base.country, type=base.type, cameo=base.cameo,
                       since=base.since, until=base.until, factual=True)
    sql, params = timeline_sql(flt, by, split=False)
    return store.read_frame(sql, params).drop(columns=["direction", "goldstein_sum"])


# -- the HTTP API's series: both directions, every period ----------------------------------------------
def period_start(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day
    if by == "week":  # ISO weeks start on Monday, like DuckDB's date_trunc('week')
        return max(dt.date.min, day - dt.timedelta(days=min(day.weekday(), day.toordinal() - 1)))
    if by == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_period(start: dt.date, by: str) -> dt.date | None:
    """The start of the period after ``start``; None past the last representable date."""
    try:
        return _next_period(start, by)
    except (OverflowError, ValueError):
        return None


def _next_period(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def count_periods(first: dt.date, last: dt.date, by: str) -> int:
    a, b = period_start(first, by), period_start(last, by)
    if by == "day":
        return (b - a).days + 1
    if by == "week":
        return (b - a).days // 7 + 1
    if by == "month":
        return (b.year - a.year) * 12 + b.month - a.month + 1
    return b.year - a.year + 1


def _empty_bucket() -> dict[str, Any]:
    return {"events": 0, "mentions": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0,
            "goldstein_sum": 0.0, "goldstein_mean": None}


def dyad_series(store: DuckDBStore, a: str, b: str, by: str = "month", *, since: dt.date | None = None,
                until: dt.date | None = None, max_periods: int = 1000,
                min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Factual events between A and B per period, split by direction (``a_to_b``, ``b_to_a``) and
    summed (``total``): counts per quad class, mean and sum Goldstein. Every period between the
    first and last (or since/until) is present, empty ones with zeros; more than ``max_periods``
    periods is a UsageError so one request cannot ask for an unbounded series. ``min_confidence``:
    only events at least this confident."""
    check_period(by)
    flt = EventFilters(dyad=(a, b), since=since, until=until, factual=True, min_confidence=min_confidence).validated()
    where, params = flt.where("e")
    bounds = store.read_rows(f"SELECT min(e.date) AS lo, max(e.date) AS hi FROM events e "
                             f"WHERE {where} AND e.date IS NOT NULL", params)[0]
    first, last = since or bounds["lo"], until or bounds["hi"]
    if first is None or last is None:
        return []
    n = count_periods(first, last, by)
    if n > max_periods:
        raise UsageError(f"{n} periods of one {by} between {first} and {last} is more than {max_periods}: "
                         f"narrow since/until or use a longer period")
    series: dict[dt.date, dict[str, Any]] = {}
    p: dt.date | None = period_start(first, by)
    end = period_start(last, by)
    while p is not None and p <= end:
        series[p] = {"period": p, "a_to_b": _empty_bucket(), "b_to_a": _empty_bucket(), "total": _empty_bucket()}
        p = next_period(p, by)
    for r in store.read_rows(*timeline_sql(flt, by, split=True)):
        row = series.get(r["period"])
        if row is None:  # outside since/until after truncation: cannot happen, but never index blindly
            continue
        for name in (r["direction"], "total"):
            bucket = row[name]
            for k in COUNTS:
                bucket[k] += int(r[k] or 0)
            bucket["goldstein_sum"] += float(r["goldstein_sum"] or 0.0)
    for row in series.values():
        for name in ("a_to_b", "b_to_a", "total"):
            bucket = row[name]
            bucket["goldstein_sum"] = round(bucket["goldstein_sum"], 3)
            if bucket["events"]:
                bucket["goldstein_mean"] = round(bucket["goldstein_sum"] / bucket["events"], 3)
    return list(series.values())
