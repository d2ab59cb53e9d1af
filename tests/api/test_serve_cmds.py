"""`detente serve` and `detente token` (CLI, in process)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.api.auth import token_file
from detente.cli import app


def test_serve_refuses_missing_store(tmp_path):
    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2
    assert "no store" in r.output


def test_serve_binds_loopback_by_default(fixture_db, monkeypatch):
    import uvicorn

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(kw, app=app))
    r = CliRunner().invoke(app, ["serve", "--db", str(fixture_db)])
    assert r.exit_code == 0, r.output
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8765)
    assert calls["app"].state.settings.cors_origins == []
    assert calls["timeout_graceful_shutdown"] <= 8  # SIGTERM: stopped within 10 s
    settings = calls["app"].state.settings
    assert set(settings.allowed_hosts) == {"localhost", "127.0.0.1", "::1"}
    assert (settings.max_anonymous_chars, settings.code_queue, settings.code_timeout_s) == (20_000, 8, 60.0)
    assert settings.sql_timeout_s == 5.0


def test_serve_allows_bind_address_and_extra_hosts(fixture_db, monkeypatch):
    import uvicorn

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(kw, app=app))
    monkeypatch.setenv("DETENTE_ALLOWED_HOSTS", "b.example, c.example")
    r = CliRunner().invoke(app, ["serve", "--db", str(fixture_db), "--host", "10.1.2.3", "--allow-host", "a.example",
                                 "--code-max-chars", "500", "--code-queue", "2", "--code-timeout", "9",
                                 "--write-wait", "4", "--sql-timeout", "2.5"])
    assert r.exit_code == 0, r.output
    s = calls["app"].state.settings
    assert {"10.1.2.3", "a.example", "b.example", "c.example", "localhost"} <= set(s.allowed_hosts)
    assert (s.max_anonymous_chars, s.code_queue, s.code_timeout_s, s.write_wait_s) == (500, 2, 9.0, 4.0)
    assert s.sql_timeout_s == 2.5


def test_serve_refuses_bad_limits(fixture_db):
    r = CliRunner().invoke(app, ["serve", "--db", str(fixture_db), "--code-queue", "0"])
    assert r.exit_code == 2 and "--code-queue" in r.output


def test_serve_create_makes_empty_store_and_cors_option(tmp_path, monkeypatch):
    import uvicorn

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(kw, app=app))
    db = tmp_path / "new.duckdb"
    r = CliRunner().invoke(app, ["serve", "--db", str(db), "--create", "--port", "9000",
                                 "--cors-origin", "http://localhost:3000"])
    assert r.exit_code == 0, r.output
    assert db.exists() and calls["port"] == 9000
    assert calls["app"].state.settings.cors_origins == ["http://localhost:3000"]


def test_token_prints_token_once_and_stores_hash(tmp_path):
    db = tmp_path / "s.duckdb"
    r1 = CliRunner().invoke(app, ["token", "--db", str(db)])
    r2 = CliRunner().invoke(app, ["token", "--db", str(db)])
    t1, t2 = r1.stdout.strip().splitlines()[-1], r2.stdout.strip().splitlines()[-1]
    assert t1 != t2 and len(t1) >= 40
    data = json.loads(token_file(db).read_text())
    assert len(data["tokens"]) == 2 and t1 not in token_file(db).read_text()
    assert oct(token_file(db).stat().st_mode & 0o777) == "0o600"
