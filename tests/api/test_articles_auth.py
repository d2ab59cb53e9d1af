"""POST /api/articles: Bearer token auth (401/403), ingest, hashed token storage, body limit."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.api import auth
from detente.cli import app as cli_app

ARTICLE = {"id": "new-1", "title": "Talks", "date": "2025-04-10",
           "text": "Beijing may hold talks with Washington next month, a spokesman said."}


def post(client, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/articles", json=body or {"articles": [ARTICLE]}, headers=headers)


def test_articles_without_token_is_401(write_client, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token")
    r = post(write_client)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    r = write_client.post("/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": "Basic dXNlcjpwdw=="})
    assert r.status_code == 401


def test_articles_with_wrong_token_is_403(write_client, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token")
    r = post(write_client, "s3cret-tokem")
    assert r.status_code == 403 and r.json()["detail"] == "invalid token"


def test_articles_refused_when_no_token_configured(write_client):
    r = post(write_client, "anything")
    assert r.status_code == 403 and "no token configured" in r.json()["detail"]


def test_articles_with_env_token_ingests_once(write_client, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token")
    before = write_client.get("/api/stats").json()
    r = post(write_client, "s3cret-token")
    assert r.status_code == 200, r.text
    assert r.json()["articles_new"] == 1 and r.json()["mentions"] == 1
    after = write_client.get("/api/stats").json()
    assert after["articles"] == before["articles"] + 1 and after["mentions"] == before["mentions"] + 1
    again = post(write_client, "s3cret-token").json()
    assert again["articles_new"] == 0 and again["articles_skipped"] == 1


def test_articles_answers_the_events_this_request_added(write_client, monkeypatch):
    # "events" was the store total; it is what this request added, the total is "events_total"
    monkeypatch.setenv("DETENTE_TOKEN", "s3cret-token")
    before = write_client.get("/api/stats").json()["events"]
    assert before > 1
    r = post(write_client, "s3cret-token").json()
    after = write_client.get("/api/stats").json()["events"]
    assert r["events"] == after - before == 1
    assert r["events_total"] == after
    again = post(write_client, "s3cret-token").json()
    assert (again["events"], again["events_total"]) == (0, after)
    schema = write_client.get("/openapi.json").json()["components"]["schemas"]["IngestOut"]["properties"]
    assert "added" in schema["events"]["description"] and "events_total" in schema


def test_articles_with_cli_token_from_hash_file(write_client, writable_db):
    result = CliRunner().invoke(cli_app, ["token", "--db", str(writable_db), "--label", "test"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    stored = json.loads(auth.token_file(writable_db).read_text())
    assert token not in json.dumps(stored)
    assert stored["tokens"][0]["sha256"] == auth.hash_token(token)
    assert post(write_client, token).status_code == 200
    assert post(write_client, token + "x").status_code == 403


def test_articles_validates_batch(write_client, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", "t")
    assert post(write_client, "t", {"articles": []}).status_code == 422
    assert post(write_client, "t", {"articles": [{"title": "no text"}]}).status_code == 422


@pytest.mark.parametrize("path", ["/api/articles", "/api/code"])
def test_body_over_5_mb_is_413(write_client, path):
    big = b'{"text": "' + b"a" * (5 * 1024 * 1024) + b'"}'
    r = write_client.post(path, content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_streamed_body_over_5_mb_is_413(write_client):
    def chunks():  # no Content-Length: the limit must hold while reading
        yield b'{"text": "'
        for _ in range(6):
            yield b"a" * (1024 * 1024)
        yield b'"}'

    r = write_client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
