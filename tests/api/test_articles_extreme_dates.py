"""POST /api/articles with articles (and events) dated 0001-01-01T00:00:00Z or 9999-12-31: stored with the
rest of the request (was a 500: OverflowError in dedup); they are listed and paged like any other event."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.testing.fixtures import FixtureCoder

TEXT = "Beijing may hold talks with Washington next month, a spokesman said. Story {n}."


class DatedCoder(FixtureCoder):
    """The fixture coder, but every event is dated on its article's publication day."""

    def code(self, article):
        return [e.model_copy(update={"date": article.date, "date_precision": "day"}) for e in super().code(article)]


@pytest.fixture
def dated_client(writable_db, monkeypatch) -> TestClient:
    monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token")
    return TestClient(create_app(writable_db, coder_factory=DatedCoder), raise_server_exceptions=False, base_url="http://localhost")


def test_articles_extreme_dates_stored_with_the_batch(dated_client):
    dates = ["0001-01-01T00:00:00Z", "9999-12-31", "2025-04-10", "0001-01-02", "9999-12-30"]
    body = {"articles": [{"id": f"x{n}", "title": "Talks", "date": d, "text": TEXT.format(n=n)}
                         for n, d in enumerate(dates)]}
    before = dated_client.get("/api/stats").json()
    r = dated_client.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 200, r.text
    assert (r.json()["articles_new"], r.json()["mentions"], r.json()["rejects"]) == (5, 5, 0)
    after = dated_client.get("/api/stats").json()
    assert after["articles"] == before["articles"] + 5
    assert after["events"] == before["events"] + 5  # 'may hold talks' is not factual: never merged
    first = dated_client.get("/api/events", params={"sort": "date", "limit": 1}).json()
    assert first["events"][0]["date"] == "0001-01-01"
    last = dated_client.get("/api/events", params={"sort": "-date", "limit": 1}).json()
    assert last["events"][0]["date"] == "9999-12-31"
    nxt = dated_client.get("/api/events", params={"sort": "-date", "limit": 1, "cursor": last["next_cursor"]})
    assert nxt.status_code == 200 and nxt.json()["events"][0]["date"] == "9999-12-30"
