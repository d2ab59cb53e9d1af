"""Fixtures for store tests: a fake coder driven by 'EVENT ...' lines, and article builders."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_coder import FakeCoder  # noqa: E402
from memory_backend import STORES, open_memory  # noqa: E402
import catalogue  # noqa: E402

from detente import registry  # noqa: E402

from detente.models import Article  # noqa: E402
from detente.store import Store  # noqa: E402


def article(aid: str, *event_lines: str, source: str | None = "AP", date: str = "2025-03-26",
            lead: str | None = None, url: str | None = None) -> Article:
    """An article whose text is a lead sentence plus fake-coder EVENT lines."""
    text = "\n".join([lead or f"Lead sentence of article {aid}.", *event_lines])
    return Article(id=aid, text=text, title=f"Title {aid}", date=dt.date.fromisoformat(date), source=source,
                   url=url or f"https://news.example/{aid}", origin=f"test:{aid}")


@pytest.fixture
def coder() -> FakeCoder:
    return FakeCoder()


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "t.duckdb")
    yield s
    s.close()


def table_contents(store: Store) -> dict[str, list[tuple]]:
    """Every table's rows without timestamps, sorted: for comparing two stores."""
    q = {
        "articles": "SELECT * EXCLUDE (ingested_at) FROM articles",
        "mentions": "SELECT * FROM mentions",
        "events": "SELECT * EXCLUDE (added_at) FROM events",
        "event_mentions": "SELECT * FROM event_mentions",
        "rejects": 'SELECT * EXCLUDE ("at") FROM rejects',
    }
    return {t: sorted(store.query(sql), key=repr) for t, sql in q.items()}


@pytest.fixture
def memory_backend():
    """The in-memory test backend registered as store "memory" (memory_backend.py), removed afterwards."""
    registry.stores.register("memory", func=open_memory)
    STORES.clear()
    yield "memory"
    STORES.clear()
    catalogue.REGISTRY.pop(("detente", "stores", "memory"), None)
