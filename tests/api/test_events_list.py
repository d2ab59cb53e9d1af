"""GET /api/events: filters, sort, cursor pagination, CSV."""
from __future__ import annotations

import csv
import io

import pytest


def events(client, **params):
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_events_default_page_lists_all_fixture_events(client):
    page = events(client)
    assert page["total"] == len(page["events"]) == 13
    assert page["next_cursor"] is None
    e = page["events"][0]
    assert {"event_id", "sentence_text", "trigger", "rule", "article_title", "cameo_name"} <= set(e)


@pytest.mark.parametrize("params, check", [
    ({"source": "TUR"}, lambda e: e["source_code"].startswith("TUR")),
    ({"target": "USAGOV"}, lambda e: e["target_code"] == "USAGOV"),
    ({"country": "UKR"}, lambda e: "UKR" in (e["source_country"], e["target_country"], e["location_country"])),
    ({"root": "16"}, lambda e: e["cameo_root"] == "16"),
    ({"cameo": "04"}, lambda e: e["cameo_code"].startswith("04")),
    ({"type": "consult"}, lambda e: e["plover_type"] == "CONSULT"),
    ({"mode": "hypothetical"}, lambda e: e["plover_mode"] == "hypothetical"),
    ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
    ({"since": "2025-03-01", "until": "2025-03-31"}, lambda e: "2025-03-01" <= e["date"] <= "2025-03-31"),
    ({"historical": "true"}, lambda e: e["historical"] is True),
    ({"factual": "false"}, lambda e: e["factual"] is False),
])
def test_events_filter_keeps_only_matching_events(client, params, check):
    page = events(client, **params)
    assert page["events"], params
    assert all(check(e) for e in page["events"])
    assert page["total"] < 13


def test_events_dyad_matches_both_directions_unless_directed(client):
    both = events(client, dyad="TUR-USA")["events"]
    directed = events(client, dyad="USA-TUR", directed="true")["events"]
    assert {e["source_country"] for e in both} == {"TUR", "USA"}
    assert directed and all(e["source_country"] == "USA" and e["target_country"] == "TUR" for e in directed)
    assert len(directed) < len(both)
    assert {e["event_id"] for e in events(client, dyad="USA,TUR")["events"]} == {e["event_id"] for e in both}


def test_events_text_search_is_case_insensitive_over_mentions(client):
    page = events(client, q="KHARKIV")
    assert [e["cameo_code"] for e in page["events"]] == ["195"]
    assert events(client, q="no such words anywhere")["total"] == 0


@pytest.mark.parametrize("sort, key", [("date", "date"), ("-date", "date"), ("goldstein", "goldstein"),
                                       ("-goldstein", "goldstein"), ("-mentions", "num_mentions")])
def test_events_sort_orders_rows(client, sort, key):
    vals = [e[key] for e in events(client, sort=sort)["events"] if e[key] is not None]
    assert vals == sorted(vals, reverse=sort.startswith("-"))


@pytest.mark.parametrize("sort, key", [("source", "source_code"), ("-source", "source_code"),
                                       ("target", "target_code"), ("-cameo", "cameo_code"),
                                       ("place", "location_name"), ("-place", "location_name")])
def test_events_sort_by_code_or_place_puts_the_empty_ones_last(client, sort, key):
    vals = [e[key] or "" for e in events(client, sort=sort, limit=500)["events"]]
    filled = [v for v in vals if v]
    assert filled == sorted(filled, reverse=sort.startswith("-")) and filled
    assert vals == filled + [""] * (len(vals) - len(filled))  # no actor / no place: last either way


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-confidence", "mentions", "source", "-target",
                                  "place", "-cameo"])
def test_events_cursor_pages_cover_every_event_once(client, sort):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in page["events"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert pages == 5
    assert len(seen) == len(set(seen)) == 13
    assert seen == [e["event_id"] for e in events(client, sort=sort)["events"]]


def test_events_cursor_from_another_sort_is_refused(client):
    cursor = client.get("/api/events", params={"limit": 2, "sort": "date"}).json()["next_cursor"]
    r = client.get("/api/events", params={"limit": 2, "sort": "-goldstein", "cursor": cursor})
    assert r.status_code == 422
    assert "sort" in r.json()["detail"]


def _csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_events_csv_by_accept_header(client):
    r = client.get("/api/events", params={"dyad": "TUR-USA"}, headers={"Accept": "text/csv"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = _csv_rows(r.text)
    assert len(rows) == events(client, dyad="TUR-USA")["total"]
    assert rows[0].keys() >= {"event_id", "date", "source_code", "cameo_code", "sentence_text"}


def test_events_csv_by_format_param_carries_next_cursor(client):
    r = client.get("/api/events", params={"format": "csv", "limit": 4})
    assert r.headers["content-type"].startswith("text/csv")
    assert len(_csv_rows(r.text)) == 4
    nxt = client.get("/api/events", params={"format": "csv", "limit": 4, "cursor": r.headers["x-next-cursor"]})
    assert not {x["event_id"] for x in _csv_rows(nxt.text)} & {x["event_id"] for x in _csv_rows(r.text)}


def test_events_json_wins_without_csv_request(client):
    r = client.get("/api/events", headers={"Accept": "application/json, text/plain"})
    assert r.headers["content-type"].startswith("application/json")
