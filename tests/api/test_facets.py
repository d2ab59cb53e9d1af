"""GET /api/facets: counts per value that add up to the /api/events total of the same filters."""
from __future__ import annotations

import pytest

from detente.store.analytics import FACETS

FILTERS = [
    {},
    {"country": "TUR"},
    {"source": "TURGOV", "quad_class": 1},
    {"dyad": "TUR-USA", "factual": "true"},
    {"since": "2025-02-01", "until": "2025-03-31"},
    {"min_confidence": 0.8},
    {"q": "president", "type": "CONSULT"},
]


def _facet(client, field, **params):
    r = client.get("/api/facets", params={"field": field, **params})
    assert r.status_code == 200, r.text
    return r.json()


def _total(client, **params):
    r = client.get("/api/events", params={**params, "limit": 1})
    assert r.status_code == 200, r.text
    return r.json()["total"]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: ",".join(p) or "none")
def test_every_field_adds_up_to_the_events_total(client, params):
    total = _total(client, **params)
    for field in FACETS:
        f = _facet(client, field, limit=1000, **params)
        assert f["field"] == field and f["other"] == 0 and f["total"] == total
        assert sum(c["count"] for c in f["counts"]) == total, (field, params)


def test_counts_are_sorted_by_count_then_value(client):
    counts = _facet(client, "plover_type")["counts"]
    assert counts[0] == {"value": "CONSULT", "count": 3}
    keys = [(-c["count"], c["value"]) for c in counts]
    assert keys == sorted(keys)


def test_events_without_a_value_count_under_null(client):
    counts = {c["value"]: c["count"] for c in _facet(client, "location_country")["counts"]}
    assert counts[None] == 7 and counts["UKR"] == 2


def test_year_and_quad_class_are_numbers_and_source_is_the_outlet(client):
    assert {c["value"] for c in _facet(client, "year")["counts"]} == {2020, 2025}
    assert {c["value"] for c in _facet(client, "quad_class")["counts"]} == {1, 3, 4}
    assert {c["value"] for c in _facet(client, "source")["counts"]} == {"Fixture Wire", "Fixture Herald"}


def test_limit_sums_the_rest_in_other(client):
    f = _facet(client, "plover_type", limit=2)
    assert len(f["counts"]) == 2
    assert sum(c["count"] for c in f["counts"]) + f["other"] == f["total"] == 13


def test_min_confidence_changes_the_counts(analysis_client):
    everything = _facet(analysis_client, "quad_class")
    strict = _facet(analysis_client, "quad_class", min_confidence=0.5)  # drops the 0.3 sanction (quad 4)
    assert strict["total"] == _total(analysis_client, min_confidence=0.5) == everything["total"] - 1 == 6
    quad4 = {c["value"]: c["count"] for c in everything["counts"]}[4]
    assert {c["value"]: c["count"] for c in strict["counts"]}[4] == quad4 - 1


def test_unknown_field_lists_the_valid_ones(client):
    r = client.get("/api/facets", params={"field": "colour"})
    assert r.status_code == 422
    assert "colour" in r.json()["detail"] and all(f in r.json()["detail"] for f in FACETS)


def test_a_missing_field_or_a_bad_limit_is_refused(client):
    assert client.get("/api/facets").status_code == 422
    assert client.get("/api/facets", params={"field": "year", "limit": 0}).status_code == 422


def test_source_null_on_the_analysis_store(analysis_client):
    r = analysis_client.get("/api/facets", params={"field": "source"}).json()
    assert {c["value"]: c["count"] for c in r["counts"]} == {"Wire": 3, None: 4}
