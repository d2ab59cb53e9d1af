"""GET /api/dyads/{a}/{b}/timeline: both directions, quad classes, Goldstein mean and sum."""
from __future__ import annotations


def _timeline(client, a, b, **params):
    r = client.get(f"/api/dyads/{a}/{b}/timeline", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_timeline_splits_directions_and_sums(client):
    t = _timeline(client, "TUR", "USA", by="month")
    by_period = {p["period"]: p for p in t["periods"]}
    jan, mar = by_period["2025-01-01"], by_period["2025-03-01"]
    # January: USA sanctions Turkey (163, q4, -8) and Turkey criticises (111, q3, -2).
    assert jan["b_to_a"]["q4"] == 1 and jan["b_to_a"]["goldstein_sum"] == -8.0
    assert jan["a_to_b"]["q3"] == 1 and jan["a_to_b"]["conflict"] == 1
    assert jan["total"]["events"] == 2 and jan["total"]["goldstein_mean"] == -5.0
    # March: meetings, call, praise (cooperation) and a demand (verbal conflict), all TUR -> USA.
    assert mar["a_to_b"]["cooperation"] == 4 and mar["a_to_b"]["conflict"] == 1
    assert mar["b_to_a"]["events"] == 0 and mar["b_to_a"]["goldstein_mean"] is None
    assert mar["total"]["mentions"] == 6


def test_timeline_includes_empty_periods_and_skips_non_factual(client):
    t = _timeline(client, "TUR", "USA", by="month")
    assert [p["period"] for p in t["periods"]][:3] == ["2020-12-01", "2021-01-01", "2021-02-01"]
    assert t["periods"][1]["total"]["events"] == 0
    china = _timeline(client, "CHN", "USA", by="month")  # the May talks are hypothetical
    assert [p["period"] for p in china["periods"]] == ["2025-04-01"]


def test_timeline_swapping_actors_swaps_directions(client):
    ab = _timeline(client, "TUR", "USA", by="year", since="2025-01-01")
    ba = _timeline(client, "USA", "TUR", by="year", since="2025-01-01")
    assert ab["periods"][0]["a_to_b"] == ba["periods"][0]["b_to_a"]
    assert ab["periods"][0]["total"] == ba["periods"][0]["total"]


def test_timeline_week_and_day_periods_start_on_period_boundaries(client):
    weeks = _timeline(client, "TUR", "USA", by="week", since="2025-03-01", until="2025-03-31")["periods"]
    assert weeks[0]["period"] == "2025-02-24"  # Monday of the week holding March 1st
    days = _timeline(client, "TUR", "USA", by="day", since="2025-03-16", until="2025-03-26")["periods"]
    assert len(days) == 11 and days[0]["total"]["events"] == 1


def test_timeline_without_events_is_empty(client):
    assert _timeline(client, "FRA", "DEU")["periods"] == []


def test_timeline_at_the_edges_of_the_calendar_is_not_an_error(client):
    for by in ("day", "week", "month", "year"):
        assert _timeline(client, "TUR", "USA", by=by, since="9999-12-31", until="9999-12-31")["periods"]
        assert _timeline(client, "TUR", "USA", by=by, since="0001-01-01", until="0001-01-01")["periods"]


def test_timeline_honours_min_confidence(analysis_client):
    def events(**params):
        t = _timeline(analysis_client, "TUR", "USA", by="year", **params)
        return {p["period"][:4]: p["total"]["events"] for p in t["periods"]}

    assert events() == {"2019": 3, "2020": 1}
    assert events(min_confidence=0.5) == {"2019": 3}  # the 0.3-confidence sanction of 2020 is gone
    r = analysis_client.get("/api/dyads/TUR/USA/timeline", params={"min_confidence": 2})
    assert r.status_code == 422 and "min_confidence" in r.json()["detail"]


def test_timeline_takes_country_names(client):
    assert _timeline(client, "Turkey", "USA", by="year") == {**_timeline(client, "TUR", "USA", by="year"), "a": "TUR"}
