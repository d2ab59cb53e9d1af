"""People resolve by their role on the event date; `why` explains the choice."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.actors import load_actor_dictionary
from detente.actors.mention import pick_role


@pytest.mark.parametrize("text,surface,on,code", [
    ("Hakan Fidan met the delegation.", "Fidan", dt.date(2020, 1, 10), "TURSPY"),
    ("Hakan Fidan met the delegation.", "Fidan", dt.date(2023, 6, 4), "TURGOV"),
    ("Marco Rubio criticised the plan.", "Rubio", dt.date(2020, 5, 1), "USALEG"),
    ("Marco Rubio criticised the plan.", "Rubio", dt.date(2025, 3, 25), "USAGOV"),
    ("Donald Trump criticised the plan.", "Trump", dt.date(2019, 6, 1), "USAGOV"),
    ("Donald Trump criticised the plan.", "Trump", dt.date(2010, 6, 1), "USABUS"),
    ("Joe Biden criticised the plan.", "Biden", dt.date(2015, 6, 1), "USAGOV"),
    ("Joe Biden criticised the plan.", "Biden", dt.date(2022, 6, 1), "USAGOV"),
    ("Recep Tayyip Erdogan criticised the plan.", "Erdogan", dt.date(2005, 6, 1), "TURGOV"),
    ("Recep Tayyip Erdogan criticised the plan.", "Erdogan", dt.date(2025, 6, 1), "TURGOV"),
])
def test_mention_person_role_on_date(code_of, text, surface, on, code):
    assert code_of(text, surface, on) == code


def test_mention_trump_between_terms_is_not_gov(code_of):
    code = code_of("Donald Trump criticised the plan.", "Trump", dt.date(2023, 6, 1))
    assert code is not None and code.startswith("USA") and code != "USAGOV"


def test_mention_title_and_country_words_do_not_override_person(code_of):
    # "Turkish Foreign Minister Hakan Fidan" in 2020: the person entry (then MIT head) wins
    assert code_of("Turkish Foreign Minister Hakan Fidan spoke.", "Fidan", dt.date(2020, 1, 1)) == "TURSPY"


def test_mention_minister_fidan_without_country_word(code_of):
    assert code_of("Minister Fidan arrived in Washington.", "Fidan") == "TURGOV"


def test_mention_why_names_the_role_and_date(nlp, finder):
    m = next(m for m in finder(nlp("Hakan Fidan spoke.")).mentions if "Fidan" in m.text)
    why = m.resolve(dt.date(2025, 3, 25)).why
    assert "Foreign Minister" in why and "2023-06-04" in why and "2025-03-25" in why


def test_mention_no_date_uses_current_role(nlp, finder):
    m = next(m for m in finder(nlp("Marco Rubio spoke.")).mentions if "Rubio" in m.text)
    ref = m.resolve(None)
    assert ref.code == "USAGOV" and "current" in ref.why


def test_mention_date_outside_all_roles_uses_nearest(nlp, finder):
    m = next(m for m in finder(nlp("Hakan Fidan spoke.")).mentions if "Fidan" in m.text)
    ref = m.resolve(dt.date(1990, 1, 1))
    assert ref.code == "TURSPY" and "nearest" in ref.why


def test_mention_pick_role_prefers_latest_start_on_overlap():
    trump = load_actor_dictionary().actors["person:donald-trump"]
    role, _ = pick_role(trump, dt.date(2025, 1, 20))
    assert role.code == "USAGOV"


def test_mention_capital_why_is_one_sentence(nlp, finder):
    m = next(m for m in finder(nlp("Ankara rejected the proposal.")).mentions)
    ref = m.resolve(None)
    assert ref.code == "TURGOV" and "capital" in ref.why and ref.country == "TUR" and ref.agent == "GOV"
    assert ref.name == "Türkiye" and ref.text == "Ankara" and ref.entry_id == "capital:TUR"


def test_mention_char_offsets_match_text(nlp, finder):
    text = "Yesterday U.S. President Donald Trump called Ankara."
    doc = nlp(text)
    for m in finder(doc).mentions:
        assert text[m.start_char:m.end_char] == m.text == doc[m.start:m.end].text


@pytest.mark.parametrize("name,code", [
    ("Xi Jinping", "CHNGOV"), ("Vladimir Putin", "RUSGOV"), ("Sergey Lavrov", "RUSGOV"),
    ("Emmanuel Macron", "FRAGOV"), ("Keir Starmer", "GBRGOV"), ("Narendra Modi", "INDGOV"),
    ("Friedrich Merz", "DEUGOV"), ("Luiz Inacio Lula da Silva", "BRAGOV"), ("Javier Milei", "ARGGOV"),
    ("Antonio Guterres", "IGOUNO"), ("Mark Rutte", "IGOWSTNAT"), ("Ursula von der Leyen", "IGOEUREEC"),
])
def test_mention_current_leaders(code_of, name, code):
    assert code_of(f"{name} spoke on Tuesday.", name.split()[-1], dt.date(2025, 6, 1)) == code
