"""API security, walked over the app's own route table: tokens on every write route, no SQL or file
access through read routes, bounded sizes, security headers."""
from __future__ import annotations

import hmac
import os
import re
import stat

import pytest
from sec_helpers import fingerprint

from detente.api import auth

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
#: POST routes that compute but never write the store (checked: the store is unchanged after them).
COMPUTE_ONLY = {"/api/code"}
ARTICLE = {"articles": [{"id": "sec-1", "text": "Turkey criticised Greece on Monday, officials said.",
                         "date": "2025-03-26"}]}
SQL_PAYLOADS = ["'; DROP TABLE events; --", "1 OR 1=1", "' UNION SELECT * FROM articles --",
                "x') ; ATTACH '/tmp/evil.db' AS e; --", "read_csv('/etc/passwd')", "TUR%' OR '1'='1",
                "$$; COPY events TO '/tmp/x.csv'; $$", "\\'; INSTALL httpfs; --", "/*", "*/", "\x00", "😀" * 50]


def _spec(client) -> dict:
    return client.get("/openapi.json").json()


def _write_routes(client):
    """(METHOD, path) of every write operation in the app's OpenAPI spec."""
    return [(m.upper(), path) for path, ops in _spec(client)["paths"].items() for m in ops
            if m.upper() in WRITE_METHODS and path not in COMPUTE_ONLY]


def test_security_write_routes_found(sec_client):
    assert ("POST", "/api/articles") in _write_routes(sec_client)


def test_security_no_hidden_write_route(sec_client, db_copy):
    """Every path, in the spec or not, answers write methods without a token with 401/403/404/405."""
    before = fingerprint(db_copy)
    paths = [p.replace("{a}", "TUR").replace("{b}", "USA").replace("{event_id}", "x")
             for p in _spec(sec_client)["paths"]] + ["/", "/docs", "/favicon.ico", "/static/js/main.js"]
    for path in paths:
        for method in sorted(WRITE_METHODS):
            if path in COMPUTE_ONLY and method == "POST":
                continue
            r = sec_client.request(method, path, json=ARTICLE)
            assert r.status_code in (401, 403, 404, 405), (method, path, r.status_code)
    assert fingerprint(db_copy) == before


BAD_AUTH = {
    "missing": ({}, 401),
    "empty bearer": ({"Authorization": "Bearer "}, 401),
    "basic scheme": ({"Authorization": "Basic c2VjcmV0OnNlY3JldA=="}, 401),
    "wrong token": ({"Authorization": "Bearer not-the-token"}, 403),
    "token prefix": ({"Authorization": "Bearer s3cr3t-token-for-test"[:-3]}, 403),
    "token + suffix": ({"Authorization": "Bearer s3cr3t-token-for-testX"}, 403),
    "hash as token": ({"Authorization": f"Bearer {auth.hash_token('s3cr3t-token-for-test')}"}, 403),
}


@pytest.mark.parametrize("case", sorted(BAD_AUTH))
def test_security_every_write_route_refuses_bad_tokens(sec_client, db_copy, monkeypatch, case):
    monkeypatch.setenv("DETENTE_TOKEN", "s3cr3t-token-for-test")
    headers, status = BAD_AUTH[case]
    before = fingerprint(db_copy)
    for method, path in _write_routes(sec_client):
        r = sec_client.request(method, path, json=ARTICLE, headers=headers)
        assert r.status_code == status, (method, path, case, r.text)
        r = sec_client.request(method, path + "?token=s3cr3t-token-for-test", json=ARTICLE, headers=headers)
        assert r.status_code == status, "a token in the query string must not count"
    assert fingerprint(db_copy) == before


def test_security_write_route_accepts_the_right_token(sec_client, db_copy, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "s3cr3t-token-for-test")
    before = fingerprint(db_copy)
    r = sec_client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer s3cr3t-token-for-test"})
    assert r.status_code == 200, r.text
    assert fingerprint(db_copy) != before


def test_security_no_token_configured_means_no_writes(sec_client):
    r = sec_client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403


def test_security_expired_token_refused(sec_client, db_copy, monkeypatch):
    import datetime as dt
    import json

    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    live = auth.create_token(db_copy, label="live", expires_days=30)
    old = auth.create_token(db_copy, label="old", expires_days=1)
    f = auth.token_file(db_copy)
    data = json.loads(f.read_text())
    for t in data["tokens"]:
        if t["label"] == "old":  # expired yesterday
            t["expires"] = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).isoformat(timespec="seconds")
    f.write_text(json.dumps(data))
    assert auth.check_token(db_copy, live) and not auth.check_token(db_copy, old)
    before = fingerprint(db_copy)
    r = sec_client.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {old}"})
    assert r.status_code == 403, r.text
    assert fingerprint(db_copy) == before


def test_security_tokens_stored_hashed_0600_compared_in_constant_time(db_copy, monkeypatch):
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    token = auth.create_token(db_copy, label="t")
    f = auth.token_file(db_copy)
    text = f.read_text()
    assert token not in text and auth.hash_token(token) in text
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o600
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    auth.create_token(db_copy, label="second")
    assert auth.check_token(db_copy, token) and not auth.check_token(db_copy, "wrong")
    assert len(calls) == 4  # every stored hash compared, for a right and a wrong token alike


def test_security_compute_only_routes_do_not_write(sec_client, db_copy):
    before = fingerprint(db_copy)
    for path in COMPUTE_ONLY:
        assert sec_client.post(path, json={"text": ARTICLE["articles"][0]["text"]}).status_code < 500
    assert fingerprint(db_copy) == before


def _get_params(client):
    for path, ops in _spec(client)["paths"].items():
        if "get" in ops:
            params = ops["get"].get("parameters", [])
            yield path, [p["name"] for p in params if p["in"] == "query"], \
                [p["name"] for p in params if p["in"] == "path"]


@pytest.mark.slow  # ~1 min: every payload into every parameter of every read route (make test-slow runs it)
def test_security_read_routes_cannot_run_sql(sec_client, db_copy):
    before = fingerprint(db_copy)
    # one route takes SQL on purpose (GET /api/sql, behind the read-only guard): every payload below goes
    # to it too, and the store must come out unchanged, with no file read or written
    takes_sql = [(path, n) for path, names, _ in _get_params(sec_client) for n in names if "sql" in n.lower()]
    assert takes_sql == [("/api/sql", "sql")]
    n = 0
    for path, names, path_params in _get_params(sec_client):
        for payload in SQL_PAYLOADS:
            url = path
            for p in path_params:
                url = url.replace("{" + p + "}", "TUR" if p in ("a", "b") else "x")
            for name in names or [None]:
                params = {name: payload} if name else {}
                r = sec_client.get(url, params=params)
                n += 1
                assert r.status_code < 500, (url, params, r.text[:300])
                assert "root:x:0:0" not in r.text
        for p in path_params:
            for payload in SQL_PAYLOADS[:4]:
                r = sec_client.get(path.replace("{" + p + "}", payload.replace("/", "%2F")))
                n += 1
                assert r.status_code < 500
    assert n > 200
    assert fingerprint(db_copy) == before
    assert not os.path.exists("/tmp/evil.db") and not os.path.exists("/tmp/x.csv")


TRAVERSAL = ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
             "/static/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd", "/static/%252e%252e/etc/passwd",
             "/api/events/..%2F..%2F..%2Fetc%2Fpasswd", "/api/events/%2e%2e", "/api/dyads/..%2F..%2Fetc/passwd/timeline",
             "/api/events/%00", "/static/js/../../../../../../etc/passwd", "/..%5c..%5c..%5cetc%5cpasswd",
             "/static/vendor/..%2f..%2f..%2fapp.py", "/static/../app.py", "/static/%2e%2e/app.py"]


@pytest.mark.parametrize("path", TRAVERSAL)
def test_security_paths_cannot_escape_to_the_file_system(sec_client, path):
    r = sec_client.get(path)
    assert r.status_code in (400, 404, 405, 422), (path, r.status_code)
    assert "root:x:0:0" not in r.text and "create_app" not in r.text


@pytest.mark.parametrize("url", ["/api/events?limit=501", "/api/events?limit=100000000000000000000",
                                 "/api/events?limit=-1", "/api/events?q=" + "x" * 201,
                                 "/api/events?cursor=" + "A" * 1001,
                                 "/api/dyads/TUR/USA/timeline?by=day&since=1900-01-01&until=2100-01-01",
                                 "/api/dyads/TUR/USA/timeline?by=day&since=0001-01-01&until=9999-12-31",
                                 "/api/dyads/TUR/USA/timeline?by=week&since=1000-01-01&until=2900-01-01"])
def test_security_page_size_and_ranges_bounded(sec_client, url):
    r = sec_client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text[:200])


def test_security_request_size_bounded(sec_client, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "t")
    big = {"articles": [{"text": "x" * (6 * 1024 * 1024)}]}
    for path in ("/api/articles", "/api/code"):
        assert sec_client.post(path, json=big, headers={"Authorization": "Bearer t"}).status_code == 413


@pytest.mark.parametrize("path", ["/", "/docs", "/api/events", "/static/js/main.js", "/nonexistent"])
def test_security_headers_csp_without_inline_script(sec_client, path):
    h = sec_client.get(path).headers
    csp = h.get("content-security-policy", "")
    script = re.search(r"script-src ([^;]*)", csp)
    assert script and "'unsafe-inline'" not in script.group(1) and "'unsafe-eval'" not in script.group(1), csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
