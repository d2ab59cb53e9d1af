"""Serialise events: JSONL, CSV and a terminal table. Pure functions of Event lists.

``write_csv`` is the one CSV writer: `code`, `events`, `query`, `dyad`, `export` and the API's
text/csv answers all call it, each with its own cell formatting.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from rich.table import Table

from .models import EVENT_FIELDS, Event

FORMATS = ("table", "jsonl", "csv")


def to_jsonl(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    write_jsonl(buf, EVENT_FIELDS, ([row[k] for k in EVENT_FIELDS] for row in (e.to_row() for e in events)))
    return buf.getvalue()


def json_cell(value: Any) -> Any:
    """One JSON value: ISO 8601 for dates and timestamps, null for NaN, else the value itself."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def write_jsonl(stream: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]],
                cell: Callable[[Any], Any] = json_cell) -> int:
    """One JSON object per row (keys ``columns``, values through ``cell``, non-ASCII kept, anything else
    JSON cannot hold as its ``str``); returns the number of rows. The one JSONL writer, like write_csv."""
    n = 0
    for row in rows:
        stream.write(json.dumps({c: cell(v) for c, v in zip(columns, row)}, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for None, ISO 8601 for dates and timestamps, else ``str``."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def api_csv_cell(value: Any) -> Any:
    """A CSV cell as the HTTP API writes it: booleans as in JSON (true/false), null as an empty cell."""
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else value


def write_csv(stream: IO[str], columns: Sequence[str] | None, rows: Iterable[Sequence[Any]],
              cell: Callable[[Any], Any] = csv_cell) -> int:
    """Write a header (unless ``columns`` is None) and ``rows``, each value through ``cell``, with
    ``\n`` line ends; returns the number of rows. Quoting is the csv module's (minimal)."""
    writer = csv.writer(stream, lineterminator="\n")
    if columns is not None:
        writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        n += 1
    return n


def csv_header() -> str:
    buf = io.StringIO()
    write_csv(buf, EVENT_FIELDS, [])
    return buf.getvalue()


def to_csv_rows(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    write_csv(buf, None, ([row[k] for k in EVENT_FIELDS] for row in (e.to_row() for e in events)))
    return buf.getvalue()


def date_at_precision(date: Any, precision: str | None) -> str:
    """A date as precise as it is known: ``2019`` (year), ``2019-10`` (month), else ``2019-10-09``.

    A year-only date is stored as its first day (2019-01-01); tables show it as the year."""
    if date is None:
        return ""
    text = date.isoformat() if hasattr(date, "isoformat") else str(date)
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7]
    return text


def events_table(events: list[Event], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for col in ("article", "sent", "date", "source", "CAMEO", "target", "PLOVER", "mode", "trigger", "conf"):
        table.add_column(col, overflow="fold")
    for e in events:
        date = (date_at_precision(e.date, e.date_precision) or "?") + ("*" if e.historical else "")
        table.add_row(e.article_id[:12], str(e.sentence_index), date, e.source_code or "-", e.cameo_code,
                      e.target_code or "-", e.plover_type or "-", e.plover_mode or "", e.trigger,
                      f"{e.confidence:.2f}")
    return table
