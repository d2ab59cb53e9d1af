"""The event filters every event route shares (/api/events, /api/facets, /api/series), as one dependency.

Actor filters take a code (TUR, TURGOV) or a country/organisation name (Turkey, Türkiye, NATO), which
``actor_search.resolve_actor`` turns into its code; an unknown name answers 422 with suggestions.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query

from ..errors import UsageError
from ..store import EventFilters
from ..store.read_api import EventQuery
from .actor_search import resolve_actor, resolve_optional

ACTOR_HELP = "an actor code prefix (TUR, TURGOV) or a country/organisation name (Turkey, Türkiye)"
#: ``min_confidence``: the same filter as the CLI's --min-confidence (EventFilters.min_confidence).
MinConfidence = Annotated[float, Query(ge=0, le=1, allow_inf_nan=False,
                                       description="only events with confidence >= this (0-1; 0 = all)")]


def _actor(param: str, value: str | None) -> str | None:
    """The code an actor filter stands for; its UsageError names the parameter."""
    try:
        return resolve_optional(value)
    except UsageError as exc:
        raise UsageError(f"bad query parameter '{param}': {exc.args[0]}") from None


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """"TUR-USA" (or "TUR,USA", or names: "Turkey-USA") -> the two codes."""
    if not value:
        return None
    parts = value.replace(",", "-").split("-")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise UsageError(f"bad dyad {value!r}: expected two actor codes like TUR-USA")
    try:
        return resolve_actor(parts[0]), resolve_actor(parts[1])
    except UsageError as exc:
        raise UsageError(f"bad dyad {value!r}: {exc.args[0]}") from None


def event_query(
    source: Annotated[str | None, Query(max_length=100, description=f"source actor: {ACTOR_HELP}")] = None,
    target: Annotated[str | None, Query(max_length=100, description=f"target actor: {ACTOR_HELP}")] = None,
    dyad: Annotated[str | None, Query(max_length=200, description="A-B: A acted on B or B on A (see directed)")] = None,
    directed: Annotated[bool, Query(description="with dyad: only A acting on B")] = False,
    country: Annotated[str | None, Query(max_length=100, description="source, target or location country "
                                                                     "(code or name)")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root, 2 digits")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO code prefix")] = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER event type, e.g. CONSULT")] = None,
    mode: Annotated[str | None, Query(pattern=r"^[A-Za-z_-]{1,30}$", description="PLOVER mode")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: Annotated[dt.date | None, Query(description="event date >= (YYYY-MM-DD)")] = None,
    until: Annotated[dt.date | None, Query(description="event date <= (YYYY-MM-DD)")] = None,
    historical: Annotated[bool | None, Query(description="only recalled (true) or only current (false) events")] = None,
    factual: Annotated[bool | None, Query(description="only factual (true) or only negated/future/hypothetical")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in any reporting sentence")] = None,
    min_confidence: MinConfidence = 0.0,
) -> EventQuery:
    """Dependency: the filters of the request as an EventQuery (default sort, no cursor)."""
    filters = EventFilters(dyad=parse_dyad(dyad), directed=directed, country=_actor("country", country), type=type,
                           cameo=cameo, since=since, until=until, factual=factual,
                           min_confidence=min_confidence).validated()
    return EventQuery(filters=filters, source=_actor("source", source), target=_actor("target", target), root=root,
                      mode=mode, quad_class=quad_class, historical=historical, text=q)
