"""ArticleDater rules on small parsed articles."""
from __future__ import annotations

import datetime as dt

from detente.dates import ArticleDater

from .conftest import PUB, token


def date_of(nlp, text, word, nth=1, pub=PUB, **kw):
    doc = nlp(text)
    return ArticleDater(doc, pub).date_event(token(doc, word, nth), **kw)


def test_attach_rules_pp_on_trigger(nlp):
    ev = date_of(nlp, "Iran and Iraq signed a border agreement in Baghdad on Monday.", "signed")
    assert ev.date == dt.date(2025, 3, 24) and ev.precision == "day" and "'signed'" in ev.why


def test_attach_rules_does_not_enter_relative_clause(nlp):
    text = "Egypt condemned the attack, which happened in 2019."
    ev = date_of(nlp, text, "condemned")
    assert ev.date == PUB and ev.precision == "publication"


def test_attach_rules_governing_verb_for_noun_trigger(nlp):
    ev = date_of(nlp, "Officials said talks will take place on Friday.", "talks", future=True)
    assert ev.date == dt.date(2025, 3, 28) and "'take'" in ev.why


def test_attach_rules_future_changes_relative_resolution(nlp):
    text = "Russia and Ukraine will hold talks on Tuesday."
    assert date_of(nlp, text, "hold").date == dt.date(2025, 3, 25)
    assert date_of(nlp, text, "hold", future=True).date == dt.date(2025, 4, 1)


def test_attach_rules_inherits_main_clause_date_from_earlier_sentence(nlp):
    text = "Turkey and Greece held talks in Athens last week. The ministers also discussed migration."
    ev = date_of(nlp, text, "discussed")
    assert (ev.date, ev.precision) == (dt.date(2025, 3, 17), "week")
    assert ev.why == "inherited from sentence 0 ('last week')"


def test_attach_rules_historical_threshold(nlp):
    text = "The army withdrew on February 10, 2025. The army withdrew on March 1, 2025."
    doc = nlp(text)
    dater = ArticleDater(doc, PUB)
    first, second = (dater.date_event(token(doc, "withdrew", n)) for n in (1, 2))
    assert first.historical is True and second.historical is False
    assert ArticleDater(doc, PUB, historical_days=60).date_event(token(doc, "withdrew")).historical is False


def test_attach_rules_month_and_year_periods_use_their_end(nlp):
    assert date_of(nlp, "Protests erupted in March.", "erupted").historical is False  # the publication month
    # February ends < 30 days before publication, but a whole past month is background (test_attach_lead.py)
    assert date_of(nlp, "Protests erupted in February.", "erupted").historical is True
    assert date_of(nlp, "Protests erupted in January.", "erupted").historical is True
    assert date_of(nlp, "Protests erupted in 2024.", "erupted").historical is True


def test_attach_rules_publication_fallback_and_none(nlp):
    ev = date_of(nlp, "China criticised the United States.", "criticised")
    assert (ev.date, ev.precision, ev.historical, ev.mention) == (PUB, "publication", False, None)
    ev = date_of(nlp, "China criticised the United States.", "criticised", pub=None)
    assert (ev.date, ev.precision, ev.historical) == (None, None, False)


def test_attach_rules_accepts_datetime_publication(nlp):
    doc = nlp("Israel and Jordan met on Tuesday.")
    ev = ArticleDater(doc, dt.datetime(2025, 3, 26, 14, 30)).date_event(token(doc, "met"))
    assert (ev.date, ev.historical) == (dt.date(2025, 3, 25), False)
