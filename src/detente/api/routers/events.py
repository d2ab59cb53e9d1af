"""GET /api/events (filtered, sorted, cursor-paged; JSON or CSV) and GET /api/events/{id}."""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from ...errors import UsageError
from ...ontology import load_codebook
from ...output import api_csv_cell, write_csv
from ...store import BrowsableStore
from ...store import read_api
from ...store.read_api import EventQuery
from .. import deps
from ..event_params import MinConfidence, event_query  # noqa: F401  (MinConfidence: coding.py)
from ..schemas import ArticleRef, ErrorOut, EventDetail, EventOut, EventPage, MentionOut, Span

router = APIRouter(prefix="/api/events", tags=["events"])

SortName = Literal["date", "-date", "goldstein", "-goldstein", "confidence", "-confidence", "mentions", "-mentions",
                   "source", "-source", "target", "-target", "cameo", "-cameo", "place", "-place"]
CSV_COLUMNS = list(EventOut.model_fields)


def cameo_name(code: str) -> str:
    try:
        return load_codebook().get(code).name
    except Exception:  # an unknown code still gets listed, just without a name
        return ""


def event_out(row: dict[str, Any]) -> EventOut:
    return EventOut.model_validate({**{k: row.get(k) for k in EventOut.model_fields if k != "cameo_name"},
                                    "cameo_name": cameo_name(row["cameo_code"])})


# -- cursors: opaque base64url JSON {"s": sort, "k": key, "i": event_id} -----------------------------------
def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    raw = json.dumps({"s": sort, "k": key.isoformat() if isinstance(key, dt.date) else key, "i": event_id})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if data["s"] != sort:
            raise UsageError(f"cursor was made for sort={data['s']!r}, not {sort!r}")
        key = read_api.SORTS[sort.lstrip("-")].parse(data["k"])
        if not isinstance(data["i"], str) or len(data["i"]) > 64:
            raise ValueError("bad event id")
        return key, data["i"]
    except UsageError:
        raise
    except Exception:
        raise UsageError("bad cursor: pass back the next_cursor of a previous page unchanged") from None


@router.get("", response_model=EventPage, summary="Search events",
            responses={200: {"content": {"text/csv": {}}, "description": "JSON page, or CSV with Accept: text/csv"},
                       422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def list_events(
    request: Request,
    store: Annotated[BrowsableStore, Depends(deps.read_store)],
    filters: Annotated[EventQuery, Depends(event_query)],
    sort: Annotated[SortName, Query(description="sort key; a leading - sorts descending")] = "date",
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    format: Annotated[Literal["json", "csv"] | None, Query(description="csv: same as Accept: text/csv")] = None,
) -> EventPage | Response:
    query = dataclasses.replace(filters, sort=sort.lstrip("-"), descending=sort.startswith("-"),
                                after=decode_cursor(cursor, sort) if cursor else None, limit=limit)
    rows, nxt = store.events_page(query)
    next_cursor = encode_cursor(sort, *nxt) if nxt else None
    events = [event_out(r) for r in rows]
    if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
        return _csv(events, next_cursor)
    return EventPage(events=events, total=store.count_events(query), limit=limit, sort=sort,
                     next_cursor=next_cursor)


def _csv(events: list[EventOut], next_cursor: str | None) -> Response:
    buf = io.StringIO()
    dumped = (e.model_dump(mode="json") for e in events)
    write_csv(buf, CSV_COLUMNS, ([d.get(k) for k in CSV_COLUMNS] for d in dumped), cell=api_csv_cell)
    headers = {"Content-Disposition": 'inline; filename="events.csv"'}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def find_span(sentence: str, text: str | None) -> Span | None:
    """Where ``text`` first occurs in the sentence (exact, then ignoring case); None if absent."""
    if not text or not sentence:
        return None
    i = sentence.find(text)
    if i < 0:
        i = sentence.lower().find(text.lower())
    return Span(start=i, end=i + len(text)) if i >= 0 else None


def mention_out(m: dict[str, Any]) -> MentionOut:
    s = m["sentence_text"] or ""
    return MentionOut(
        mention_id=m["mention_id"],
        article=ArticleRef(id=m["article_id"], title=m["article_title"], url=m["article_url"],
                           date=m["article_date"], source=m["article_source"]),
        trigger_span=find_span(s, m["trigger"]), source_span=find_span(s, m["source_text"]),
        target_span=find_span(s, m["target_text"]),
        **{k: m[k] for k in ("sentence_index", "sentence_text", "trigger", "source_code", "source_name",
                             "source_text", "target_code", "target_name", "target_text", "date",
                             "date_precision", "historical", "cameo_code", "plover_type", "plover_mode",
                             "location_name", "rule", "confidence")},
        explanation=m.get("explanation") or {})


@router.get("/{event_id}", response_model=EventDetail, summary="One event with all its mentions",
            responses={404: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def get_event(store: Annotated[BrowsableStore, Depends(deps.read_store)],
              event_id: Annotated[str, Path(pattern=r"^[0-9a-f]{6,64}$", description="event id (hex)")]
              ) -> EventDetail:
    row = store.event_detail(event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id}")
    mentions = [mention_out(m) for m in row["mentions"]]
    anchor = next((m for m in mentions if m.mention_id == row["anchor_mention_id"]), mentions[0])
    return EventDetail(**event_out(row).model_dump(), provenance=anchor, mentions=mentions)
