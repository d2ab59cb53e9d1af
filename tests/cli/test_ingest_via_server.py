"""`detente ingest` through a running `detente serve` (the store's single writer) and STORE.server.json."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app, server_info
from detente.cli.remote_ingest import batches
from detente.ingest.items import Rejected
from detente.models import Article

STORE_TESTS = Path(__file__).resolve().parents[1] / "store"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _rec(i: str, *lines: str) -> dict:
    return {"id": i, "title": f"T {i}", "date": "2025-03-26", "source": "AP", "url": f"https://x/{i}",
            "text": "\n".join([f"Officials met on Wednesday in story {i}, the agency reported.", *lines])}


def _jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    return path


# -- the info file ---------------------------------------------------------------------------------
def test_stale_info_file_is_ignored_and_replaced(tmp_path, monkeypatch):
    import uvicorn

    db = tmp_path / "s.duckdb"
    path = server_info.info_file(db)
    path.write_text(json.dumps({"url": "http://127.0.0.1:1", "pid": dead_pid(), "started": "x"}))
    assert server_info.read_info(db) is None  # its pid is gone
    path.write_text("{not json")
    assert server_info.read_info(db) is None
    path.write_text(json.dumps({"url": "http://127.0.0.1:1", "pid": dead_pid(), "started": "x"}))
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: seen.update(info=server_info.read_info(db)))
    r = CliRunner().invoke(app, ["serve", "--db", str(db), "--create", "--port", "9123"])
    assert r.exit_code == 0, r.output
    assert seen["info"].pid == os.getpid() and seen["info"].url == "http://127.0.0.1:9123"
    assert not path.exists()  # removed on shutdown


def test_serve_refuses_a_store_held_by_a_live_server(tmp_path):
    db = tmp_path / "s.duckdb"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        server_info.info_file(db).write_text(json.dumps({"url": "http://127.0.0.1:5", "pid": other.pid}))
        assert server_info.read_info(db).pid == other.pid
        r = CliRunner().invoke(app, ["serve", "--db", str(db), "--create"])
        assert r.exit_code == 2 and "already served by pid" in r.output
        assert server_info.info_file(db).exists()  # another server's file is left alone
    finally:
        other.kill()
        other.wait()


def test_client_url_for_wildcard_and_ipv6():
    assert server_info.client_url("0.0.0.0", 80) == "http://127.0.0.1:80"
    assert server_info.client_url("::", 80) == "http://[::1]:80"


def test_batches_are_bounded():
    items = [Article(id=str(i), text="x" * 1000, origin=f"f:{i}") for i in range(25)] + [Rejected("f:99", "bad")]
    sizes = [len(b["articles"]) + len(b["rejects"]) for b in batches(items, 10)]
    assert sizes == [10, 10, 6]
    small = list(batches(items, 500, max_bytes=5000))
    assert all(len(json.dumps(b)) < 6000 for b in small) and sum(len(b["articles"]) for b in small) == 25


# -- a real server -----------------------------------------------------------------------------------
@pytest.fixture
def served(tmp_path, monkeypatch):
    """A `detente serve` subprocess on a free port over a new store; yields (db, url, token)."""
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    monkeypatch.delenv("DETENTE_DB", raising=False)
    monkeypatch.setenv("DETENTE_CODER", "fake_coder:FakeCoder")
    monkeypatch.syspath_prepend(str(STORE_TESTS))
    db = tmp_path / "s.duckdb"
    token = CliRunner().invoke(app, ["token", "--db", str(db)]).stdout.strip().splitlines()[-1]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DETENTE_TOKEN", "DETENTE_DB")}
    env["PYTHONPATH"] = os.pathsep.join([str(STORE_TESTS), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(db), "--create", "--port",
                             str(port), "--log-level", "warning"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 25
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/health", timeout=2).read()
                if server_info.read_info(db):
                    break
            except Exception:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
            time.sleep(0.2)
        yield db, url, token
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    assert not server_info.info_file(db).exists()  # removed on a clean shutdown


def _stats(url: str) -> dict:
    return json.loads(urllib.request.urlopen(f"{url}/api/stats", timeout=10).read())


def test_ingest_through_server_explicit_and_detected(served, tmp_path, monkeypatch):
    db, url, token = served
    one = _jsonl(tmp_path / "one.jsonl", [_rec("a", "EVENT TURGOV USAGOV 036 2025-03-25 day"),
                                          _rec("b", "EVENT RUSMIL UKR 190 2025-02-10 day"),
                                          "{broken json", _rec("f", "FAIL")])
    r = CliRunner().invoke(app, ["ingest", str(one), "--server", url, "--token", token, "--batch-size", "2"])
    assert r.exit_code == 1, r.output  # rejects
    out = " ".join(r.output.split())
    assert "articles added 2" in out and "rejected items 2" in out and "coding failed" in out
    assert "JSON" in out  # the broken line's reason, read locally and recorded by the server
    s = _stats(url)
    assert (s["articles"], s["mentions"], s["rejects"]) == (2, 2, 2)

    # no --server: the store is held by the live server, found from its info file
    two = _jsonl(tmp_path / "two.jsonl", [_rec("a", "EVENT TURGOV USAGOV 036 2025-03-25 day"),
                                          _rec("c", "EVENT USA TUR 163 2025-03-02 day")])
    r = CliRunner().invoke(app, ["ingest", str(two), "--db", str(db)])
    assert r.exit_code == 2 and "detente token" in r.output and "--token" in r.output  # no token anywhere
    monkeypatch.setenv("DETENTE_TOKEN", token)
    r = CliRunner().invoke(app, ["ingest", str(two), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "held by `detente serve`" in r.output and url in r.output
    s = _stats(url)
    assert (s["articles"], s["mentions"]) == (3, 3)
    events = json.loads(urllib.request.urlopen(f"{url}/api/events?limit=50", timeout=10).read())
    assert "USA" in json.dumps(events)

    r = CliRunner().invoke(app, ["ingest", str(two), "--server", url, "--token", "wrong"])
    assert r.exit_code == 2 and "HTTP 403" in r.output


def test_unreachable_server_is_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv("DETENTE_DB", raising=False)
    f = _jsonl(tmp_path / "in.jsonl", [_rec("a")])
    r = CliRunner().invoke(app, ["ingest", str(f), "--server", f"http://127.0.0.1:{free_port()}", "--token", "t"])
    assert r.exit_code == 2 and "cannot reach the server" in r.output
