"""The FastAPI app factory: ``create_app(db)`` -> app serving /api/*, /docs and the dashboard at /."""
from __future__ import annotations

from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import StoreError, UsageError
from . import actor_search, deps
from .routers import actors, analysis, articles, coding, dyads, events, export, meta
from .coding_queue import CodingQueue
from .security import BodyLimitMiddleware, HostCheckMiddleware, SecurityHeadersMiddleware

STATIC = Path(str(resources.files("detente.api") / "static"))

DESCRIPTION = """Query coded political events (CAMEO / PLOVER 0.8) and code new articles.

Reads are open; `POST /api/articles` needs `Authorization: Bearer <token>` (see `detente token`).
Request bodies are limited to 5 MB; pages to 500 events; timelines to 1000 periods. `POST /api/code` takes
20,000 characters without a token by default (413), a few requests at once (429) and a time limit (503). Only local
Host names are answered (400 otherwise; `detente serve --allow-host`)."""


def _message(err: dict[str, Any]) -> str:
    loc = [str(x) for x in err.get("loc", ())]
    where = f"{loc[0]} parameter '{'.'.join(loc[1:])}'" if len(loc) > 1 and loc[0] in ("query", "path", "header") \
        else ("body field '" + ".".join(loc[1:]) + "'" if loc[:1] == ["body"] and len(loc) > 1 else "request")
    return f"bad {where}: {err.get('msg', 'invalid')}"


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    detail = "; ".join(_message(e) for e in errors[:5]) or "invalid request"
    return JSONResponse({"detail": detail, "errors": [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")}
                                                      for e in errors[:20]]}, status_code=422)


async def _usage_error(request: Request, exc: UsageError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=422)


async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
    return JSONResponse({"detail": f"store unavailable: {exc}"}, status_code=503)


async def _busy(request: Request, exc: deps.Busy) -> JSONResponse:
    return JSONResponse({"detail": f"busy: {exc}; retry later"}, status_code=503,
                        headers={"Retry-After": str(exc.retry_after)})


def create_app(db: Path | str, *, cors_origins: list[str] | None = None,
               coder_factory: Callable[[], Any] | None = None, max_body_bytes: int = 5 * 1024 * 1024,
               allowed_hosts: list[str] | None = None, warm_coder: bool = False, **limits: Any) -> FastAPI:
    """The API over the store at ``db`` (opened read-only per request; written only by POST /api/articles).

    ``cors_origins``: origins allowed to call the API from a browser (none by default: CORS off).
    ``coder_factory``: builds the coder for POST /api/code and /api/articles (default: pipeline.Coder).
    ``allowed_hosts``: Host header names answered (default: localhost, 127.0.0.1, ::1; ``*``: any).
    ``warm_coder``: load the coder and code one sentence, and build the actor name index, at start-up,
    before the server accepts connections, so /api/health answers only once POST /api/code and name
    searches are fast (``detente serve`` does).
    ``limits``: other ApiSettings fields (write_wait_s, read_wait_s, max_anonymous_chars, code_queue,
    code_timeout_s, sql_timeout_s).
    """
    known = {"write_wait_s", "read_wait_s", "max_anonymous_chars", "code_queue", "code_timeout_s", "sql_timeout_s"}
    if set(limits) - known:
        raise TypeError(f"create_app: unknown limit(s) {', '.join(sorted(set(limits) - known))}")
    settings = deps.ApiSettings(db=Path(db), cors_origins=list(cors_origins or []),
                                max_body_bytes=max_body_bytes, coder_factory=coder_factory,
                                allowed_hosts=list(allowed_hosts or deps.LOCAL_HOSTS), **limits)
    app = FastAPI(title="Détente API", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.settings = settings
    app.state.gate = deps.StoreGate(settings.db, read_wait_s=settings.read_wait_s,
                                    write_wait_s=settings.write_wait_s)
    app.state.coder = deps.CoderHolder(coder_factory)
    app.state.coding = CodingQueue(app.state.coder.lock, size=settings.code_queue,
                                   timeout_s=settings.code_timeout_s)
    app.router.on_shutdown.append(app.state.coding.close)  # a running article never delays shutdown
    if warm_coder:  # uvicorn runs start-up handlers before it binds the port
        app.router.on_startup.append(partial(coding.warm_up, app.state.coder))
        app.router.on_startup.append(actor_search.warm_up)  # after the coder: its dictionary is loaded then
    for module in (events, export, dyads, actors, analysis, meta, coding, articles):
        app.include_router(module.router)
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]  # Starlette types a handler as taking Exception; ours take the class they handle
    app.add_exception_handler(UsageError, _usage_error)  # type: ignore[arg-type]  # Starlette types a handler as taking Exception; ours take the class they handle
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]  # Starlette types a handler as taking Exception; ours take the class they handle
    app.add_exception_handler(deps.Busy, _busy)  # type: ignore[arg-type]  # Starlette types a handler as taking Exception; ours take the class they handle

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        # Swagger UI vendored under static/vendor: works offline and without inline script.
        return FileResponse(STATIC / "docs.html")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "Accept"])
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=max_body_bytes)
    app.add_middleware(HostCheckMiddleware, allowed=settings.allowed_hosts)  # outermost: checked first
    return app
