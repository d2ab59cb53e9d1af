"""Shared Typer option types (defined once, used by every command)."""
from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from ..outfile import file_kind


def parse_date(value: str | None) -> dt.date | None:
    """YYYY-MM-DD -> date; a clear UsageError otherwise."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"bad date {value!r}: expected YYYY-MM-DD") from None


def check_inputs(paths: list[str]) -> None:
    """Every input PATH exists and can be read to its end: a device (/dev/zero, or a .jsonl link to it)
    or a socket is refused. A FIFO is read (process substitution); inside folders, see ingest.readers."""
    for p in paths:
        if p == "-":
            continue
        try:
            mode = os.stat(p).st_mode
        except FileNotFoundError:
            raise UsageError(f"no such file or directory: {p}") from None
        except OSError as exc:
            raise UsageError(f"cannot read {p}: {exc.strerror or exc}") from None
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
            raise UsageError(f"{p} is {file_kind(mode)}, not a file: refusing to read it")


def parse_min_confidence(value: str | float | None) -> float:
    """--min-confidence: a number from 0 to 1 (0 = every event); a clear UsageError otherwise."""
    from ..store.filters import check_min_confidence

    if value is None or value == "":
        return 0.0
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UsageError(f"bad --min-confidence {value!r}: give a number from 0 to 1 (0 = every event)") from None
    try:
        return check_min_confidence(number)
    except UsageError:
        raise UsageError(f"bad --min-confidence {value!r}: give a number from 0 to 1 (0 = every event)") from None


DateOpt = Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none.")]
DateFieldOpt = Annotated[Optional[str], typer.Option(
    "--date-field", metavar="FIELD", help="JSONL/JSON/CSV inputs: the field that holds the publication date, read "
    "before date/published; a dotted path reaches into nested objects (meta.published).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr "
                                                               "(warnings and errors still show).")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB store file (default: $DETENTE_DB or ./detente.duckdb).")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write output to this file instead of stdout.")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (one spaCy model each).")]
MinConfidenceOpt = Annotated[str, typer.Option(
    "--min-confidence", metavar="FLOAT", help="Only events whose calibrated confidence is at least this (0-1; default 0: every event).")]
