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


def _hand_doc(nlp, words, spaces, heads, deps, pos, ents):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, ents=ents)


def test_locate_dateline_pp_object_is_skipped(nlp, gaz):
    # "Summit in \nAnkara, Daily Sabah: Leaders met." parsed (wrongly, as happens with titles) so that the
    # dateline's "Ankara" is the object of "in" on the trigger "Summit"
    words = ["Summit", "in", "\n", "Ankara", ",", "Daily", "Sabah", ":", "Leaders", "met", "."]
    spaces = [True, True, False, False, True, True, False, True, True, False, False]
    heads = [0, 0, 1, 1, 3, 6, 3, 3, 9, 9, 9]
    deps = ["ROOT", "prep", "dep", "pobj", "punct", "compound", "appos", "punct", "nsubj", "ROOT", "punct"]
    pos = ["NOUN", "ADP", "SPACE", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"]
    ents = ["O", "O", "O", "B-GPE", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"]
    doc = _hand_doc(nlp, words, spaces, heads, deps, pos, ents)
    assert [doc.text[s:e] for s, e in dateline_spans(doc)] == ["Ankara"]
    assert locate_event(doc[0], doc, gaz) == (None, NO_PLACE)
    # the same structure in running text is a place
    words2 = ["Summit", "in", "Ankara", "."]
    doc2 = _hand_doc(nlp, words2, [True, True, False, False], [0, 0, 1, 0], ["ROOT", "prep", "pobj", "punct"],
                     ["NOUN", "ADP", "PROPN", "PUNCT"], ["O", "O", "B-GPE", "O"])
    assert locate_event(doc2[0], doc2, gaz)[0].country == "TUR"


@pytest.mark.parametrize("text,place", [
    ("WASHINGTON (Reuters) - The United States imposed sanctions.", "WASHINGTON"),
    ("Washington, The Gulf Observer: Türkiye and the U.S. met.", "Washington"),
    ("ANKARA, March 25 (AP) — Officials met.", "ANKARA"),
])
def test_locate_dateline_forms(nlp, text, place):
    doc = nlp(text)
    assert [doc.text[s:e] for s, e in dateline_spans(doc)] == [place]


def test_locate_unknown_place_entity_is_reported(nlp, gaz):
    doc = nlp("Rebels attacked a convoy in Zzyzxville.")
    doc.ents = [doc.char_span(doc.text.index("Zzyzxville"), doc.text.index("Zzyzxville") + 10, label="GPE")]
    place, why = locate_event(token(doc, "attacked"), doc, gaz)
    assert place is None and "Zzyzxville" in why
