"""POST /api/code: code one posted article and return its events with explanations (nothing stored).

Open to anyone, so it is bounded: text over ``max_anonymous_chars`` needs a write token (413), at
most ``code_queue`` requests wait or run (429 beyond), each ends after ``code_timeout_s`` (503), and
coding runs on its own thread (api/coding_queue.py) so the other routes keep answering.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

from ...ingest.items import ReadOptions, Rejected, build_article
from ...models import Article, Event
from .. import auth, deps
from ..coding_queue import CodingTimeout, QueueFull
from ..schemas import CodedEvent, CodeRequest, CodeResponse, ErrorOut
from ..event_params import MinConfidence
from .events import cameo_name
from .tokens import bearer

router = APIRouter(prefix="/api", tags=["coding"])

RETRY_AFTER = "5"
#: Coded once before the server answers (``create_app(warm_coder=True)``), so that the first request
#: finds the model, the knowledge, the phrase table and the trained models all loaded.
WARM_UP_TEXT = "Turkey's foreign minister met his Greek counterpart in Athens on Tuesday."


def load_coder(holder: deps.CoderHolder) -> Any:
    try:
        return holder.get()
    except Exception as exc:  # the model or a knowledge file failed to load: the service cannot code
        raise HTTPException(503, f"the coder is unavailable: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None


def warm_up(holder: deps.CoderHolder) -> None:
    """Load the coder and code one sentence (which builds what loads lazily on first use). A failure is
    logged, not raised: the API still serves reads, and POST /api/code answers 503 with the reason."""
    log = logging.getLogger("uvicorn.error")
    start = time.perf_counter()
    log.info("loading the coder (POST /api/code) ...")
    try:
        coder = holder.get()
        article = checked_article("warm-up", text=WARM_UP_TEXT, date="2025-03-26")
        if not isinstance(article, Rejected):
            coder.code(article)
    except Exception as exc:
        log.warning("the coder could not be loaded: %s: %s", type(exc).__name__, exc)
        return
    log.info("coder ready in %.1f s", time.perf_counter() - start)


def checked_article(item: str, *, text: str, title: str | None = None, date: Any = None, id: str | None = None,
                    source: str | None = None, url: str | None = None) -> Article | Rejected:
    """The CLI's article checks (ingest.items.build_article): normalised text; NUL bytes, empty text
    and non-English text rejected."""
    return build_article(item, text, ReadOptions(), title=title, date=date, article_id=id, source=source, url=url)


def authorised(request: Request, creds: HTTPAuthorizationCredentials | None) -> bool:
    if creds is None or creds.scheme.lower() != "bearer" or not creds.credentials:
        return False
    return auth.check_token(request.app.state.settings.db, creds.credentials)


@router.post("/code", response_model=CodeResponse, summary="Code an article (not stored)",
             responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}, 429: {"model": ErrorOut},
                        503: {"model": ErrorOut}})
async def code(request: Request, body: CodeRequest, holder: Annotated[deps.CoderHolder, Depends(deps.coder)],
               creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
               min_confidence: MinConfidence = 0.0) -> CodeResponse:
    settings: deps.ApiSettings = request.app.state.settings
    if len(body.text) > settings.max_anonymous_chars and not authorised(request, creds):
        raise HTTPException(413, f"text has {len(body.text):,} characters; the limit without a write token is "
                                 f"{settings.max_anonymous_chars:,} (send Authorization: Bearer <token>)")
    article = checked_article("POST /api/code", text=body.text, title=body.title, date=body.date, id=body.id)
    if isinstance(article, Rejected):
        raise HTTPException(422, f"bad body field 'text': {article.reason}")

    def job() -> tuple[list[Event], float]:
        coder = load_coder(holder)
        start = time.perf_counter()
        return coder.code(article), time.perf_counter() - start

    try:
        future = request.app.state.coding.submit(job)
    except QueueFull as exc:
        raise HTTPException(429, f"too many coding requests: {exc}; retry later",
                            headers={"Retry-After": RETRY_AFTER}) from None
    except CodingTimeout as exc:
        raise HTTPException(503, f"coding unavailable: {exc}", headers={"Retry-After": RETRY_AFTER}) from None
    try:
        events, seconds = await asyncio.wrap_future(future)
    except CodingTimeout as exc:
        raise HTTPException(503, f"coding stopped: {exc}", headers={"Retry-After": RETRY_AFTER}) from None
    return CodeResponse(article_id=article.id, seconds=round(seconds, 3), events=[
        CodedEvent(**e.model_dump(include=set(CodedEvent.model_fields) - {"cameo_name", "explanation"}),
                   explanation=dict(e.explanation), cameo_name=cameo_name(e.cameo_code))
        for e in events if e.confidence >= min_confidence])
