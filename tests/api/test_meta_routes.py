"""GET /api/actors, /api/stats, /api/health, /openapi.json, /docs and the dashboard files."""
from __future__ import annotations


def test_actors_lists_codes_with_counts(client):
    actors = client.get("/api/actors").json()["actors"]
    tur = next(a for a in actors if a["code"] == "TURGOV")
    assert tur["country"] == "TUR" and tur["as_source"] >= 5 and tur["events"] == tur["as_source"] + tur["as_target"]
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)


def test_actors_search_by_code_or_name(client):
    def codes(q: str) -> set[str]:  # dictionary entries matching q (Russia, Ukraine, people...) come too
        return {a["code"] for a in client.get("/api/actors", params={"q": q}).json()["actors"]}

    assert {"RUSMIL", "RUSGOV"} <= codes("rus")
    assert {"UKRGOV", "UKR"} <= codes("kraine")
    assert len(client.get("/api/actors", params={"limit": 2}).json()["actors"]) == 2


def test_stats_counts_fixture_store(client):
    s = client.get("/api/stats").json()
    assert (s["articles"], s["mentions"], s["events"], s["merged_events"]) == (6, 14, 13, 1)
    assert s["by_plover_type"]["CONSULT"] == 3
    assert sum(s["by_quad_class"].values()) == 13
    assert s["first_date"] == "2020-12-14" and "path" not in s


def test_health_reports_read_only_store(client, monkeypatch):
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    h = client.get("/api/health").json()
    assert h == {"status": "ok", "version": h["version"], "events": 13, "read_only": True, "write_enabled": False}


def test_health_read_only_is_the_opposite_of_write_enabled(client, monkeypatch):
    # it said "read_only": true beside "write_enabled": true (the flag of the request's own connection)
    monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token")
    h = client.get("/api/health").json()
    assert (h["read_only"], h["write_enabled"]) == (False, True)
    props = client.get("/openapi.json").json()["components"]["schemas"]["Health"]["properties"]
    assert "write_enabled" in props["read_only"]["description"]


def test_health_is_503_when_store_is_missing(tmp_path):
    from fastapi.testclient import TestClient

    from detente.api import create_app

    r = TestClient(create_app(tmp_path / "absent.duckdb"), base_url="http://localhost").get("/api/health")
    assert r.status_code == 503
    assert "store unavailable" in r.json()["detail"]


def test_openapi_documents_every_route_with_typed_responses(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    expected = {("/api/events", "get"), ("/api/events/{event_id}", "get"), ("/api/dyads/{a}/{b}/timeline", "get"),
                ("/api/actors", "get"), ("/api/stats", "get"), ("/api/health", "get"),
                ("/api/code", "post"), ("/api/articles", "post"),
                ("/api/facets", "get"), ("/api/series", "get"), ("/api/sql", "get")}
    downloads = {("/api/export", "get")}  # files (CSV, JSON lines, Parquet): no JSON schema
    assert {(p, m) for p, ops in paths.items() for m in ops} == expected | downloads
    for p, m in expected:
        schema = paths[p][m]["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, (p, m)
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_docs_page_is_served_offline(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_dashboard_index_and_modules_are_served(client):
    r = client.get("/")
    assert r.status_code == 200 and "Détente" in r.text
    for path in ("/static/js/main.js", "/static/js/events.js", "/static/style.css", "/static/vendor/world/land-110m.json"):
        assert client.get(path).status_code == 200, path


def test_every_read_route_works_on_an_empty_store(tmp_path):
    from fastapi.testclient import TestClient

    from detente.api import create_app
    from detente.store import Store

    db = tmp_path / "empty.duckdb"
    Store(db).close()
    c = TestClient(create_app(db), base_url="http://localhost")
    assert c.get("/api/events").json() == {"events": [], "total": 0, "limit": 50, "sort": "date", "next_cursor": None}
    assert c.get("/api/events", params={"format": "csv"}).text.startswith("event_id,")
    assert c.get("/api/dyads/TUR/USA/timeline").json()["periods"] == []
    assert c.get("/api/actors").json() == {"actors": []}
    s = c.get("/api/stats").json()
    assert s["events"] == 0 and s["first_date"] is None
    assert c.get("/api/health").json()["events"] == 0
