"""ArticleDater on news leads: the lead's news day (rule 3b), reported-clause reference dates, a trailing
day shared by coordinated verbs, prepositions adding no attachment depth."""
from __future__ import annotations

import datetime as dt

from detente.dates import ArticleDater, resolve_expression

from .conftest import PUB, token

YESTERDAY = dt.date(2025, 3, 25)  # PUB is Wednesday 2025-03-26


def dated(nlp, text, word, nth=1, pub=PUB):
    doc = nlp(text)
    return ArticleDater(doc, pub).date_event(token(doc, word, nth))


def test_attach_lead_news_day_stated_later_in_the_lead(nlp):
    text = ("Kenya has expelled two Ugandan diplomats, the foreign ministry said. "
            "The ministry said the decision was taken at a cabinet meeting yesterday.")
    ev = dated(nlp, text, "expelled")
    assert (ev.date, ev.precision, ev.historical) == (YESTERDAY, "day", False)
    assert ev.why.startswith("the lead reports the news of sentence 1 ('yesterday')")


def test_attach_lead_news_day_only_from_the_first_sentences(nlp):
    text = ("Kenya has expelled two Ugandan diplomats, the foreign ministry said. "
            "The ministry gave no reason. Uganda has not commented. Relations have been tense for months. "
            "The ministry said the decision was taken at a cabinet meeting yesterday.")
    ev = dated(nlp, text, "expelled")
    assert (ev.date, ev.precision) == (PUB, "publication")


def test_attach_lead_news_day_must_be_recent(nlp):
    text = ("Kenya has expelled two Ugandan diplomats, the foreign ministry said. "
            "The ministry said the decision was taken at a cabinet meeting on March 3.")
    ev = dated(nlp, text, "expelled")
    assert (ev.date, ev.precision) == (PUB, "publication")


def test_attach_lead_reported_clause_sets_the_reference_date(nlp):
    text = "Rebels attacked a convoy near Goma on Sunday, the army said. Troops repelled the attackers."
    ev = dated(nlp, text, "repelled")
    assert (ev.date, ev.precision) == (dt.date(2025, 3, 23), "day")
    assert ev.why == "inherited from sentence 0 ('on Sunday')"


def test_attach_lead_trailing_day_shared_by_coordinated_verbs(nlp):
    text = "Four soldiers were killed and nine wounded in an ambush near the border last night, officials said."
    ev = dated(nlp, text, "killed")
    assert (ev.date, ev.precision) == (YESTERDAY, "day")
    assert "closes the coordination of 'killed' with 'wounded'" in ev.why


def test_attach_lead_own_date_beats_a_shared_one(nlp):
    text = "The envoy arrived in Cairo on Monday and met the president yesterday."
    assert dated(nlp, text, "arrived").date == dt.date(2025, 3, 24)


def test_attach_lead_preposition_adds_no_depth(nlp):
    # the parser hangs "last Friday" on "shelled" (npadvmod, one link) and "on Monday" two links down
    text = "Navy ships shelled the port on Monday in retaliation for a missile strike on a tanker last Friday."
    ev = dated(nlp, text, "shelled")
    assert ev.date == dt.date(2025, 3, 24) and ev.why.startswith("'on Monday' is attached to 'shelled'")


def test_attach_lead_month_of_last_year():
    assert resolve_expression("February last year", PUB) == (dt.date(2024, 2, 1), "month")
    assert resolve_expression("in March of next year", PUB) == (dt.date(2026, 3, 1), "month")
    assert resolve_expression("late May last year", PUB) == (dt.date(2024, 5, 1), "month")


def test_attach_lead_month_of_last_year_is_one_mention(nlp):
    ev = dated(nlp, "Iraqi forces overran the peninsula in February last year.", "overran")
    assert (ev.date, ev.precision, ev.historical) == (dt.date(2024, 2, 1), "month", True)


def test_attach_lead_last_month_is_background(nlp):
    # PUB is 2025-03-26: February ends less than 30 days before, but the whole month is past
    ev = dated(nlp, "Egypt pledged aid to Sudan last month.", "pledged")
    assert (ev.date, ev.precision, ev.historical) == (dt.date(2025, 2, 1), "month", True)
    assert dated(nlp, "Egypt has supplied aid to Sudan since February.", "supplied").historical is False
    assert dated(nlp, "Egypt sent aid to Sudan in the past month.", "sent").historical is False
    assert dated(nlp, "Egypt sent aid to Sudan earlier this month.", "sent").historical is False


def test_attach_lead_inherited_last_month_is_not_background(nlp):
    text = "Egypt pledged aid to Sudan last month. The two governments also discussed trade."
    ev = dated(nlp, text, "discussed")
    assert (ev.precision, ev.historical) == ("month", False)


def test_attach_lead_news_day_not_for_future_events(nlp):
    text = ("Kenya will expel two Ugandan diplomats, the foreign ministry said. "
            "The ministry said the decision was taken at a cabinet meeting yesterday.")
    doc = nlp(text)
    ev = ArticleDater(doc, PUB).date_event(token(doc, "expel"), future=True)
    assert (ev.date, ev.precision) == (PUB, "publication")


def test_attach_lead_never_inherits_no_date(nlp):
    text = "Iran said on Tuesday it would stay in the deal. It said Washington had never honoured the accord."
    ev = dated(nlp, text, "honoured")
    assert (ev.date, ev.precision) == (PUB, "publication") and "'never'" in ev.why


def test_attach_lead_subject_date_sets_the_reference(nlp):
    text = "A cabinet meeting on Monday ended in a row. Ministers accused the finance minister of lying."
    ev = dated(nlp, text, "accused")
    assert ev.date == dt.date(2025, 3, 24) and ev.why == "inherited from sentence 0 ('on Monday')"


def test_attach_lead_subject_participle_date_sets_the_reference(nlp):
    text = "The report, dated Saturday, is meant to open a debate. The commission blamed the member states."
    ev = dated(nlp, text, "blamed")
    assert ev.date == dt.date(2025, 3, 22) and ev.why == "inherited from sentence 0 ('Saturday')"


def test_attach_lead_date_right_after_the_trigger(nlp):
    # the parser hangs "March 9" on "halted"; it still dates the strike it follows
    ev = dated(nlp, "The dockers went on strike March 9 and shipping has been halted since then.", "strike")
    assert ev.date == dt.date(2025, 3, 9) and "directly follows 'strike'" in ev.why
