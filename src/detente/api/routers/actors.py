"""GET /api/actors: actor codes seen in the store, most active first."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ...store import Store, read_api
from .. import deps
from ..schemas import ActorList, ActorOut, ErrorOut

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=ActorList, summary="Actors", responses={503: {"model": ErrorOut}})
def list_actors(store: Annotated[Store, Depends(deps.read_store)],
                q: Annotated[str | None, Query(max_length=100, description="code prefix or part of the name")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100):
    return ActorList(actors=[ActorOut(**r) for r in read_api.actors(store, q, limit)])
