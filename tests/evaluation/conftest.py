"""Fakes for evaluation tests: hand-made Events and a coder that returns them (no spaCy model)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from detente.models import Article, Event
from detente.testing.events import make_event as testing_event

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def make_event(plover: str = "", cameo: str = "", source: str = "", target: str = "", mode: str = "",
               date: dt.date | None = None, article_id: str = "a") -> Event:
    """An Event with just the fields scoring reads; CAMEO fills in the PLOVER type when not given."""
    return testing_event(cameo=cameo or "010", plover=plover if plover or not cameo else None, source=source,
                         target=target, plover_mode=mode, date=date, article_id=article_id, rule="fake",
                         goldstein=0.0, event_id=f"{article_id}-{plover}-{cameo}-{source}-{target}")


class FakeCoder:
    """code_many() over a text -> events table; a text mapped to an Exception yields that exception."""

    def __init__(self, table: dict[str, list[Event] | Exception]):
        self.table = table
        self.calls = 0

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        self.calls += 1
        for a in articles:
            yield a, self.table.get(a.text, [])


@pytest.fixture
def ev():
    return make_event


@pytest.fixture
def fake_coder():
    return FakeCoder
