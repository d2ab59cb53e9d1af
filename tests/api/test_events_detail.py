"""GET /api/events/{id}: the event, its mentions and provenance spans."""
from __future__ import annotations


def _merged(client):
    page = client.get("/api/events", params={"sort": "-mentions", "limit": 1}).json()
    return page["events"][0]


def test_event_detail_lists_every_mention_with_its_article(client):
    top = _merged(client)
    assert top["num_mentions"] == 2
    ev = client.get(f"/api/events/{top['event_id']}").json()
    assert len(ev["mentions"]) == 2
    assert {m["article"]["id"] for m in ev["mentions"]} == {"fx-tur-usa-talks", "fx-tur-usa-talks-copy"}
    assert all(m["article"]["url"].startswith("https://example.org/") for m in ev["mentions"])
    assert ev["provenance"]["mention_id"] in {m["mention_id"] for m in ev["mentions"]}


def test_event_detail_spans_point_at_trigger_and_actors(client):
    ev = client.get(f"/api/events/{_merged(client)['event_id']}").json()
    for m in ev["mentions"]:
        s = m["sentence_text"]
        assert s[m["trigger_span"]["start"]:m["trigger_span"]["end"]] == "met"
        assert s[m["source_span"]["start"]:m["source_span"]["end"]] == "Hakan Fidan"
        assert s[m["target_span"]["start"]:m["target_span"]["end"]] == "Marco Rubio"
        assert m["rule"].startswith("fixture:") and 0 < m["confidence"] <= 1


def test_event_detail_unknown_id_is_404(client):
    r = client.get("/api/events/0123456789abcdef")
    assert r.status_code == 404
    assert "no event" in r.json()["detail"]


def test_event_detail_returns_each_mentions_stored_explanation(client):
    ev = client.get(f"/api/events/{_merged(client)['event_id']}").json()
    for m in ev["mentions"]:  # the coder's reasons, kept by the store for each report of the event
        why = m["explanation"]
        assert list(why) == ["trigger", "source", "target", "date"]
        assert why["trigger"].startswith("'met' -> CAMEO ") and m["rule"].removeprefix("fixture:") in why["trigger"]
        assert why["source"] == f"fixture actor {m['source_code']}"
    assert ev["provenance"]["explanation"] == next(
        m["explanation"] for m in ev["mentions"] if m["mention_id"] == ev["provenance"]["mention_id"])


def test_event_detail_explanation_is_documented(client):
    mention = client.get("/openapi.json").json()["components"]["schemas"]["MentionOut"]
    assert "explain" in mention["properties"]["explanation"]["description"]
