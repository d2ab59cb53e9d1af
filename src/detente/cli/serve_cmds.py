"""`detente serve` (HTTP API + dashboard) and `detente token` (make a write token)."""
from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from ..errors import DetenteError
from ..store import default_db_path
from . import app
from .coding import fail
from .options import DbOpt

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


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
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a store."""
    import uvicorn

    from ..api import create_app
    from ..store import Store

    path = db or default_db_path()
    try:
        if not path.exists():
            if not create:
                raise fail(f"no store at {path}: run `detente ingest` first, or pass --create")
            Store(path).close()
        Store(path, read_only=True).close()  # fail now, not on the first request
    except DetenteError as exc:
        raise fail(str(exc)) from None
    origins = list(cor for cor in (cors_origin or []) if cor)
    origins += [o.strip() for o in os.environ.get("DETENTE_CORS_ORIGINS", "").split(",") if o.strip()]
    if host not in LOOPBACK:
        typer.echo(f"warning: binding {host}: the API is reachable from other machines", err=True)
    typer.echo(f"Détente on http://{host}:{port}/  (API docs: /docs, store: {path})", err=True)
    uvicorn.run(create_app(path, cors_origins=origins), host=host, port=port, log_level=log_level,
                server_header=False)


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

