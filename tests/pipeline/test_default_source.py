"""A protest reported with nobody named comes from the people of its country (roles.default_source,
recoding.yaml default_source) and is aimed at that country's government (default_target).

Sentences written for this test (not from a gold file)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.events.recoding import load_recoding, validate_recoding
from detente.models import Article
from detente.pipeline import Coder, CoderSettings

DAY = dt.date(1988, 5, 10)


@pytest.fixture(scope="module")
def rules() -> Coder:
    return Coder(settings=CoderSettings(decider=False, propose=False, headline_once=False, carry_locations=False))


def _protests(coder: Coder, text: str) -> list[tuple[str, str]]:
    events = coder.code(Article(id="t", text=text, date=DAY))
    return [(e.source_code, e.target_code) for e in events if e.plover_type == "PROTEST"]


def test_the_data_is_valid():
    assert validate_recoding() == []
    rec = load_recoding()
    assert rec.default_source_agent("1431") == "LAB"
    assert rec.default_source_agent("141") == "CVL"
    assert rec.default_source_agent("0431") is None


def test_strikes_with_no_strikers_come_from_the_articles_labour(rules):
    text = ("The Greek government froze public sector wages on Monday, the second freeze this year, "
            "and told the state railways and the power company to cut their costs by a fifth. "
            "A wave of strikes erupted across the country on Tuesday. "
            "Greek ministers said the wage freeze would stay in place until the end of the year, "
            "whatever the cost to the economy, and that talks with the unions could wait.")
    got = _protests(rules, text)
    assert ("GRCLAB", "GRCGOV") in got, got


def test_a_demonstration_with_no_one_named_takes_the_sentence_country(rules):
    got = _protests(rules, "Street demonstrations in several Spanish cities turned violent last night.")
    assert got and all(src.startswith("ESP") for src, _ in got), got


def test_a_named_protester_is_kept(rules):
    got = _protests(rules, "Thousands of Spanish farmers demonstrated in Madrid on Monday.")
    assert got and all(src == "ESPAGR" for src, _ in got), got


def test_a_protest_aimed_at_a_country_keeps_its_target(rules):
    got = _protests(rules, "Crowds demonstrated against the United States in Cairo on Friday.")
    assert all(tgt != "USAGOV" or not src.startswith("USA") for src, tgt in got), got


def test_opposite_agent_data():
    rec = load_recoding()
    assert rec.opposite_agent("OPP") == "GOV"
    assert rec.opposite_agent("LAB") == "BUS" and rec.opposite_agent("REB") == rec.opposite_agent("LEG") == "GOV"
    assert rec.opposite_agent("GOV") is None
