"""Serialise events: JSONL, CSV and a terminal table. Pure functions of Event lists.

``write_csv`` is the one CSV writer: `code`, `events`, `query`, `dyad`, `export` and the API's
text/csv answers all call it, each with its own cell formatting.

The ``--format`` of `detente code`, `events`, `query` and `dyad` is an ``OutputFormat`` from
``detente.registry.output_formats``: ``table`` (the CLI's table fitted to the terminal), ``csv`` and
``jsonl`` are registered here; a plug-in adds its own (docs/extending.md).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from rich.table import Table

from . import registry
from .models import EVENT_FIELDS, Event


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


# -- the --format of code, events, query and dyad -------------------------------------------------
@dataclass(frozen=True)
class TableView:
    """What a table shows beyond the column names and rows: its ``columns`` (``cli.tables.Column``:
    headers, priorities, widths; None: the names, left to right), title and caption, and whether it goes
    to a file (drawn wide) rather than the terminal. Formats other than ``table`` may ignore it."""

    columns: Sequence[Any] | None = None
    title: str | None = None
    caption: str | None = None
    to_file: bool = False


@dataclass(frozen=True)
class OutputFormat:
    """A ``--format``: ``write(stream, columns, rows, view)`` writes ``rows`` (sequences of plain values:
    str, int, float, bool, None, dates) under ``columns`` to a text stream and returns the row count.
    Rows may be a generator that codes as it goes: a format that streams writes each row as it comes."""

    write: Callable[[IO[str], Sequence[str], Iterable[Sequence[Any]], TableView], int]
    help: str


def _write_csv_format(stream: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]], view: TableView) -> int:
    return write_csv(stream, columns, rows)


def _write_jsonl_format(stream: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]],
                        view: TableView) -> int:
    return write_jsonl(stream, columns, rows)


def _write_table_format(stream: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]],
                        view: TableView) -> int:
    # the CLI's table code is imported when a table is drawn: a library user never pays for it
    from rich.console import Console

    from .cli.safe_text import safe
    from .cli.tables import cell_text, fitted_table, generic_columns, output_width

    cells = [[safe(cell_text(json_cell(v))) for v in r] for r in rows]
    console = Console(file=stream)
    console.width = output_width(console, to_file=view.to_file)
    console.print(fitted_table(view.columns or generic_columns(columns), cells, console.width, title=view.title,
                               caption=view.caption))
    return len(cells)


registry.output_formats.register("table", func=OutputFormat(
    _write_table_format, help="a table fitted to the terminal (columns by priority, long cells cut)"))
registry.output_formats.register("csv", func=OutputFormat(_write_csv_format, help="CSV with a header row"))
registry.output_formats.register("jsonl", func=OutputFormat(_write_jsonl_format, help="one JSON object per row"))


def output_format_names() -> list[str]:
    """The ``--format`` choices: the built-in ones first, then installed plug-ins by name."""
    names = list(registry.output_formats.get_all())
    built_in = ["table", "csv", "jsonl"]
    return built_in + sorted(n for n in names if n not in built_in)


def output_format(name: str) -> OutputFormat:
    """The registered format ``name``; UsageError naming the choices otherwise."""
    return registry.lookup(registry.output_formats, name, OutputFormat, what="format", choices=output_format_names)
