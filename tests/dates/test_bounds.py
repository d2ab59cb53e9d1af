"""Date arithmetic at the ends of the calendar (0001-01-01, 9999-12-31): relative expressions that would
leave it resolve to no date, never an exception, and an article dated there is still dated."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.dates import ArticleDater, find_dates, resolve_expression
from detente.dates.attach import period_end
from detente.dates.bounds import month_end, shift_days, week_start

FIRST, LAST = dt.date.min, dt.date.max
TEXT = ("Russia attacked Ukraine last week. Tomorrow France will meet Germany. Yesterday Spain met Italy. "
        "Next year the US will sanction Iran. On Monday China criticised Japan. Next month Turkey will host "
        "Greece. Three weeks ago Iran condemned Israel. Ten years ago Egypt accused Libya. On Sunday Brazil "
        "praised Chile. 99999999 days ago Peru met Bolivia.")


def test_bounds_helpers_clamp():
    assert shift_days(LAST, 1) == LAST and shift_days(FIRST, -1) == FIRST
    assert shift_days(FIRST, 10**9) == LAST and shift_days(LAST, -(10**9)) == FIRST
    assert shift_days(dt.date(2025, 3, 26), -26) == dt.date(2025, 2, 28)
    assert week_start(FIRST) == FIRST and week_start(LAST) == dt.date(9999, 12, 27)
    assert month_end(LAST) == LAST and month_end(dt.date(2024, 2, 3)) == dt.date(2024, 2, 29)
    assert period_end(dt.date(9999, 12, 27), "week") == LAST
    assert period_end(dt.date(9999, 12, 1), "month") == LAST


@pytest.mark.parametrize("text,pub,future", [
    ("tomorrow", LAST, False), ("next week", LAST, False), ("next month", LAST, False), ("next year", LAST, False),
    ("on Sunday", LAST, True), ("yesterday", FIRST, False), ("last week", FIRST, False),
    ("last month", FIRST, False), ("last year", FIRST, False), ("on Sunday", FIRST, False),
    ("three weeks ago", FIRST, False), ("ten years ago", FIRST, False),
    ("99999999 days ago", dt.date(2025, 3, 26), False), ("5000 years ago", dt.date(2025, 3, 26), False),
])
def test_bounds_relative_past_the_calendar_is_no_date(text, pub, future):
    assert resolve_expression(text, pub, future=future) is None


@pytest.mark.parametrize("text,pub,day", [
    ("yesterday", LAST, dt.date(9999, 12, 30)), ("last week", LAST, dt.date(9999, 12, 20)),
    ("tomorrow", FIRST, dt.date(1, 1, 2)), ("next year", FIRST, dt.date(2, 1, 1)),
    ("on Monday", LAST, dt.date(9999, 12, 27)),
])
def test_bounds_inside_the_calendar_still_resolves(text, pub, day):
    assert resolve_expression(text, pub)[0] == day


@pytest.mark.parametrize("pub", [FIRST, dt.date(1, 1, 3), LAST, dt.date(9999, 12, 26)])
def test_bounds_whole_article_dated_at_the_ends(nlp, pub):
    doc = nlp(TEXT)
    mentions = find_dates(doc, pub)
    assert len(mentions) >= 8
    dater = ArticleDater(doc, pub)
    for tok in doc:
        if tok.pos_ == "VERB":
            dated = dater.date_event(tok)
            assert dated.date is None or FIRST <= dated.date <= LAST
