"""Serialise events: JSONL, CSV and a terminal table. Pure functions of Event lists."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from rich.table import Table

from .models import EVENT_FIELDS, Event

FORMATS = ("table", "jsonl", "csv")


def to_jsonl(events: Iterable[Event]) -> str:
    return "".join(json.dumps(e.to_row(), ensure_ascii=False) + "\n" for e in events)


def csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(EVENT_FIELDS)
    return buf.getvalue()


def to_csv_rows(events: Iterable[Event]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for e in events:
        row = e.to_row()
        w.writerow(["" if row[k] is None else row[k] for k in EVENT_FIELDS])
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
