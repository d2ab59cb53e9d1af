"""First-level administrative regions in the gazetteer (geo/regions.py) and place nouns ("the city
of Kiel") in event location (geo/locate.py)."""
from __future__ import annotations

from detente.geo import load_gazetteer, locate_event
from detente.geo.regions import region_names


def test_regions_from_iso_3166_2_map_to_their_country():
    gaz = load_gazetteer()
    assert (gaz.lookup("New South Wales").country, gaz.lookup("New South Wales").kind) == ("AUS", "region")
    assert gaz.lookup("Kaduna State").country == "NGA"
    assert gaz.lookup("Ontario").country == "CAN"
    assert gaz.lookup("Catalunya").country == gaz.lookup("Cataluña").country == "ESP"


def test_english_exonyms_are_aliases_of_regions():
    gaz = load_gazetteer()
    assert gaz.lookup("Bavaria") == gaz.lookup("Bayern")
    assert gaz.lookup("Bavaria").country == "DEU"
    assert gaz.lookup("Scotland").country == "GBR"


def test_ambiguous_and_generic_region_names_are_left_out():
    gaz = load_gazetteer()
    assert gaz.lookup("Punjab") is None  # India and Pakistan
    assert gaz.lookup("North West") is None or gaz.lookup("North West").kind != "region"
    assert gaz.lookup("Gulf") is None  # Papua New Guinea's Gulf Province is not "the Gulf" of the news


def test_a_city_keeps_its_name_over_the_region_named_after_it():
    assert load_gazetteer().lookup("Kaduna").kind == "city"


def test_region_names_split_bracketed_alternatives():
    assert region_names("Catalunya [Cataluña]") == ["Catalunya", "Cataluña"]


def test_strikes_in_a_region_are_placed_in_its_country(nlp):
    doc = nlp("Australian trade unions launched week-long strikes and other industrial action in New South Wales.")
    trigger = next(t for t in doc if t.text == "strikes")
    place, _ = locate_event(trigger, doc)
    assert place is not None and place.country == "AUS"


def test_a_place_noun_names_the_place(nlp):
    doc = nlp("About 8,000 West German farmers marched through the northern city of Kiel today.")
    trigger = next(t for t in doc if t.text == "marched")
    place, why = locate_event(trigger, doc)
    assert place is not None and place.name == "Kiel" and place.country == "DEU", why
