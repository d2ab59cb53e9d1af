"""Browser tests: the dashboard served by uvicorn (in a thread) driven by Playwright + Debian chromium.

Skipped cleanly when /usr/bin/chromium or the playwright package is missing. Never runs
`playwright install`: the browser is the system one. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not installed (apt-get install -y chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "playwright not installed (pip install playwright)"
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving ``create_app(db)`` on a free loopback port, in a daemon thread."""

    def __init__(self, app):
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory) -> Path:
    from detente.testing.fixtures import write_fixture_store

    return write_fixture_store(tmp_path_factory.mktemp("browser") / "fixture.duckdb")


@pytest.fixture(scope="session")
def server(browser_db):
    """The dashboard over the fixture store; POST /api/code uses the deterministic FixtureCoder."""
    from detente.api import create_app
    from detente.testing.fixtures import FixtureCoder

    with Server(create_app(browser_db, coder_factory=FixtureCoder)) as s:
        yield s


@pytest.fixture(scope="session")
def real_server(browser_db):
    """Same store, but POST /api/code uses the real NLP Coder; skipped when it cannot be built."""
    from detente.api import create_app
    from detente.testing.fixtures import real_coder

    coder = real_coder()
    if coder is None:
        pytest.skip("the NLP Coder cannot be built here (see the log warning)")
    with Server(create_app(browser_db, coder_factory=lambda: coder)) as s:
        yield s


#: Two sentences: the source of "met" is only "He", which the coder resolves to the earlier sentence.
INFERRED_TEXT = ("Turkish Foreign Minister Hakan Fidan arrived in Washington on Monday.\n"
                 "He met US Secretary of State Marco Rubio on Tuesday to discuss Syria.")


@pytest.fixture(scope="session")
def inferred_server(tmp_path_factory):
    """The dashboard over a store holding INFERRED_TEXT ingested with the real NLP Coder (whose reasons
    the store keeps); skipped when the Coder cannot be built."""
    import datetime as dt

    from detente.api import create_app
    from detente.models import Article
    from detente.store import Store
    from detente.testing.fixtures import real_coder

    coder = real_coder()
    if coder is None:
        pytest.skip("the NLP Coder cannot be built here (see the log warning)")
    db = tmp_path_factory.mktemp("inferred") / "inferred.duckdb"
    with Store(db) as store:
        store.ingest([Article(id="fidan-visit", text=INFERRED_TEXT, date=dt.date(2025, 3, 24), source="Example",
                              url="https://example.org/fidan-visit")], coder)
    with Server(create_app(db)) as s:
        yield s


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
