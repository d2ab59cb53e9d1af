"""locate_event on parsed sentences and on the seed article."""
from __future__ import annotations

import pytest

from detente.geo import load_gazetteer, locate_event
from detente.geo.locate import NO_PLACE, dateline_spans

from .conftest import token


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_locate_seed_meeting_in_washington(seed_doc, gaz):
    place, why = locate_event(token(seed_doc, "meeting"), seed_doc, gaz)
    assert (place.name, place.country, place.kind) == ("Washington", "USA", "city")
    assert place.lat == pytest.approx(38.9, abs=0.1) and place.lon == pytest.approx(-77.0, abs=0.1)
    assert "in Washington" in why


def test_locate_seed_sentence_without_place(seed_doc, gaz):
    assert locate_event(token(seed_doc, "removed"), seed_doc, gaz) == (None, NO_PLACE)


def test_locate_seed_dateline_is_not_a_location(seed_doc, gaz):
    spans = dateline_spans(seed_doc)
    assert [seed_doc.text[s:e] for s, e in spans] == ["Washington"]
    # the title's "Talks" parses with the dateline "Washington" as its PP object; it must not count
    assert locate_event(token(seed_doc, "Talks"), seed_doc, gaz)[0] is None


def test_locate_reuters_dateline(nlp, gaz):
    doc = nlp("WASHINGTON (Reuters) - The United States imposed sanctions on Iran.")
    assert locate_event(token(doc, "imposed"), doc, gaz) == (None, NO_PLACE)


def test_locate_actor_is_not_a_place(nlp, gaz):
    doc = nlp("Washington imposed new sanctions on Moscow.")
    assert locate_event(token(doc, "imposed"), doc, gaz)[0] is None


def test_locate_noun_trigger_through_governing_verb(nlp, gaz):
    doc = nlp("Technical talks will take place in Istanbul next week.")
    place, why = locate_event(token(doc, "talks"), doc, gaz)
    assert (place.name, place.country) == ("Istanbul", "TUR") and "'take'" in why


def test_locate_pp_on_object_noun(nlp, gaz):
    doc = nlp("The ministers held talks in Doha on Sunday.")
    place, _ = locate_event(token(doc, "held"), doc, gaz)
    assert place.country == "QAT"


def test_locate_near_and_at(nlp, gaz):
    doc = nlp("Putin met Xi at the Kremlin.")
    assert locate_event(token(doc, "met"), doc, gaz)[0].country == "RUS"
    doc = nlp("Troops clashed with rebels near Aleppo.")
    assert locate_event(token(doc, "clashed"), doc, gaz)[0].country == "SYR"


def test_locate_default_gazetteer(nlp):
    doc = nlp("Leaders gathered in Paris.")
    assert locate_event(token(doc, "gathered"), doc)[0].country == "FRA"
