"""API hardening: writers are not starved, /api/code is bounded, Host is checked, NUL bytes are refused,
min_confidence filters events."""
from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.api.deps import Busy, _RWLock
from detente.testing.fixtures import FixtureCoder

LOCAL = "http://localhost"
TOKEN = "hardening-token"
ARTICLE = {"id": "new-1", "title": "Talks", "date": "2025-04-10",
           "text": "Beijing may hold talks with Washington next month, a spokesman said."}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


# -- 3. writer preference --------------------------------------------------------------------------
def test_waiting_writer_goes_before_new_readers():
    lock, order = _RWLock(), []
    first = lock.read(timeout=1)
    first.__enter__()
    writer_waiting = threading.Event()

    def writer():
        writer_waiting.set()
        with lock.write(timeout=5):
            order.append("writer")

    def late_reader():
        with lock.read(timeout=5):
            order.append("reader")

    tw = threading.Thread(target=writer)
    tw.start()
    writer_waiting.wait()
    time.sleep(0.1)
    tr = threading.Thread(target=late_reader)
    tr.start()
    time.sleep(0.1)
    assert order == []  # the late reader queues behind the waiting writer
    first.__exit__(None, None, None)
    tw.join(5)
    tr.join(5)
    assert order == ["writer", "reader"]


def test_writer_gives_up_after_its_wait_and_readers_go_on():
    lock = _RWLock()
    with lock.read(timeout=1):
        t0 = time.monotonic()
        with pytest.raises(Busy, match="could not start within 0.2 s"):
            with lock.write(timeout=0.2):
                pass
        assert time.monotonic() - t0 < 2
        with lock.read(timeout=0.5):  # the writer that gave up holds nobody back
            pass


def test_writer_gets_in_while_two_clients_read_back_to_back(writable_db, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", TOKEN)
    app = create_app(writable_db, coder_factory=FixtureCoder, write_wait_s=10)
    stop = threading.Event()
    reads = [0, 0]

    def reader(n):
        with TestClient(app, base_url=LOCAL) as c:
            while not stop.is_set():
                assert c.get("/api/events?limit=500").status_code == 200
                reads[n] += 1

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    try:
        while min(reads) < 2:
            time.sleep(0.05)
        t0 = time.monotonic()
        r = TestClient(app, base_url=LOCAL).post("/api/articles", json={"articles": [ARTICLE]}, headers=AUTH)
        took = time.monotonic() - t0
    finally:
        stop.set()
        for t in threads:
            t.join(10)
    assert r.status_code == 200, r.text
    assert r.json()["articles_new"] == 1 and took < 10


def test_write_that_cannot_get_in_is_503_with_retry_after(writable_db, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", TOKEN)
    app = create_app(writable_db, coder_factory=FixtureCoder, write_wait_s=0.3)
    with app.state.gate.reader():  # a long read holds the store
        r = TestClient(app, base_url=LOCAL).post("/api/articles", json={"articles": [ARTICLE]}, headers=AUTH)
    assert r.status_code == 503 and r.headers["retry-after"].isdigit()
    assert "could not start within 0.3 s" in r.json()["detail"]


# -- 4. POST /api/code bounds ------------------------------------------------------------------------
class GateCoder:
    """Codes nothing until released; counts the articles it saw."""

    release = threading.Event()
    started = threading.Event()

    def code(self, article):
        GateCoder.started.set()
        GateCoder.release.wait(10)
        return []


class SpinCoder:
    """Pure-Python busy loop: what a pathological article looks like to the time limit."""

    def code(self, article):
        while True:
            sum(range(100))


def test_anonymous_text_over_the_cap_is_413_and_a_token_lifts_it(fixture_db, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", TOKEN)
    c = TestClient(create_app(fixture_db, coder_factory=FixtureCoder, max_anonymous_chars=100), base_url=LOCAL)
    text = "Russian forces struck Kharkiv with missiles on Sunday night, officials said. " * 3
    r = c.post("/api/code", json={"text": text})
    assert r.status_code == 413 and "limit without a write token is 100" in r.json()["detail"]
    assert c.post("/api/code", json={"text": text}, headers={"Authorization": "Bearer wrong"}).status_code == 413
    r = c.post("/api/code", json={"text": text}, headers=AUTH)
    assert r.status_code == 200 and r.json()["events"]
    assert c.post("/api/code", json={"text": text[:90]}).status_code == 200


def test_full_coding_queue_is_429_and_health_still_answers(fixture_db):
    GateCoder.release.clear()
    GateCoder.started.clear()
    app = create_app(fixture_db, coder_factory=GateCoder, code_queue=1)
    first: dict = {}

    def occupy():
        first["r"] = TestClient(app, base_url=LOCAL).post("/api/code", json={"text": "One article."})

    t = threading.Thread(target=occupy)
    t.start()
    try:
        assert GateCoder.started.wait(5)
        c = TestClient(app, base_url=LOCAL)
        r = c.post("/api/code", json={"text": "Another article."})
        assert r.status_code == 429 and r.headers["retry-after"] == "5"
        assert "limit 1" in r.json()["detail"]
        t0 = time.monotonic()
        assert c.get("/api/health").status_code == 200
        assert time.monotonic() - t0 < 2
    finally:
        GateCoder.release.set()
        t.join(10)
    assert first["r"].status_code == 200


def test_coding_past_the_time_limit_is_interrupted_with_503(fixture_db):
    app = create_app(fixture_db, coder_factory=SpinCoder, code_timeout_s=0.5)
    c = TestClient(app, base_url=LOCAL)
    t0 = time.monotonic()
    r = c.post("/api/code", json={"text": "An endless article."})
    assert r.status_code == 503 and "longer than 0.5 s" in r.json()["detail"]
    assert r.headers["retry-after"] == "5"
    assert time.monotonic() - t0 < 5
    assert app.state.coding.pending == 0 and not app.state.coder.lock.locked()  # the coder is free again


# -- 5. Host header ------------------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["localhost", "localhost:8765", "127.0.0.1:8765", "[::1]:8765", "LOCALHOST."])
def test_local_host_names_are_answered(client, host):
    assert client.get("/api/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "localhost.evil.example", "127.0.0.2"])
def test_other_host_names_are_400(client, host):
    r = client.get("/api/events", headers={"Host": host})
    assert r.status_code == 400
    assert "is not allowed" in r.json()["detail"] and "--allow-host" in r.json()["detail"]


def test_allowed_hosts_are_configurable(fixture_db):
    c = TestClient(create_app(fixture_db, allowed_hosts=["api.example"]), base_url="http://api.example")
    assert c.get("/api/health").status_code == 200
    assert c.get("/api/health", headers={"Host": "localhost"}).status_code == 400
    c = TestClient(create_app(fixture_db, allowed_hosts=["*"]), base_url="http://anything.example")
    assert c.get("/api/health").status_code == 200


# -- 12. NUL bytes -------------------------------------------------------------------------------------
def test_code_refuses_nul_bytes(client):
    r = client.post("/api/code", json={"text": "Russian forces struck\u0000 Kharkiv."})
    assert r.status_code == 422 and "NUL bytes" in r.json()["detail"]
    r = client.post("/api/code", json={"text": "Russian forces struck Kharkiv.", "title": "a\u0000b"})
    assert r.status_code == 422 and "NUL bytes" in r.json()["detail"]


def test_articles_with_nul_bytes_are_rejected_not_stored(write_client, monkeypatch):
    monkeypatch.setenv("DETENTE_TOKEN", TOKEN)
    before = write_client.get("/api/stats").json()
    bad = [{**ARTICLE, "id": "nul-1", "text": ARTICLE["text"] + "\u0000"},
           {**ARTICLE, "id": "nul-2", "title": "Ta\u0000lks"}]
    r = write_client.post("/api/articles", json={"articles": bad}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert (r.json()["articles_new"], r.json()["rejects"]) == (0, 2)
    after = write_client.get("/api/stats").json()
    assert after["articles"] == before["articles"] and after["rejects"] == before["rejects"] + 2


# -- B. min_confidence ---------------------------------------------------------------------------------
def test_min_confidence_filters_events(writable_db):
    import duckdb

    with duckdb.connect(str(writable_db)) as con:  # the fixture coder gives every event 0.9
        con.execute("UPDATE events SET confidence = 0.3 WHERE event_id IN "
                    "(SELECT event_id FROM events ORDER BY event_id LIMIT 5)")
    client = TestClient(create_app(writable_db), base_url=LOCAL)
    everything = client.get("/api/events?limit=500").json()
    page = client.get("/api/events?limit=500&min_confidence=0.5").json()
    assert page["events"] and all(e["confidence"] >= 0.5 for e in page["events"])
    assert page["total"] == everything["total"] - 5
    assert client.get("/api/events?min_confidence=0").json()["total"] == everything["total"]
    assert client.get("/api/events?min_confidence=0.3").json()["total"] == everything["total"]
    assert client.get("/api/events?min_confidence=1").json()["total"] == 0
    csv = client.get("/api/events?min_confidence=0.5&format=csv").text
    assert len(csv.strip().splitlines()) == 1 + page["total"]


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "abc", "nan", "inf"])
def test_bad_min_confidence_is_422(client, bad):
    r = client.get(f"/api/events?min_confidence={bad}")
    assert r.status_code == 422 and "min_confidence" in r.json()["detail"]


def test_min_confidence_is_documented(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/code"):
        op = spec["paths"][path]["get" if path == "/api/events" else "post"]
        [param] = [p for p in op["parameters"] if p["name"] == "min_confidence"]
        assert param["schema"]["minimum"] == 0 and param["schema"]["maximum"] == 1
