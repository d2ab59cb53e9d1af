"""Date arithmetic that never leaves Python's date range (year 1 to 9999).

Articles and events may carry any representable date, 0001-01-01 and 9999-12-31 included; every shift
and period bound computed from one goes through these helpers, which clamp instead of raising.
"""
from __future__ import annotations

import calendar
import datetime as dt

FIRST, LAST = dt.date.min, dt.date.max


def shift_days(day: dt.date, days: int) -> dt.date:
    """``day + days``, clamped to [0001-01-01, 9999-12-31]."""
    ordinal = day.toordinal() + days
    if ordinal < FIRST.toordinal():
        return FIRST
    if ordinal > LAST.toordinal():
        return LAST
    return dt.date.fromordinal(ordinal)


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week (0001-01-01 itself is a Monday, so this never clamps)."""
    return shift_days(day, -day.weekday())


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
