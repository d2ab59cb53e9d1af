"""The one SELECT of stored events: an ``events`` row joined to its anchor mention and anchor article.

Exports, ``Store.events``/``event_rows``/``events_arrow``, the API's pages and its event detail all
build their SQL here, so an event has the same columns wherever it is read.
"""
from __future__ import annotations

from typing import Any

#: Every ``events`` column, then the anchor mention's sentence and spans, then the anchor article.
EVENT_COLUMNS = """e.*, m.sentence_text, m.trigger, m.source_text, m.target_text, m.sentence_index,
       m.span_start, m.span_end, m.rule,
       a.url AS source_url, a.source AS article_source, a.title AS article_title,
       a.pub_date AS article_date"""

#: Whether the anchor is in the first event-bearing sentence of its article (GDELT's IsRootEvent).
#: Costs an aggregate over the article's mentions, so only exports and ``Store.events`` ask for it.
IS_ROOT = """(m.sentence_index = (SELECT min(m2.sentence_index) FROM mentions m2
                                  WHERE m2.article_id = e.anchor_article_id)) AS is_root"""

EVENT_FROM = """FROM events e
JOIN mentions m ON m.mention_id = e.anchor_mention_id
JOIN articles a ON a.article_id = e.anchor_article_id"""


def event_select(where: str, *, order: str = "", limit: str = "", is_root: bool = True, extra: str = "") -> str:
    """SELECT of the event columns (plus ``is_root`` and ``extra`` expressions) WHERE ``where``.

    ``where``, ``order`` and ``limit`` are SQL fragments built by the caller from fixed text;
    values always travel as ``?`` parameters."""
    columns = EVENT_COLUMNS + (",\n       " + IS_ROOT if is_root else "") + (f", {extra}" if extra else "")
    sql = f"SELECT {columns}\n{EVENT_FROM}\nWHERE {where}"
    if order:
        sql += f"\nORDER BY {order}"
    if limit:
        sql += f" LIMIT {limit}"
    return sql


def as_api_row(row: dict[str, Any]) -> dict[str, Any]:
    """The API's names for two provenance columns: ``article_id`` (the anchor article) and ``article_url``."""
    row["article_id"] = row["anchor_article_id"]
    row["article_url"] = row["source_url"]
    return row
