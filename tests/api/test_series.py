"""GET /api/series: an actor's events per week, month or year, zero-filled, with undated and coarser counts."""
from __future__ import annotations


def _series(client, **params):
    r = client.get("/api/series", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_month_series_is_zero_filled(client):
    s = _series(client, actor="TUR", by="month")
    assert s["actor"] == "TUR" and s["by"] == "month"
    assert [p["period"] for p in s["periods"]] == ["2025-01", "2025-02", "2025-03"]
    jan, feb, mar = s["periods"]
    assert jan["events"] == 2 and jan["quad"] == {"1": 0, "2": 0, "3": 1, "4": 1} and jan["goldstein_mean"] == -5.0
    assert feb == {"period": "2025-02", "start": "2025-02-01", "events": 0,
                   "quad": {"1": 0, "2": 0, "3": 0, "4": 0}, "goldstein_mean": None}
    assert mar["events"] == 5 and mar["quad"]["1"] == 4
    assert s["coarser"] == 1  # the 2020 event is dated to the year only


def test_year_series_places_year_dates_and_fills_the_gap(client):
    s = _series(client, actor="TUR", by="year")
    assert [p["period"] for p in s["periods"]] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert [p["events"] for p in s["periods"]] == [1, 0, 0, 0, 0, 7] and s["coarser"] == 0


def test_series_counts_match_the_events_route(client):
    s = _series(client, actor="TURGOV", by="year")
    placed = sum(p["events"] for p in s["periods"]) + s["undated"] + s["coarser"]
    src = client.get("/api/events", params={"source": "TURGOV", "limit": 1}).json()["total"]
    tgt = client.get("/api/events", params={"target": "TURGOV", "limit": 1}).json()["total"]
    both = client.get("/api/events", params={"source": "TURGOV", "target": "TURGOV", "limit": 1}).json()["total"]
    assert placed == src + tgt - both


def test_week_labels_across_a_year_boundary(analysis_client):
    s = _series(analysis_client, actor="TUR", by="week")
    labels = [p["period"] for p in s["periods"]]
    assert labels == ["2019-W52", "2020-W01", "2020-W02", "2020-W03"]
    assert s["periods"][1]["start"] == "2019-12-30" and [p["events"] for p in s["periods"]] == [1, 1, 0, 1]
    assert s["undated"] == 1 and s["coarser"] == 2  # a month date and a year date have no week


def test_month_and_year_series_place_coarser_dates_they_can(analysis_client):
    month = _series(analysis_client, actor="TUR", by="month")
    assert [p["period"] for p in month["periods"]] == ["2019-12", "2020-01"]
    assert [p["events"] for p in month["periods"]] == [3, 1] and month["coarser"] == 1
    year = _series(analysis_client, actor="TUR", by="year")
    assert [(p["period"], p["events"]) for p in year["periods"]] == [("2019", 4), ("2020", 1)]
    assert year["undated"] == 1 and year["coarser"] == 0


def test_series_takes_event_filters_and_names(analysis_client):
    s = _series(analysis_client, actor="Turkey", by="year", min_confidence=0.5)
    assert s["actor"] == "TUR" and [(p["period"], p["events"]) for p in s["periods"]] == [("2019", 4)]
    assert _series(analysis_client, actor="TUR", by="year", quad_class=4)["periods"][-1]["quad"]["4"] == 1


def test_since_until_bound_the_periods(analysis_client):
    s = _series(analysis_client, actor="TUR", by="month", since="2019-11-01", until="2020-02-29")
    assert [p["period"] for p in s["periods"]] == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert s["undated"] == 0  # an undated event is outside any date range


def test_an_actor_without_events_has_no_periods(analysis_client):
    s = _series(analysis_client, actor="JPN", by="month")
    assert s["periods"] == [] and s["undated"] == 0


def test_bad_requests_are_refused(client):
    assert client.get("/api/series", params={"by": "month"}).status_code == 422  # no actor
    assert client.get("/api/series", params={"actor": "TUR", "by": "day"}).status_code == 422
    r = client.get("/api/series", params={"actor": "TUR", "by": "week", "since": "1900-01-01"})
    assert r.status_code == 422 and "periods" in r.json()["detail"]
    r = client.get("/api/series", params={"actor": "Narnia"})
    assert r.status_code == 422 and "unknown actor 'Narnia'" in r.json()["detail"]
