"""GET /api/actors?q= matches dictionary names and aliases; names work as event filters."""
from __future__ import annotations

import pytest

from detente.api import actor_search
from detente.api.actor_search import fold


def _actors(client, q, **params):
    r = client.get("/api/actors", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()["actors"]


def test_fold_ignores_case_and_accents():
    assert fold("Türkiye") == fold("TURKIYE") == "turkiye"
    assert fold("  Recep  Tayyip Erdoğan ") == "recep tayyip erdogan"


@pytest.mark.parametrize("q", ["Turkey", "Türkiye", "turkiye", "TÜRKIYE"])
def test_country_names_find_tur_first(client, q):
    top = _actors(client, q)[0]
    assert top["code"] == "TUR" and top["kind"] == "country" and top["entry_id"] == "country:TUR"
    assert top["score"] == 100 and top["name"] == "Türkiye"


def test_erdogan_is_the_person_with_dated_roles(client):
    top = _actors(client, "Erdogan")[0]
    assert top["kind"] == "person" and top["entry_id"] == "person:recep-tayyip-erdogan"
    assert top["code"] == "TURGOV" and top["matched"] == "Erdogan"
    roles = top["roles"]
    assert [r["code"] for r in roles] == ["TURGOV", "TURGOV"]
    assert roles[0]["start"] == "2003-03-14" and roles[0]["end"] == "2014-08-28" and roles[1]["end"] is None
    assert top["events"] == top["as_source"] + top["as_target"] > 0  # TURGOV events in the fixture store


def test_prefix_and_fuzzy_matches_rank_below_exact(client):
    assert _actors(client, "erdo")[0]["entry_id"] == "person:recep-tayyip-erdogan"
    fuzzy = _actors(client, "Erdogn")[0]  # a typo
    assert fuzzy["entry_id"] == "person:recep-tayyip-erdogan" and fuzzy["score"] < 100


def test_codes_seen_in_the_store_are_still_listed(client):
    codes = {a["code"] for a in _actors(client, "rus") if a["kind"] == "code"}
    assert codes == {"RUSMIL", "RUSGOV"}
    assert [a["code"] for a in _actors(client, "TURGOV")][:1] == ["TURGOV"]


def test_without_q_the_store_codes_keep_their_shape(client):
    actors = client.get("/api/actors", params={"limit": 3}).json()["actors"]
    assert len(actors) == 3 and all(a["kind"] == "code" and a["roles"] == [] for a in actors)


@pytest.mark.parametrize("name", ["Turkey", "Türkiye", "TURKEY", "turkey", "TÜRKIYE"])
def test_a_country_name_filters_like_its_code(client, name):
    by_code = client.get("/api/events", params={"source": "TUR"}).json()
    by_name = client.get("/api/events", params={"source": name}).json()
    assert by_name["total"] == by_code["total"] > 0
    assert client.get("/api/events", params={"dyad": f"{name}-USA"}).json()["total"] == \
        client.get("/api/events", params={"dyad": "TUR-USA"}).json()["total"]


def test_an_unknown_name_is_refused_with_a_suggestion(client):
    r = client.get("/api/events", params={"source": "Türkye"})
    assert r.status_code == 422
    assert "unknown actor 'Türkye' — did you mean TUR (Türkiye)" in r.json()["detail"]


def test_a_person_name_is_no_filter(client):
    r = client.get("/api/events", params={"target": "Erdogan"})
    assert r.status_code == 422 and "Recep Tayyip Erdogan" in r.json()["detail"] and "TURGOV" in r.json()["detail"]


@pytest.mark.parametrize("name", ["TURKEY", "turkey", "Turkey", "tur"])
def test_a_country_name_in_any_case_gives_the_codes_series(client, name):
    by_code = client.get("/api/series", params={"actor": "TUR", "by": "year"}).json()
    by_name = client.get("/api/series", params={"actor": name, "by": "year"}).json()
    assert by_name == by_code and by_name["actor"] == "TUR" and sum(p["events"] for p in by_name["periods"]) > 0


@pytest.mark.parametrize("code", ["TURGOV", "turgov", "USAGOV", "TURGOVMIL", "TURG"])
def test_a_one_case_code_stays_a_code(client, code):
    r = client.get("/api/events", params={"source": code})
    assert r.status_code == 200, r.text


def test_a_code_like_token_no_dictionary_knows_is_refused(client):
    r = client.get("/api/events", params={"source": "TURKEYX"})
    assert r.status_code == 422
    assert r.json()["detail"].endswith("unknown actor 'TURKEYX' — did you mean TUR (Türkiye)?")
    r = client.get("/api/series", params={"actor": "QQQQQQ"})
    assert r.status_code == 422 and "unknown actor 'QQQQQQ'" in r.json()["detail"]


def test_is_code_tells_codes_from_names_in_capitals():
    index = actor_search.actor_index()
    assert index.is_code("TURGOV") and index.is_code("RUSMILREB") and index.is_code("TURG")
    assert not index.is_code("TURKEY") and not index.is_code("CYPRUS") and not index.is_code("MEXICO")
