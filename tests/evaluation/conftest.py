"""Fakes for evaluation tests: hand-made Events and a coder that returns them (no spaCy model)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

import pytest

from detente.models import Article, Event
from detente.ontology import load_codebook

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


def make_event(plover: str = "", cameo: str = "", source: str = "", target: str = "", mode: str = "",
               date: dt.date | None = None, article_id: str = "a") -> Event:
    """An Event with just the fields scoring reads; CAMEO fills in the PLOVER type when not given."""
    code = load_codebook().get(cameo) if cameo else None
    return Event(
        event_id=f"{article_id}-{plover}-{cameo}-{source}-{target}", article_id=article_id, sentence_index=0,
        sentence_text="", span_start=0, span_end=0, trigger="t", date=date, date_precision=None,
        source_code=source, target_code=target, cameo_code=cameo or "010", cameo_root=(cameo or "01")[:2],
        quad_class=code.quad_class if code else 1, goldstein=0.0,
        plover_type=plover or (code.plover_type if code else ""), plover_mode=mode, rule="fake", confidence=1.0)


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
