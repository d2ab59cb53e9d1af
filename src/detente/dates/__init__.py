"""Event dates resolved against the publication date, with a historical flag.

Public interface: `find_dates` / `resolve_expression` / `DateMention` (expressions.py) and
`ArticleDater` / `DatedEvent` (attach.py). The attachment rules are documented in attach.py and docs/dates.md.
The names load on first use: the store needs only bounds.py, and every CLI command imports the store,
so importing this package must not import spaCy (attach.py reads parsed Docs).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .attach import ArticleDater, DatedEvent
    from .expressions import DateMention, find_dates, resolve_expression
    from .validate import validate_date_data

_WHERE = {"ArticleDater": "attach", "DatedEvent": "attach", "DateMention": "expressions",
          "find_dates": "expressions", "resolve_expression": "expressions", "validate_date_data": "validate"}

__all__ = ["ArticleDater", "DatedEvent", "DateMention", "find_dates", "resolve_expression", "validate_date_data"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value
