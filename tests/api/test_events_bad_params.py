"""Invalid parameters give 422 with a message that names the parameter."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("params, words", [
    ({"limit": 0}, ["limit"]),
    ({"limit": 501}, ["limit"]),
    ({"limit": "many"}, ["limit"]),
    ({"since": "2025-13-01"}, ["since"]),
    ({"since": "2025-04-01", "until": "2025-01-01"}, ["after"]),
    ({"type": "DANCE"}, ["PLOVER type"]),
    ({"root": "7"}, ["root"]),
    ({"cameo": "04a"}, ["cameo"]),
    ({"source": "TUR;DROP"}, ["source"]),
    ({"dyad": "TUR"}, ["dyad"]),
    ({"dyad": "TUR-USA-RUS"}, ["dyad"]),
    ({"sort": "random"}, ["sort"]),
    ({"cursor": "not-a-cursor"}, ["cursor"]),
    ({"quad_class": 5}, ["quad_class"]),
    ({"format": "xml"}, ["format"]),
    ({"historical": "maybe"}, ["historical"]),
    ({"q": "x" * 201}, ["q"]),
])
def test_events_bad_parameter_is_422_with_clear_message(client, params, words):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str)
    assert all(w in detail for w in words), detail


@pytest.mark.parametrize("path", [
    "/api/dyads/TUR/USA/timeline?by=fortnight",
    "/api/dyads/TUR/USA/timeline?by=day&since=1990-01-01",
    "/api/dyads/TUR%20X/USA/timeline",
    "/api/events/not-hex!",
    "/api/actors?limit=0",
])
def test_bad_path_or_query_is_422(client, path):
    r = client.get(path)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]
