"""GET /api/dyads/{a}/{b}/timeline: per-period counts and Goldstein, in both directions."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from ...store import BrowsableStore
from .. import deps
from ..actor_search import resolve_actor
from ..event_params import ACTOR_HELP, MinConfidence
from ..schemas import ErrorOut, Timeline, TimelineBucket, TimelinePoint

router = APIRouter(prefix="/api/dyads", tags=["dyads"])
#: Any name, as the query filters take it (Türkiye, "United States", turgov): resolve_actor decides, and
#: answers 422 with suggestions for a name it does not know.
ActorCode = Annotated[str, Path(min_length=1, max_length=100, description=ACTOR_HELP)]


def _bucket(b: dict[str, Any]) -> TimelineBucket:
    return TimelineBucket(**b, cooperation=b["q1"] + b["q2"], conflict=b["q3"] + b["q4"])


@router.get("/{a}/{b}/timeline", response_model=Timeline, summary="Dyad timeline",
            description="Factual events between A and B per period: counts per quad class, mean and sum "
                        "Goldstein, for A->B, B->A and both. Empty periods are included; at most "
                        "1000 periods per request. `min_confidence` drops less confident events.",
            responses={422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def timeline(store: Annotated[BrowsableStore, Depends(deps.read_store)],
             settings: Annotated[deps.ApiSettings, Depends(deps.settings)],
             a: ActorCode, b: ActorCode,
             by: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
             since: Annotated[dt.date | None, Query()] = None,
             until: Annotated[dt.date | None, Query()] = None,
             min_confidence: MinConfidence = 0.0) -> Timeline:
    a, b = resolve_actor(a), resolve_actor(b)
    rows = store.dyad_series(a, b, by, since=since, until=until, max_periods=settings.max_periods,
                             min_confidence=min_confidence)
    return Timeline(a=a, b=b, by=by, periods=[
        TimelinePoint(period=r["period"], a_to_b=_bucket(r["a_to_b"]), b_to_a=_bucket(r["b_to_a"]),
                      total=_bucket(r["total"])) for r in rows])
