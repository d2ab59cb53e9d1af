"""A place's country on the event date (geo/periods.py), destinations and place modifiers (geo/locate.py),
and the country inferred for an event with no place in its text (geo/infer.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.geo import load_gazetteer, locate_event
from detente.geo.infer import ArticlePlaces, infer_locations, state_places
from detente.geo.periods import country_on
from detente.pipeline import code_article
from detente.testing.events import make_event

from .conftest import token


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("country,day,expected", [
    ("RUS", dt.date(1987, 3, 6), "SUN"),
    ("UKR", dt.date(1991, 12, 25), "SUN"),
    ("RUS", dt.date(1991, 12, 26), "RUS"),
    ("LVA", dt.date(1991, 9, 6), "LVA"),
    ("SRB", dt.date(1987, 3, 20), "YUG"),
    ("SRB", dt.date(2004, 1, 1), "SRB"),
    ("SVK", dt.date(1992, 12, 31), "CSK"),
    ("FRA", dt.date(1950, 1, 1), "FRA"),
    ("RUS", None, "RUS"),
])
def test_a_place_lies_in_the_state_of_the_event_date(country, day, expected):
    assert country_on(country, day) == expected


def test_an_event_in_a_soviet_city_before_1992_is_in_the_soviet_union():
    events = code_article("The two foreign ministers met in Kiev on Tuesday.", dt.date(1986, 5, 10))
    assert events and all(e.location_country == "SUN" and e.location_name == "Kyiv" for e in events)
    assert "was part of the Soviet Union (SUN)" in events[0].explanation["location"]
    later = code_article("The two foreign ministers met in Kiev on Tuesday.", dt.date(2005, 5, 10))
    assert later and all(e.location_country == "UKR" for e in later)


@pytest.mark.parametrize("text,trigger,country", [
    ("The Chilean trade minister visited Canberra last month.", "visited", "AUS"),
    ("The envoy will fly to Nairobi on Monday for talks with rebel leaders.", "talks", "KEN"),
    ("The delegation was heading for Lima for negotiations with the government.", "negotiations", "PER"),
    ("A visit to Hanoi by the Thai premier was announced.", "visit", "VNM"),
])
def test_a_destination_is_where_the_visit_or_talks_happen(nlp, gaz, text, trigger, country):
    doc = nlp(text)
    place, _ = locate_event(token(doc, trigger), doc, gaz)
    assert place is not None and place.country == country


def test_the_origin_of_a_trip_is_not_its_place(nlp, gaz):
    doc = nlp("The premier returned from Oslo.")
    assert locate_event(token(doc, "returned"), doc, gaz)[0] is None


def test_a_city_naming_a_noun_trigger_places_it_but_a_country_does_not(nlp, gaz):
    doc = nlp("Officials reviewed the results of the Nairobi talks.")
    place, why = locate_event(token(doc, "talks"), doc, gaz)
    assert place is not None and place.country == "KEN" and "'Nairobi talks'" in why
    doc = nlp("Officials reviewed the results of the Kenya talks.")
    assert locate_event(token(doc, "talks"), doc, gaz)[0] is None  # a country there is a participant


def test_a_place_modifying_the_object_of_a_locative(nlp, gaz):
    doc = nlp("The company filed a complaint in the Ohio Court of Appeals.")
    place, why = locate_event(token(doc, "filed"), doc, gaz)
    assert place is not None and place.country == "USA" and "Ohio" in why


def test_north_of_a_city_is_in_its_country(nlp, gaz):
    doc = nlp("Rebels ambushed a convoy 30 km north of Kampala.")
    place, why = locate_event(token(doc, "ambushed"), doc, gaz)
    assert place is not None and place.country == "UGA" and "north of Kampala" in why


def _ev(cameo: str, source: str, target: str, **kw: object):
    return make_event(cameo=cameo, source=source, target=target, **kw)


STATES = state_places()


def test_domestic_acts_happen_in_their_actors_country():
    out = infer_locations([_ev("173", "IRQCOP", "IRQREB"), _ev("111", "AUSGOV", "")], ArticlePlaces(()), STATES)
    assert [e.location_country for e in out] == ["IRQ", "AUS"]
    assert out[0].location_name == "Iraq" and out[0].lat is not None
    assert out[0].explanation["location"].startswith("no place in the text; inferred IRQ")


def test_a_visit_happens_in_the_hosts_country():
    out = infer_locations([_ev("042", "USALEG", "GBRGOV"), _ev("043", "CHNGOV", "USAGOV"),
                           _ev("042", "ITAGOV", "")], ArticlePlaces(("ITA", "JPN", "JPN")), STATES)
    assert [e.location_country for e in out] == ["GBR", "CHN", "JPN"]
    assert "host" in out[0].explanation["location"]


def test_a_visit_with_no_host_is_never_placed_at_home():
    out = infer_locations([_ev("042", "ITAGOV", "")], ArticlePlaces(("ITA",)), STATES)
    assert out[0].location_country == ""


def test_an_act_between_two_states_is_placed_in_the_targets_country():
    out = infer_locations([_ev("190", "IRNMIL", "IRQ"), _ev("040", "BRAGOV", "CHEGOV")], ArticlePlaces(("IRN",)),
                          STATES)
    assert [e.location_country for e in out] == ["IRQ", "CHE"]
    assert "target" in out[0].explanation["location"]


def test_acts_without_a_state_actor_take_the_articles_main_country():
    places = ArticlePlaces(("BRA", "GBR", "GBR", "FRA"))
    assert places.main_country() == "GBR"
    out = infer_locations([_ev("040", "IGOUNO", ""), _ev("040", "", "")], places, STATES)
    assert [e.location_country for e in out] == ["GBR", "GBR"]  # "IGO" is not a state
    assert "article" in out[0].explanation["location"]


def test_a_located_event_keeps_its_place_and_nothing_is_invented_without_evidence():
    located = _ev("040", "FRAGOV", "DEUGOV", location_name="Bonn", location_country="DEU")
    out = infer_locations([located, _ev("040", "IGOUNO", "")], ArticlePlaces(()), STATES)
    assert out[0] is located and out[1].location_country == ""


def test_former_states_can_be_inferred():
    out = infer_locations([_ev("190", "SUNMIL", "")], ArticlePlaces(()), STATES)
    assert out[0].location_country == "SUN" and out[0].location_name == "Soviet Union"


def test_a_headline_word_that_is_also_a_town_is_not_a_place(nlp, gaz):
    doc = nlp("Brazil Police Arrest Hundreds After Stadium Clashes")
    place, _ = locate_event(token(doc, "Arrest"), doc, gaz)
    assert place is None or place.country != "POL"  # Police is a town in Poland


def test_the_coder_infers_the_hosts_country_for_a_visit_with_no_place():
    events = code_article("Senator John Kerry visited Prime Minister Tony Blair on Monday.", dt.date(2004, 5, 10))
    visit = [e for e in events if e.cameo_code == "042"]
    assert visit and visit[0].location_country == "GBR"
    assert "inferred GBR" in visit[0].explanation["location"]
