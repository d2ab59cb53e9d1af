"""Event dates resolved against the publication date, with a historical flag.

Public interface: `find_dates` / `resolve_expression` / `DateMention` (expressions.py) and
`ArticleDater` / `DatedEvent` (attach.py). The attachment rules are documented in attach.py and docs/dates.md.
"""
from .attach import ArticleDater, DatedEvent
from .expressions import DateMention, find_dates, resolve_expression
from .validate import validate_date_data

__all__ = ["ArticleDater", "DatedEvent", "DateMention", "find_dates", "resolve_expression", "validate_date_data"]
