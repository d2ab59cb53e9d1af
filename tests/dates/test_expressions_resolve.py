"""resolve_expression on pure strings, publication date 2025-03-26 (a Wednesday)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.dates import resolve_expression

from .conftest import PUB

D = dt.date

BACKWARD = [
    ("Tuesday", D(2025, 3, 25), "day"),
    ("on Tuesday", D(2025, 3, 25), "day"),
    ("Wednesday", D(2025, 3, 26), "day"),
    ("Thursday", D(2025, 3, 20), "day"),
    ("on Tuesday night", D(2025, 3, 25), "day"),
    ("March 16", D(2025, 3, 16), "day"),
    ("on March 16", D(2025, 3, 16), "day"),
    ("April 2", D(2024, 4, 2), "day"),
    ("Jan. 5", D(2025, 1, 5), "day"),
    ("last week", D(2025, 3, 17), "week"),
    ("this week", D(2025, 3, 24), "week"),
    ("last month", D(2025, 2, 1), "month"),
    ("next month", D(2025, 4, 1), "month"),
    ("this year", D(2025, 1, 1), "year"),
    ("last year", D(2024, 1, 1), "year"),
    ("yesterday", D(2025, 3, 25), "day"),
    ("today", D(2025, 3, 26), "day"),
    ("tomorrow", D(2025, 3, 27), "day"),
    ("two days ago", D(2025, 3, 24), "day"),
    ("three weeks ago", D(2025, 3, 3), "week"),
    ("a year ago", D(2024, 1, 1), "year"),
    ("earlier this month", D(2025, 3, 1), "month"),
    ("in 2019", D(2019, 1, 1), "year"),
    ("2019", D(2019, 1, 1), "year"),
    ("March 2020", D(2020, 3, 1), "month"),
    ("January 20, 2025", D(2025, 1, 20), "day"),
    ("5 January 2025", D(2025, 1, 5), "day"),
    ("2025-03-16", D(2025, 3, 16), "day"),
    ("mid-March", D(2025, 3, 1), "month"),
    ("in May", D(2024, 5, 1), "month"),
    ("the 1990s", D(1990, 1, 1), "year"),
    ("the '90s", D(1990, 1, 1), "year"),
    ("early 2020", D(2020, 1, 1), "year"),
    ("last Tuesday", D(2025, 3, 25), "day"),
    ("next Friday", D(2025, 3, 28), "day"),
    ("Tuesday, March 25", D(2025, 3, 25), "day"),
]


@pytest.mark.parametrize("text,day,precision", BACKWARD)
def test_expressions_resolve_against_publication_date(text, day, precision):
    assert resolve_expression(text, PUB) == (day, precision)


FORWARD = [
    ("Tuesday", D(2025, 4, 1)),
    ("Friday", D(2025, 3, 28)),
    ("March 16", D(2026, 3, 16)),
    ("April 2", D(2025, 4, 2)),
    ("in May", D(2025, 5, 1)),
    ("next Friday", D(2025, 3, 28)),
    ("last week", D(2025, 3, 17)),  # explicit direction words ignore `future`
    ("2019", D(2019, 1, 1)),
]


@pytest.mark.parametrize("text,day", FORWARD)
def test_expressions_resolve_forward_when_future(text, day):
    assert resolve_expression(text, PUB, future=True)[0] == day


def test_expressions_last_weekday_on_that_weekday_is_a_week_back():
    assert resolve_expression("last Wednesday", PUB) == (D(2025, 3, 19), "day")


RELATIVE = ["Tuesday", "on Tuesday", "March 16", "Jan. 5", "last week", "last month", "this year", "yesterday",
            "today", "two days ago", "three weeks ago", "earlier this month", "mid-March", "last Tuesday",
            "next Friday", "this week"]


@pytest.mark.parametrize("text", RELATIVE)
def test_expressions_relative_without_publication_date_is_none(text):
    assert resolve_expression(text, None) is None


@pytest.mark.parametrize("text,day", [("in 2019", D(2019, 1, 1)), ("March 2020", D(2020, 3, 1)),
                                      ("January 20, 2025", D(2025, 1, 20)), ("2025-03-16", D(2025, 3, 16)),
                                      ("5 January 2025", D(2025, 1, 5)), ("the 1990s", D(1990, 1, 1))])
def test_expressions_absolute_without_publication_date_still_resolve(text, day):
    assert resolve_expression(text, None)[0] == day


@pytest.mark.parametrize("text", ["two weeks", "for two weeks", "24 hours", "2 percent", "S-400", "F-35",
                                  "65 years old", "Washington", "the talks", "", "February 30, 2025"])
def test_expressions_non_dates_are_none(text):
    assert resolve_expression(text, PUB) is None


def test_expressions_leap_day_in_non_leap_year_goes_to_previous_leap_year():
    assert resolve_expression("February 29", PUB) == (D(2024, 2, 29), "day")
