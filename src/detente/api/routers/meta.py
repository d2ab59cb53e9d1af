"""GET /api/stats and GET /api/health."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from ... import __version__
from ...store import BrowsableStore
from .. import auth, deps
from ..schemas import ErrorOut, Health, Stats

router = APIRouter(prefix="/api", tags=["meta"])


@router.get("/stats", response_model=Stats, summary="Store totals", responses={503: {"model": ErrorOut}})
def stats(store: Annotated[BrowsableStore, Depends(deps.read_store)]) -> Stats:
    s = store.stats()
    return Stats(**{k: s[k] for k in ("articles", "mentions", "events", "rejects", "factual_events",
                                      "merged_events", "first_date", "last_date", "migrations")},
                 by_quad_class={str(k): v for k, v in s["by_quad_class"].items()},
                 by_plover_type=store.plover_type_counts())


@router.get("/health", response_model=Health, summary="Liveness and store check", responses={503: {"model": ErrorOut}})
def health(store: Annotated[BrowsableStore, Depends(deps.read_store)],
           settings: Annotated[deps.ApiSettings, Depends(deps.settings)]) -> Health:
    # read_only describes the server, not this request's connection (reads always use a read-only one)
    write_enabled = bool(auth.known_hashes(settings.db))
    return Health(status="ok", version=__version__, events=store.count_events(),
                  read_only=not write_enabled, write_enabled=write_enabled)
