"""The DuckDB backend's reads for the HTTP API: keyset pages, event detail and the actor list
(``DuckDBStore.events_page`` etc. call these; the dyad series is in timeline.py). Every function takes an
open store (read-only in the API) and runs parameterised SQL only; values from the request never
become SQL text.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import UsageError
from .event_select import as_api_row, event_select
from .filters import EventFilters
from .store import DuckDBStore as Store
from .timeline import PERIODS, count_periods, next_period, period_start  # noqa: F401  (imported from here too)

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


def _as_text(v: Any) -> str:
    """A code or name key: text of at most 200 characters (the NULL stand-ins included)."""
    if not isinstance(v, str) or len(v) > 200:
        raise ValueError(f"not a short text: {v!r}")
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
    # codes and names: an empty one (no actor, no place) sorts with the NULLs, last in both directions
    "source": SortKey("nullif(e.source_code, '')", "\uffff", "", _as_text),
    "target": SortKey("nullif(e.target_code, '')", "\uffff", "", _as_text),
    "cameo": SortKey("nullif(e.cameo_code, '')", "\uffff", "", _as_text),
    "place": SortKey("nullif(e.location_name, '')", "\uffff", "", _as_text),
}

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
    return store.read_rows(sql, params)


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
    sql = event_select(where, is_root=False, extra=f"{key} AS _key", order=f"_key {direction}, e.event_id ASC",
                       limit="?")
    rows = [as_api_row(r) for r in _rows(store, sql, [*key_params, *params, q.limit + 1])]
    nxt = None
    if len(rows) > q.limit:
        rows = rows[: q.limit]
        nxt = (rows[-1]["_key"], rows[-1]["event_id"])
    for r in rows:
        r.pop("_key", None)
    return rows, nxt


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with every linked mention and its article; None when there is no such event."""
    rows = _rows(store, event_select("e.event_id = ?", is_root=False), [event_id])
    if not rows:
        return None
    event = as_api_row(rows[0])
    event["mentions"] = _rows(store, """
        SELECT m.mention_id, m.article_id, m.sentence_index, m.sentence_text, m.span_start, m.span_end,
               m.trigger, m.date, m.date_precision, m.historical, m.source_code, m.source_name, m.source_text,
               m.target_code, m.target_name, m.target_text, m.cameo_code, m.plover_type, m.plover_mode,
               m.location_name, m.rule, m.confidence, m.explanation,
               a.title AS article_title, a.url AS article_url, a.pub_date AS article_date,
               a.source AS article_source
        FROM event_mentions l
        JOIN mentions m ON m.mention_id = l.mention_id
        JOIN articles a ON a.article_id = m.article_id
        WHERE l.event_id = ?
        ORDER BY m.date, m.article_id, m.sentence_index, m.span_start""", [event_id])
    for m in event["mentions"]:
        m["explanation"] = load_explanation(m["explanation"])
    return event


def load_explanation(text: str | None) -> dict[str, str]:
    """A stored explanation (JSON text) as a dict; {} for a mention stored before the column existed."""
    data = json.loads(text) if text else {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


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
