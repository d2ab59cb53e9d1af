"""POST /api/code: code one posted article and return its events with explanations (nothing stored)."""
from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from ...models import Article, stable_id
from .. import deps
from ..schemas import CodedEvent, CodeRequest, CodeResponse, ErrorOut
from .events import cameo_name

router = APIRouter(prefix="/api", tags=["coding"])


def load_coder(holder: deps.CoderHolder):
    try:
        return holder.get()
    except Exception as exc:  # the model or a knowledge file failed to load: the service cannot code
        raise HTTPException(503, f"the coder is unavailable: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None


@router.post("/code", response_model=CodeResponse, summary="Code an article (not stored)",
             responses={413: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def code(body: CodeRequest, holder: Annotated[deps.CoderHolder, Depends(deps.coder)]):
    coder = load_coder(holder)
    article = Article(id=body.id or stable_id(body.title or "", body.text), text=body.text, title=body.title,
                      date=body.date, origin="POST /api/code")
    start = time.perf_counter()
    with holder.lock:  # one article at a time through the shared spaCy pipeline
        events = coder.code(article)
    return CodeResponse(article_id=article.id, seconds=round(time.perf_counter() - start, 3), events=[
        CodedEvent(**e.model_dump(include=set(CodedEvent.model_fields) - {"cameo_name", "explanation"}),
                   explanation=dict(e.explanation), cameo_name=cameo_name(e.cameo_code)) for e in events])
