"""Security: headers, CSP without inline script, CORS off by default, reads cannot write."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.api.app import STATIC


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/health", "/static/js/main.js", "/api/events/00000000"])
def test_security_headers_on_every_response(client, path):
    h = client.get(path).headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    csp = h["content-security-policy"]
    script = re.search(r"script-src ([^;]*)", csp).group(1)
    assert script.strip() == "'self'"
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp


def test_dashboard_has_no_inline_script_and_no_remote_urls():
    for path in STATIC.rglob("*"):
        if path.suffix not in {".html", ".js", ".css"} or "vendor" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), path
        if path.suffix == ".html":
            for tag in re.findall(r"<script[^>]*>", text):
                assert "src=" in tag, (path, tag)
            assert not re.search(r"<script[^>]*>(?!</script>)\s*\S", text), path
            assert not re.search(r"\son[a-z]+=", text), path  # no inline event handlers


def test_cors_is_off_by_default(client):
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/events", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_allows_only_configured_origins(fixture_db):
    c = TestClient(create_app(fixture_db, cors_origins=["https://ok.example"]), base_url="http://localhost")
    assert c.get("/api/health", headers={"Origin": "https://ok.example"}).headers["access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in c.get("/api/health", headers={"Origin": "https://evil.example"}).headers


@pytest.mark.parametrize("params", [
    {"q": "'); DROP TABLE events; --"},
    {"q": "%' OR 1=1 --"},
    {"type": "CONSULT' OR '1'='1"},
    {"mode": "x'); DELETE FROM events; --"},
    {"dyad": "TUR-USA'--"},
    {"q": "\\'; COPY events TO '/tmp/x.csv'; --"},
])
def test_crafted_filters_cannot_change_the_store(client, params):
    before = client.get("/api/stats").json()
    r = client.get("/api/events", params=params)
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert r.json()["total"] == 0
    assert client.get("/api/stats").json() == before


def test_reads_use_a_read_only_connection(client, fixture_db):
    app = client.app
    with app.state.gate.reader() as store:
        assert store.read_only
        with pytest.raises(Exception):
            store.con.execute("DELETE FROM events")
    assert client.get("/api/stats").json()["events"] == 13


def test_server_header_not_leaked_by_app(client):
    assert "x-powered-by" not in client.get("/api/health").headers
