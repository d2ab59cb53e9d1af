"""Terminal tables that fit the terminal: columns chosen by priority, long cells cut with an ellipsis.

An 80-column terminal shows the columns that matter most (date, source, target, PLOVER, CAMEO ...)
and leaves out the rest, saying so in the caption; a wide terminal shows more. In a pipe or a file
(no terminal) tables are drawn wide (``WIDE``) unless $COLUMNS says otherwise, so nothing is cut.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

#: Width of a table that goes to a pipe or a file (no terminal) when $COLUMNS is not set.
WIDE = 200


def output_width(console: Console, *, to_file: bool = False, cap: int | None = None) -> int:
    """The width to draw at: $COLUMNS when set, else the terminal's width, else ``WIDE`` (pipes, files);
    a file written with --out is always ``WIDE``. ``cap`` bounds it (a panel has no use for 200)."""
    width = WIDE
    columns = os.environ.get("COLUMNS", "").strip()
    if to_file:
        width = WIDE
    elif columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif console.is_terminal:
        width = console.size.width
    return min(width, cap) if cap else width


@dataclass(frozen=True)
class Column:
    """One table column. ``priority``: lower is kept first on a narrow terminal. A cell wider than
    ``max_width`` is cut with an ellipsis; the column may be narrowed down to ``min_width`` (None: it
    is never narrowed). A ``flexible`` column (free text: a trigger, a sentence) takes the room left."""

    key: str
    header: str
    priority: int
    justify: Literal["left", "right"] = "left"
    min_width: int | None = None
    max_width: int = 40
    flexible: bool = False


def _overhead(n: int) -> int:
    """Characters a Rich table with the default box adds around ``n`` columns: 2 of padding per column
    and a rule between and around them."""
    return 3 * n + 1 if n else 0


def fit_columns(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> dict[str, int]:
    """The columns that fit in ``width`` and the width of each: {key: width}, by priority.

    When every column fits whole, nothing is cut. Otherwise each column needs its natural width (the
    widest of header and cells, at most ``max_width``), or its ``min_width`` when it may be narrowed;
    columns are taken by priority while they fit, then the room left widens the narrowed ones, again
    by priority."""
    natural: dict[str, int] = {}
    least: dict[str, int] = {}
    full: dict[str, int] = {}
    for i, col in enumerate(columns):
        full[col.key] = max(1, cell_len(col.header), *(cell_len(r[i]) for r in rows))
        natural[col.key] = min(full[col.key], col.max_width)
        least[col.key] = min(natural[col.key], col.min_width) if col.min_width else natural[col.key]
    if sum(full.values()) + _overhead(len(columns)) <= width:
        return full  # everything fits whole: nothing is cut
    chosen: list[Column] = []
    for col in sorted(columns, key=lambda c: c.priority):
        if sum(least[c.key] for c in chosen) + least[col.key] + _overhead(len(chosen) + 1) <= width:
            chosen.append(col)
    widths = {c.key: least[c.key] for c in chosen}
    spare = width - sum(widths.values()) - _overhead(len(chosen))
    for col in sorted(chosen, key=lambda c: (c.flexible, c.priority)):  # free text grows last
        grow = min(spare, natural[col.key] - widths[col.key])
        widths[col.key] += grow
        spare -= grow
    return widths


def fitted_table(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, *,
                 title: str | None = None, caption: str | None = None) -> Table:
    """A Rich table of ``rows`` (cells as text, in ``columns`` order) no wider than ``width``; the caption
    names the columns left out."""
    widths = fit_columns(columns, rows, width)
    shown = [i for i, c in enumerate(columns) if c.key in widths]
    hidden = [c.header for c in columns if c.key not in widths]
    notes = [caption] if caption else []
    if hidden:
        notes.append(f"not shown at this width: {', '.join(hidden)} (see --format csv)")
    table = Table(title=title, caption="\n".join(notes) or None, header_style="bold")
    for i in shown:
        col = columns[i]
        table.add_column(col.header, justify=col.justify, width=widths[col.key], no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table


#: `detente events --format table`, in display order; ``priority`` follows what an analyst reads first
#: (when, who, to whom, what), the trigger word last.
EVENT_COLUMNS: tuple[Column, ...] = (
    Column("date", "date", 1),
    Column("source_code", "source", 2, min_width=6, max_width=16),
    Column("target_code", "target", 3, min_width=6, max_width=16),
    Column("cameo_code", "CAMEO", 5),
    Column("plover_type", "PLOVER", 4, min_width=7, max_width=18),
    Column("plover_mode", "mode", 6, min_width=4, max_width=12),
    Column("quad_class", "quad", 7, "right"),
    Column("goldstein", "Goldstein", 8, "right"),
    Column("num_mentions", "mentions", 10, "right"),
    Column("num_articles", "articles", 11, "right"),
    Column("location_name", "place", 9, min_width=6, max_width=20),
    Column("trigger", "trigger", 12, min_width=8, max_width=40, flexible=True),
)


def generic_columns(names: Sequence[str]) -> tuple[Column, ...]:
    """Columns of a query result: kept left to right, each narrowed to 8 characters before one is left out."""
    return tuple(Column(name, name, i, min_width=8) for i, name in enumerate(names))


def cell_text(value: object) -> str:
    """A table cell: empty for None and NaN, else ``str``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)
