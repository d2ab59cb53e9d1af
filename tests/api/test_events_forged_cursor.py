"""GET /api/events with a forged cursor: huge numbers, wrong types, NaN, base64 of garbage -> 422 with a
one-line message, never 500; the cursors the API itself hands out still work for every sort."""
from __future__ import annotations

import base64
import json

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.testing.fixtures import FixtureCoder

SORTS = ["date", "-date", "goldstein", "-goldstein", "confidence", "-confidence", "mentions", "-mentions", "source",
         "-place"]


def _cursor(raw: bytes | dict) -> str:
    data = raw if isinstance(raw, bytes) else json.dumps(raw).encode()
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@pytest.fixture(scope="module")
def lenient(fixture_db) -> TestClient:
    """A client that answers 500 instead of raising, so a server error is seen as a status code."""
    return TestClient(create_app(fixture_db, coder_factory=FixtureCoder), raise_server_exceptions=False, base_url="http://localhost")


KEYS = [1.5e300, -1.5e300, 2**127, -(2**127), 2**63, 2**31, 10**400, 1.5, True, None, "x", [1], {"a": 1},
        "NaN", "99999-01-01", "2025-02-30", "y" * 300]


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("key", KEYS, ids=repr)
def test_events_forged_cursor_key_is_422(lenient, sort, key):
    r = lenient.get("/api/events", params={"sort": sort, "cursor": _cursor({"s": sort, "k": key, "i": "abc"})})
    assert r.status_code in (200, 422), (sort, key, r.status_code, r.text[:300])
    if r.status_code == 422:
        assert "cursor" in r.json()["detail"] and "\n" not in r.json()["detail"]


@pytest.mark.parametrize("sort", ["mentions", "-mentions"])
@pytest.mark.parametrize("key", [1.5e300, 2**127, -(2**127), 2**31, 1.5, True, "7"], ids=repr)
def test_events_forged_count_cursor_is_refused(lenient, sort, key):
    """The reported 500s: an integer sort key that DuckDB cannot bind."""
    r = lenient.get("/api/events", params={"sort": sort, "cursor": _cursor({"s": sort, "k": key, "i": "abc"})})
    assert r.status_code == 422, r.text[:300]


@pytest.mark.parametrize("raw", [b"\xff\xfe garbage \x00", b"[1,2]", b"null", b"1e999", b'{"s":"date"}',
                                 b'{"s":"date","k":"2025-01-01","i":["x"]}', b'{"s":"date","k":"2025-01-01","i":5}',
                                 b'{"s":"goldstein","k":NaN,"i":"a"}', b"[" * 500, b"{" + b'"s":"date",' * 60 + b"}"])
def test_events_forged_cursor_body_is_422(lenient, raw):
    sort = "goldstein" if b"goldstein" in raw else "date"
    r = lenient.get("/api/events", params={"sort": sort, "cursor": _cursor(raw)[:1000]})
    assert r.status_code == 422, r.text[:300]


@pytest.mark.parametrize("sort", SORTS)
def test_events_real_cursor_still_pages(client, sort):
    first = client.get("/api/events", params={"sort": sort, "limit": 2}).json()
    assert first["next_cursor"]
    second = client.get("/api/events", params={"sort": sort, "limit": 2, "cursor": first["next_cursor"]})
    assert second.status_code == 200
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in second.json()["events"]}
