"""GET /api/actors: actor codes seen in the store, most active first; with ``q``, also the countries,
organisations, groups and people of the actor dictionaries whose name or alias matches."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ...store import BrowsableStore, analytics
from .. import deps
from ..actor_search import EXACT, Match, actor_index
from ..schemas import ActorList, ActorOut, ErrorOut, RoleOut

router = APIRouter(prefix="/api/actors", tags=["actors"])
#: Rank of a store code against dictionary scores: the code itself, a longer code, a name containing q.
_CODE_EXACT, _CODE_PREFIX, _NAME_PART = EXACT, 95.0, 70.0
_KIND_RANK = {"country": 0, "igo": 1, "ngo": 2, "group": 3, "person": 4, "code": 5}


def _store_actor(row: dict[str, Any], q: str) -> ActorOut:
    code = str(row["code"])
    score = _CODE_EXACT if code == q.upper() else _CODE_PREFIX if code.startswith(q.upper()) else _NAME_PART
    return ActorOut(**row, score=score)


def _dictionary_actor(m: Match, counts: dict[str, tuple[int, int]]) -> ActorOut:
    e = m.entry
    as_source, as_target = counts.get(e.code, (0, 0))
    return ActorOut(code=e.code, name=e.name, country=e.code[:3] or None, agent=e.code[3:6] or None,
                    as_source=as_source, as_target=as_target, events=as_source + as_target, kind=e.kind,
                    entry_id=e.entry_id, matched=m.matched, score=round(m.score, 1),
                    roles=[RoleOut(code=r.code, start=r.from_, end=r.to, title=r.title) for r in e.roles])


@router.get("", response_model=ActorList, summary="Actors",
            description="Without `q`: the actor codes seen in the store, most active first. With `q`: those "
                        "whose code starts with `q` or whose name contains it, and the dictionary entries "
                        "(countries, organisations, groups, people) whose name or alias equals, starts with or "
                        "resembles `q`, ignoring case and accents (`Turkey`, `Türkiye` -> TUR; `Erdogan` -> the "
                        "person, with his dated roles). Ranked by `score`, then kind, then events. Event counts "
                        "are for the code exactly (a person's count is that of his current role's code).",
            responses={503: {"model": ErrorOut}})
def list_actors(store: Annotated[BrowsableStore, Depends(deps.read_store)],
                q: Annotated[str | None, Query(max_length=100, description="code prefix, name or alias")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> ActorList:
    seen = [_store_actor(r, q) if q else ActorOut(**r) for r in store.actors(q, limit)]
    if not q or not q.strip():
        return ActorList(actors=seen)
    matches = actor_index().search(q, limit)
    counts = analytics.code_counts(store, sorted({m.entry.code for m in matches if m.entry.code}))
    found = [_dictionary_actor(m, counts) for m in matches]
    countries = {a.code: a for a in found if a.kind == "country"}
    for a in seen:  # a stored country code is its dictionary entry: one row, the better score
        if a.code in countries:
            countries[a.code].score = max(countries[a.code].score or 0.0, a.score or 0.0)
    merged = found + [a for a in seen if a.code not in countries]
    merged.sort(key=lambda a: (-(a.score or 0.0), _KIND_RANK.get(a.kind, 9), -a.events, a.code))
    return ActorList(actors=merged[:limit])
