"""`detente serve` (HTTP API + dashboard) and `detente token` (make a write token)."""
from __future__ import annotations

import os
import signal
import threading
from typing import Annotated, Optional

import typer

from ..errors import DetenteError
from ..store import default_db_path
from . import app, server_info
from .coding import fail
from .options import DbOpt

LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: seconds uvicorn lets open requests finish after SIGTERM/Ctrl-C (the whole shutdown stays under 10 s)
SHUTDOWN_GRACE_S = 5


@app.command("serve")
def serve_cmd(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Interface to bind; anything but loopback exposes the API.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8765,
    cors_origin: Annotated[Optional[list[str]], typer.Option(
        "--cors-origin", help="Allow browser calls from this origin (repeatable; default: CORS off). "
                              "Also $DETENTE_CORS_ORIGINS, comma-separated.")] = None,
    create: Annotated[bool, typer.Option("--create", help="Create an empty store if the file does not exist.")] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
    allow_host: Annotated[Optional[list[str]], typer.Option(
        "--allow-host", help="Also answer requests whose Host header names this host (repeatable; * = any). "
                             "Default: localhost, 127.0.0.1, ::1 and the --host address; others get 400. "
                             "Also $DETENTE_ALLOWED_HOSTS, comma-separated.")] = None,
    write_wait: Annotated[float, typer.Option("--write-wait", min=0.1, help="Seconds a write waits for the store before 503 + Retry-After.")] = 30.0,
    code_max_chars: Annotated[int, typer.Option("--code-max-chars", min=1, help="Longest text POST /api/code takes without a write token (413 beyond).")] = 20_000,
    code_queue: Annotated[int, typer.Option("--code-queue", min=1, help="POST /api/code requests that may wait or run at once (429 beyond).")] = 8,
    code_timeout: Annotated[float, typer.Option("--code-timeout", min=0.1, help="Seconds one POST /api/code request may take, queue included (then 503).")] = 60.0,
    sql_timeout: Annotated[float, typer.Option("--sql-timeout", min=0.1, help="Seconds a GET /api/sql query may run before it is interrupted (408).")] = 5.0,
    lazy_coder: Annotated[bool, typer.Option("--lazy-coder", help="Load the coder on the first POST /api/code, and the actor name index on the first name search, instead of before serving (starts faster; those first requests then wait).")] = False,
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a store.

    The coder and the actor name index are loaded before the port opens (unless --lazy-coder): once
    /api/health answers, POST /api/code answers at coding speed and name searches without delay."""
    import uvicorn

    from ..api import create_app
    from ..store import open_store

    path = db or default_db_path()
    try:
        if not path.exists():
            if not create:
                raise fail(f"no store at {path}: run `detente ingest` first, or pass --create")
            open_store(path).close()
        open_store(path, read_only=True).close()  # fail now, not on the first request
    except DetenteError as exc:
        raise fail(str(exc)) from None
    origins = list(cor for cor in (cors_origin or []) if cor)
    origins += [o.strip() for o in os.environ.get("DETENTE_CORS_ORIGINS", "").split(",") if o.strip()]
    hosts = [*LOOPBACK, host, *(h for h in (allow_host or []) if h)]
    hosts += [h.strip() for h in os.environ.get("DETENTE_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if host not in LOOPBACK:
        typer.echo(f"warning: binding {host}: the API is reachable from other machines", err=True)
        if host in ("0.0.0.0", "::") and len(hosts) == len(LOOPBACK) + 1:
            typer.echo("warning: only the Host names localhost/127.0.0.1/::1 are answered: add --allow-host NAME "
                       "for the name clients use", err=True)
    held = server_info.read_info(path)
    if held is not None and held.pid != os.getpid():
        raise fail(f"{path} is already served by pid {held.pid} at {held.url} "
                   f"({server_info.info_file(path).name}); stop that server first")
    typer.echo(f"Détente on http://{host}:{port}/  (API docs: /docs, store: {path})", err=True)
    coder_factory = None
    if os.environ.get("DETENTE_CODER"):  # the same test hook as `ingest`
        from .store_cmds import make_coder

        coder_factory = make_coder
    app_ = create_app(path, cors_origins=origins, allowed_hosts=hosts, write_wait_s=write_wait,
                      read_wait_s=write_wait, max_anonymous_chars=code_max_chars, code_queue=code_queue,
                      code_timeout_s=code_timeout, sql_timeout_s=sql_timeout, coder_factory=coder_factory,
                      warm_coder=not lazy_coder)
    try:  # `detente ingest` finds the server here and writes through it (DuckDB allows one writer)
        server_info.write_info(path, host, port)
    except OSError as exc:
        typer.echo(f"warning: cannot write {server_info.info_file(path)} ({exc.strerror or exc}): "
                   f"`detente ingest` will not find this server; use `ingest --server URL`", err=True)
    # uvicorn re-raises SIGTERM after its shutdown: exit through SystemExit so the info file is removed
    previous = signal.signal(signal.SIGTERM, _exit_on_signal) if _main_thread() else None
    try:
        # SIGTERM: open requests get SHUTDOWN_GRACE_S, then are cancelled and a running article is interrupted
        uvicorn.run(app_, host=host, port=port, log_level=log_level, server_header=False,
                    timeout_graceful_shutdown=SHUTDOWN_GRACE_S)
    finally:
        server_info.remove_info(path)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@app.command("token")
def token_cmd(
    db: DbOpt = None,
    label: Annotated[str, typer.Option("--label", help="A note stored with the token's hash.")] = "",
    expires_days: Annotated[Optional[float], typer.Option("--expires-days", help="Days until the token expires, over 0 and at most 36,500 (default: never).")] = None,
) -> None:
    """Create a write token for POST /api/articles; prints it once and stores only its sha256 hash."""
    from ..api.auth import check_expires_days, create_token, token_file

    path = db or default_db_path()
    try:
        check_expires_days(expires_days)
        if not path.parent.exists():
            raise fail(f"directory {path.parent} does not exist")
        token = create_token(path, label, expires_days=expires_days)
    except DetenteError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"hash stored in {token_file(path)}; use: Authorization: Bearer <token>", err=True)
    typer.echo(token)

