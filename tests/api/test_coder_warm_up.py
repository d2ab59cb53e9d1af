"""Start-up readiness: with ``warm_coder`` (what `detente serve` does) the coder is loaded and has coded
one sentence before the server answers any request, so the first POST /api/code does not load it."""
from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from detente.api import create_app
from detente.api.routers import coding
from detente.cli import app as cli_app
from detente.testing.fixtures import FixtureCoder

SENTENCE = {"text": "Turkey's foreign minister met the Greek prime minister in Athens.", "date": "2025-03-26"}


class RecordingCoder(FixtureCoder):
    built = 0
    coded: list[str] = []

    def __init__(self) -> None:
        type(self).built += 1
        super().__init__()

    def code(self, article):  # type: ignore[no-untyped-def]
        type(self).coded.append(article.id)
        return super().code(article)


def _reset() -> None:
    RecordingCoder.built, RecordingCoder.coded = 0, []


def test_warm_coder_loads_and_codes_before_the_first_request(fixture_db) -> None:
    _reset()
    app = create_app(fixture_db, coder_factory=RecordingCoder, warm_coder=True)
    assert RecordingCoder.built == 0  # creating the app loads nothing
    with TestClient(app, base_url="http://localhost") as client:  # runs the start-up handlers
        assert RecordingCoder.built == 1 and len(RecordingCoder.coded) == 1  # before any request
        assert client.get("/api/health").status_code == 200
        r = client.post("/api/code", json=SENTENCE)
        assert r.status_code == 200, r.text
    assert RecordingCoder.built == 1  # the request used the warmed coder


def test_without_warm_coder_the_first_request_loads_it(fixture_db) -> None:
    _reset()
    with TestClient(create_app(fixture_db, coder_factory=RecordingCoder), base_url="http://localhost") as client:
        assert RecordingCoder.built == 0
        assert client.post("/api/code", json=SENTENCE).status_code == 200
    assert RecordingCoder.built == 1


def test_a_coder_that_cannot_load_leaves_reads_served(fixture_db) -> None:
    def broken() -> FixtureCoder:
        raise OSError("spaCy model missing")

    with TestClient(create_app(fixture_db, coder_factory=broken, warm_coder=True),
                    base_url="http://localhost") as client:
        assert client.get("/api/health").status_code == 200
        r = client.post("/api/code", json=SENTENCE)
        assert r.status_code == 503 and "spaCy model missing" in r.json()["detail"]


def test_serve_warms_the_coder_unless_lazy(fixture_db, monkeypatch) -> None:
    import uvicorn

    apps = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: apps.append(app))
    for args in ([], ["--lazy-coder"]):
        r = CliRunner().invoke(cli_app, ["serve", "--db", str(fixture_db), *args])
        assert r.exit_code == 0, r.output
    warm, lazy = ([getattr(h, "func", None) for h in a.router.on_startup] for a in apps)
    assert coding.warm_up in warm and coding.warm_up not in lazy
