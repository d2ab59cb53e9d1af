"""Shared Typer option types (defined once, used by every command)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError


def parse_date(value: str | None) -> dt.date | None:
    """YYYY-MM-DD -> date; a clear UsageError otherwise."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"bad date {value!r}: expected YYYY-MM-DD") from None


DateOpt = Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none.")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB store file (default: $DETENTE_DB or ./detente.duckdb).")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", help="Write output to this file instead of stdout.")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (one spaCy model each).")]
