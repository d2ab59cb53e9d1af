"""ArticleDater on the seed article (publication date 2025-03-26), as /work/shared/acceptance/seed expects."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.dates import ArticleDater

from .conftest import PUB, token


@pytest.fixture(scope="module")
def dater(seed_doc):
    return ArticleDater(seed_doc, PUB)


def test_attach_seed_meeting_on_tuesday(dater, seed_doc):
    ev = dater.date_event(token(seed_doc, "meeting"))
    assert (ev.date, ev.precision, ev.historical) == (dt.date(2025, 3, 25), "day", False)
    assert ev.mention.text == "Tuesday" and "on Tuesday" in ev.why


def test_attach_seed_phone_call_on_march_16(dater, seed_doc):
    ev = dater.date_event(token(seed_doc, "call"))
    assert (ev.date, ev.precision, ev.historical) == (dt.date(2025, 3, 16), "day", False)


def test_attach_seed_sanctions_in_2020_historical(dater, seed_doc):
    for trigger in (token(seed_doc, "sanctions", 2), token(seed_doc, "led")):
        ev = dater.date_event(trigger)
        assert (ev.date, ev.precision, ev.historical) == (dt.date(2020, 1, 1), "year", True)


def test_attach_seed_removed_in_2019_historical(dater, seed_doc):
    ev = dater.date_event(token(seed_doc, "removed"))
    assert (ev.date, ev.precision, ev.historical) == (dt.date(2019, 1, 1), "year", True)
    assert ev.mention.text == "2019"


def test_attach_seed_future_talks_inherit_reference_date(dater, seed_doc):
    for trigger in (token(seed_doc, "talks"), token(seed_doc, "take")):
        ev = dater.date_event(trigger, future=True)
        assert (ev.date, ev.precision, ev.historical) == (dt.date(2025, 3, 25), "day", False)
        assert ev.why.startswith("inherited from sentence") and "'on Tuesday'" in ev.why


def test_attach_seed_march_16_does_not_change_reference(dater, seed_doc):
    # "deliberated" (after the March 16 sentence) still inherits Tuesday, not March 16
    ev = dater.date_event(token(seed_doc, "deliberated"))
    assert ev.date == dt.date(2025, 3, 25) and ev.mention.text == "Tuesday"


def test_attach_seed_historical_main_clause_does_not_reset_reference(dater, seed_doc):
    # sentence "Since his return to office on January 20, 2025, ..." is historical; the next one inherits Tuesday
    ev = dater.date_event(token(seed_doc, "created"))
    assert ev.date == dt.date(2025, 3, 25)


def test_attach_seed_title_event_gets_publication_date(dater, seed_doc):
    ev = dater.date_event(token(seed_doc, "Seek"))
    assert (ev.date, ev.precision, ev.mention) == (PUB, "publication", None)


def test_attach_seed_without_publication_date(seed_doc):
    dater = ArticleDater(seed_doc, None)
    meeting = dater.date_event(token(seed_doc, "meeting"))
    assert meeting.date is None and meeting.precision is None and meeting.mention.text == "Tuesday"
    removed = dater.date_event(token(seed_doc, "removed"))
    assert removed.date == dt.date(2019, 1, 1) and removed.historical is False
    title = dater.date_event(token(seed_doc, "Seek"))
    assert (title.date, title.precision) == (None, None)
