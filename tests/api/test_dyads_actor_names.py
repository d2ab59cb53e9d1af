"""GET /api/dyads/{a}/{b}/timeline takes actor names in the path as the query filters do: non-ASCII
(Türkiye), with spaces, in any case; an unknown name is 422 with a suggestion, not the path regex's 422."""
from __future__ import annotations

from urllib.parse import quote

import pytest


def _get(client, a: str, b: str):
    return client.get(f"/api/dyads/{quote(a, safe='')}/{quote(b, safe='')}/timeline", params={"by": "year"})


@pytest.mark.parametrize("name", ["Türkiye", "türkiye", "Turkey", "TUR"])
def test_dyad_path_takes_any_name_of_the_actor(client, name):
    res = _get(client, name, "United States")
    assert res.status_code == 200, res.text
    expected = _get(client, "TUR", "USA").json()
    assert res.json() == expected and res.json()["a"] == "TUR" and res.json()["b"] == "USA"


def test_dyad_path_unknown_name_is_422_with_a_suggestion(client):
    res = _get(client, "Türkiyee", "USA")
    assert res.status_code == 422
    detail = res.json()["detail"]
    assert "unknown actor 'Türkiyee'" in detail and "TUR" in detail


def test_dyad_path_too_long_is_422(client):
    assert _get(client, "x" * 101, "USA").status_code == 422
