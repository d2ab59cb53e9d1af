"""Read queries the HTTP API needs beyond ``Store``'s own: keyset pages, event detail, per-direction
dyad timelines and the actor list. Every function takes an open ``Store`` (read-only in the API) and
runs parameterised SQL only; values from the request never become SQL text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import UsageError
from .filters import EventFilters
from .store import PERIODS, Store

#: Sort name -> (SQL expression, NULL stand-in when ascending, NULL stand-in when descending, key parser).
#: NULLs are replaced by sentinels so they sort last in both directions and keyset comparisons stay total.
_FAR_FUTURE, _FAR_PAST = dt.date(9999, 12, 31), dt.date(1, 1, 1)


def _as_date(v: Any) -> dt.date:
    if isinstance(v, dt.date):
        return v
    if not isinstance(v, str):
        raise ValueError(f"not a date: {v!r}")
    return dt.date.fromisoformat(v)


def _as_float(v: Any) -> float:
    """A DOUBLE key: any finite number, or ±inf (the NULL stand-ins); never NaN, bool or text."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"not a number: {v!r}")
    f = float(v)  # an int too large for a float raises OverflowError
    if f != f:
        raise ValueError("NaN")
    return f


def _as_count(v: Any) -> int:
    """An INTEGER key within the 32-bit range of its column (the NULL stand-ins are its ends)."""
    if isinstance(v, bool) or not isinstance(v, int) or not -(2**31) <= v <= 2**31 - 1:
        raise ValueError(f"not a 32-bit integer: {v!r}")
    return v


@dataclass(frozen=True)
class SortKey:
    expr: str
    null_asc: Any
    null_desc: Any
    parse: Callable[[Any], Any]


SORTS: dict[str, SortKey] = {
    "date": SortKey("e.date", _FAR_FUTURE, _FAR_PAST, _as_date),
    "goldstein": SortKey("e.goldstein", float("inf"), float("-inf"), _as_float),
    "confidence": SortKey("e.confidence", float("inf"), float("-inf"), _as_float),
    "mentions": SortKey("e.num_mentions", 2**31 - 1, -(2**31), _as_count),
}

#: Columns of one event in list and detail answers (events row + anchor mention + anchor article).
_EVENT_SELECT = """
    e.event_id, e.date, e.date_precision, e.historical, e.factual,
    e.source_code, e.source_country, e.source_agent, e.source_name,
    e.target_code, e.target_country, e.target_agent, e.target_name,
    e.cameo_code, e.cameo_root, e.quad_class, e.goldstein,
    e.plover_type, e.plover_mode, e.plover_context,
    e.location_name, e.location_country, e.lat, e.lon, e.confidence,
    e.num_mentions, e.num_sources, e.num_articles,
    m.sentence_text, m.sentence_index, m.trigger, m.span_start, m.span_end,
    m.source_text, m.target_text, m.rule, m.mention_id AS anchor_mention_id,
    e.anchor_article_id AS article_id, a.title AS article_title, a.url AS article_url,
    a.pub_date AS article_date, a.source AS article_source"""

_EVENT_FROM = """
    FROM events e
    JOIN mentions m ON m.mention_id = e.anchor_mention_id
    JOIN articles a ON a.article_id = e.anchor_article_id"""


@dataclass(frozen=True)
class EventQuery:
    """Filters beyond ``EventFilters`` plus sort and keyset position. Codes match by prefix."""

    filters: EventFilters = field(default_factory=EventFilters)
    source: str | None = None
    target: str | None = None
    root: str | None = None
    mode: str | None = None
    quad_class: int | None = None
    historical: bool | None = None
    text: str | None = None  # case-insensitive substring of any mention's sentence
    sort: str = "date"
    descending: bool = False
    after: tuple[Any, str] | None = None  # (sort key, event_id) of the last row already returned
    limit: int = 50

    def where(self) -> tuple[str, list[Any]]:
        sql, params = self.filters.where("e")
        clauses = [sql]

        def actor(side: str, code: str) -> None:
            code = code.strip().upper()
            clauses.append(f"(starts_with(e.{side}_code, ?) OR e.{side}_country = ?)")
            params.extend([code, code])

        if self.source:
            actor("source", self.source)
        if self.target:
            actor("target", self.target)
        if self.root:
            clauses.append("e.cameo_root = ?")
            params.append(self.root)
        if self.mode:
            clauses.append("e.plover_mode = ?")
            params.append(self.mode.strip().lower())
        if self.quad_class is not None:
            clauses.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.historical is not None:
            clauses.append("e.historical = ?")
            params.append(self.historical)
        if self.text:
            clauses.append("EXISTS (SELECT 1 FROM event_mentions l JOIN mentions mm ON mm.mention_id = l.mention_id "
                           "WHERE l.event_id = e.event_id AND contains(lower(mm.sentence_text), ?))")
            params.append(self.text.lower())
        return " AND ".join(clauses), params


def _key_expr(q: EventQuery) -> tuple[str, list[Any]]:
    spec = SORTS.get(q.sort)
    if spec is None:
        raise UsageError(f"bad sort {q.sort!r}: expected one of {', '.join(SORTS)}")
    return f"coalesce({spec.expr}, ?)", [spec.null_desc if q.descending else spec.null_asc]


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.cursor()
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        cur.close()


def count_events(store: Store, q: EventQuery) -> int:
    where, params = q.where()
    return int(_rows(store, f"SELECT count(*) AS n FROM events e WHERE {where}", params)[0]["n"])


def events_page(store: Store, q: EventQuery) -> tuple[list[dict[str, Any]], tuple[Any, str] | None]:
    """One page of events in sort order and the keyset position of the next page (None at the end)."""
    if q.limit < 1:
        raise UsageError("limit must be >= 1")
    where, params = q.where()
    key, key_params = _key_expr(q)
    if q.after is not None:
        value, last_id = q.after
        op = "<" if q.descending else ">"
        where += f" AND ({key} {op} ? OR ({key} = ? AND e.event_id > ?))"
        params = [*params, *key_params, value, *key_params, value, last_id]
    direction = "DESC" if q.descending else "ASC"
    sql = (f"SELECT {_EVENT_SELECT}, {key} AS _key {_EVENT_FROM} WHERE {where} "
           f"ORDER BY _key {direction}, e.event_id ASC LIMIT ?")
    rows = _rows(store, sql, [*key_params, *params, q.limit + 1])
    nxt = None
    if len(rows) > q.limit:
        rows = rows[: q.limit]
        nxt = (rows[-1]["_key"], rows[-1]["event_id"])
    for r in rows:
        r.pop("_key", None)
    return rows, nxt


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with every linked mention and its article; None when there is no such event."""
    rows = _rows(store, f"SELECT {_EVENT_SELECT} {_EVENT_FROM} WHERE e.event_id = ?", [event_id])
    if not rows:
        return None
    event = rows[0]
    event["mentions"] = _rows(store, """
        SELECT m.mention_id, m.article_id, m.sentence_index, m.sentence_text, m.span_start, m.span_end,
               m.trigger, m.date, m.date_precision, m.historical, m.source_code, m.source_name, m.source_text,
               m.target_code, m.target_name, m.target_text, m.cameo_code, m.plover_type, m.plover_mode,
               m.location_name, m.rule, m.confidence,
               a.title AS article_title, a.url AS article_url, a.pub_date AS article_date,
               a.source AS article_source
        FROM event_mentions l
        JOIN mentions m ON m.mention_id = l.mention_id
        JOIN articles a ON a.article_id = m.article_id
        WHERE l.event_id = ?
        ORDER BY m.date, m.article_id, m.sentence_index, m.span_start""", [event_id])
    return event


# -- dyad timeline ---------------------------------------------------------------------------------
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


def dyad_timeline(store: Store, a: str, b: str, by: str = "month", *, since: dt.date | None = None,
                  until: dt.date | None = None, max_periods: int = 1000) -> list[dict[str, Any]]:
    """Factual events between A and B per period, split by direction (``a_to_b``, ``b_to_a``) and
    summed (``total``): counts per quad class, mean and sum Goldstein. Every period between the
    first and last (or since/until) is present, empty ones with zeros; more than ``max_periods``
    periods is a UsageError so one request cannot ask for an unbounded series."""
    if by not in PERIODS:
        raise UsageError(f"bad period {by!r}: expected one of {', '.join(PERIODS)}")
    flt = EventFilters(dyad=(a, b), since=since, until=until, factual=True).validated()
    a, b = flt.dyad  # type: ignore[misc]
    where, params = flt.where("e")
    where += " AND e.date IS NOT NULL"
    bounds = _rows(store, f"SELECT min(e.date) AS lo, max(e.date) AS hi FROM events e WHERE {where}", params)[0]
    first, last = since or bounds["lo"], until or bounds["hi"]
    if first is None or last is None:
        return []
    n = count_periods(first, last, by)
    if n > max_periods:
        raise UsageError(f"{n} periods of one {by} between {first} and {last} is more than {max_periods}: "
                         f"narrow since/until or use a longer period")
    fwd = "((starts_with(e.source_code, ?) OR e.source_country = ?) AND (starts_with(e.target_code, ?) OR e.target_country = ?))"
    sql = f"""
        SELECT CAST(date_trunc(?, e.date) AS DATE) AS period,
               CASE WHEN {fwd} THEN 'a_to_b' ELSE 'b_to_a' END AS direction,
               count(*) AS events, sum(e.num_mentions) AS mentions,
               count(*) FILTER (WHERE e.quad_class = 1) AS q1, count(*) FILTER (WHERE e.quad_class = 2) AS q2,
               count(*) FILTER (WHERE e.quad_class = 3) AS q3, count(*) FILTER (WHERE e.quad_class = 4) AS q4,
               sum(e.goldstein) AS goldstein_sum
        FROM events e WHERE {where}
        GROUP BY 1, 2"""
    found = _rows(store, sql, [by, a, a, b, b, *params])
    series: dict[dt.date, dict[str, Any]] = {}
    p: dt.date | None = period_start(first, by)
    end = period_start(last, by)
    while p is not None and p <= end:
        series[p] = {"period": p, "a_to_b": _empty_bucket(), "b_to_a": _empty_bucket(), "total": _empty_bucket()}
        p = next_period(p, by)
    for r in found:
        row = series.get(r["period"])
        if row is None:  # outside since/until after truncation: cannot happen, but never index blindly
            continue
        for name in (r["direction"], "total"):
            bucket = row[name]
            for k in ("events", "mentions", "q1", "q2", "q3", "q4"):
                bucket[k] += int(r[k] or 0)
            bucket["goldstein_sum"] += float(r["goldstein_sum"] or 0.0)
    for row in series.values():
        for name in ("a_to_b", "b_to_a", "total"):
            bucket = row[name]
            bucket["goldstein_sum"] = round(bucket["goldstein_sum"], 3)
            if bucket["events"]:
                bucket["goldstein_mean"] = round(bucket["goldstein_sum"] / bucket["events"], 3)
    return list(series.values())


# -- actors ------------------------------------------------------------------------------------------
def actors(store: Store, text: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actor codes seen as source or target: most common name, country, agent, event counts."""
    params: list[Any] = []
    having = ""
    if text:
        having = "HAVING starts_with(code, ?) OR contains(lower(mode(name)), ?)"
        params.extend([text.strip().upper(), text.strip().lower()])
    sql = f"""
        SELECT code, mode(name) AS name, mode(country) AS country, mode(agent) AS agent,
               sum(as_source) AS as_source, sum(as_target) AS as_target, count(*) AS events
        FROM (
            SELECT source_code AS code, source_name AS name, source_country AS country, source_agent AS agent,
                   1 AS as_source, 0 AS as_target FROM events WHERE source_code <> ''
            UNION ALL
            SELECT target_code, target_name, target_country, target_agent, 0, 1 FROM events WHERE target_code <> ''
        ) GROUP BY code {having}
        ORDER BY events DESC, code LIMIT ?"""
    return _rows(store, sql, [*params, limit])


def plover_type_counts(store: Store) -> dict[str, int]:
    """Events per PLOVER type (empty type as "")."""
    rows = _rows(store, "SELECT coalesce(plover_type, '') AS t, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC, 1", [])
    return {r["t"]: int(r["n"]) for r in rows}
