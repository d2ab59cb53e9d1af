"""POST /api/articles: code and store articles; needs ``Authorization: Bearer <token>``."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

from ...ingest.items import Rejected
from ...models import Article
from .. import auth, deps
from ..schemas import ArticlesIn, ErrorOut, IngestOut, RejectOut
from .coding import checked_article, load_coder
from .tokens import bearer

router = APIRouter(prefix="/api", tags=["articles"])


def require_token(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """401 without a Bearer token, 403 with a wrong one (or when no token is configured at all)."""
    if creds is None or creds.scheme.lower() != "bearer" or not creds.credentials:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    db = request.app.state.settings.db
    if not auth.known_hashes(db):
        raise HTTPException(403, "writes are disabled: no token configured (set DETENTE_TOKEN or run `detente token`)")
    if not auth.check_token(db, creds.credentials):
        raise HTTPException(403, "invalid token")


@router.post("/articles", response_model=IngestOut, summary="Ingest articles (token required)",
             dependencies=[Depends(require_token)],
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut},
                        422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def ingest(body: ArticlesIn, holder: Annotated[deps.CoderHolder, Depends(deps.coder)],
           gate: Annotated[deps.StoreGate, Depends(deps.gate)]) -> IngestOut:
    coder = load_coder(holder)
    # the CLI's checks: an article with NUL bytes (or empty, or not English) becomes a reject
    articles = [checked_article(a.origin or f"POST /api/articles #{i}", text=a.text, title=a.title, date=a.date,
                                id=a.id, source=a.source, url=a.url)
                for i, a in enumerate(body.articles)]
    items = [Rejected(r.item, " ".join(r.reason.split()), r.code) for r in body.rejects] + articles
    rejected = [RejectOut(item=r.item, reason=r.reason) for r in items if isinstance(r, Rejected)]
    with gate.writer() as store, holder.lock:
        summary = store.ingest(items, coder)
        if summary.rejects > len(rejected):  # rejected while storing (coder failure, id clash): name them
            names = [a.origin for a in articles if isinstance(a, Article)]
            rows = store.query(f'SELECT item, reason FROM rejects WHERE item IN ({", ".join("?" * len(names))}) '
                               f'ORDER BY "at" DESC LIMIT ?', [*names, summary.rejects - len(rejected)]) \
                if names else []
            rejected += [RejectOut(item=str(i), reason=str(r)) for i, r in rows]
    return IngestOut(**summary.as_dict(), rejected=rejected)
