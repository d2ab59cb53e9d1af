"""POST /api/code: events with explanations, nothing stored."""
from __future__ import annotations

from fastapi.testclient import TestClient

from detente.api import create_app

TEXT = "Russian forces struck Kharkiv with missiles on Sunday night, officials said. Nothing else happened."


def test_code_returns_explained_events(client):
    r = client.post("/api/code", json={"text": TEXT, "title": "Strike", "date": "2025-02-10"})
    assert r.status_code == 200, r.text
    body = r.json()
    [e] = body["events"]
    assert (e["source_code"], e["target_code"], e["cameo_code"]) == ("RUSMIL", "UKR", "195")
    assert e["cameo_name"] and e["explanation"]["trigger"].startswith("'struck'")
    assert body["article_id"]


def test_code_does_not_store(client):
    before = client.get("/api/stats").json()
    client.post("/api/code", json={"text": "China threatened on Wednesday to impose tariffs on cars."})
    assert client.get("/api/stats").json() == before


def test_code_validates_body(client):
    assert client.post("/api/code", json={"text": ""}).status_code == 422
    r = client.post("/api/code", json={"text": "x", "colour": "red"})
    assert r.status_code == 422 and "colour" in r.json()["detail"]
    r = client.post("/api/code", json={"text": "x", "date": "yesterday"})
    assert r.status_code == 422 and "date" in r.json()["detail"]
    assert client.post("/api/code", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422


def test_code_is_503_when_coder_cannot_load(fixture_db):
    def broken():
        raise RuntimeError("model missing")

    r = TestClient(create_app(fixture_db, coder_factory=broken), base_url="http://localhost").post("/api/code", json={"text": "x"})
    assert r.status_code == 503
    assert "model missing" in r.json()["detail"]
