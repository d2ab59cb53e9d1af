"""Later bare surnames refer to the person named in full earlier (actors/surnames.py); British
parties are coded by the side they were on at the time (curated/organizations.yaml)."""
from __future__ import annotations

import datetime as dt

DAY_2005 = dt.date(2005, 1, 20)


def _code(finder, doc, text: str, on: dt.date) -> str | None:
    m = next(m for m in finder(doc).mentions if m.text == text)
    ref = m.resolve(on)
    return ref.code if ref else None


def test_surname_after_title_and_unknown_name(nlp, finder):
    doc = nlp("Brazilian Finance Minister Dilson Funaro arrived in London. Funaro met bankers on Monday.")
    assert _code(finder, doc, "Funaro", dt.date(1987, 3, 2)) == "BRAGOV"


def test_honorific_surname_after_dictionary_name(nlp, finder):
    doc = nlp("Tony Blair spoke in Edinburgh. Mr Blair praised his chancellor.")
    assert _code(finder, doc, "Mr Blair", DAY_2005) == "GBRGOV"


def test_surname_in_apposition_to_a_title(nlp, finder):
    doc = nlp("Dilson Funaro, Brazil's finance minister, arrived in Tokyo. Funaro met bankers.")
    assert _code(finder, doc, "Funaro", dt.date(1987, 3, 2)) == "BRAGOV"


def test_a_surname_with_another_first_name_is_someone_else(nlp, finder):
    doc = nlp("Tony Blair spoke in Edinburgh. Later Ian Blair, the police chief, spoke.")
    assert not any(m.antecedent is not None and "Blair" in m.text for m in finder(doc).mentions)


def test_no_surname_link_without_a_full_name_first(nlp, finder):
    doc = nlp("Mr Funaro met bankers on Monday.")
    assert not any("Funaro" in m.text for m in finder(doc).mentions)


def test_uk_parties_follow_who_governs(code_of):
    assert code_of("The Conservatives accused officials of a failure.", "Conservatives", DAY_2005) == "GBROPP"
    assert code_of("The Conservatives accused officials of a failure.", "Conservatives",
                   dt.date(1987, 6, 1)) == "GBRGOV"
    assert code_of("Labour criticised the plan.", "Labour", DAY_2005) == "GBRGOV"
    assert code_of("Labour criticised the plan.", "Labour", dt.date(2015, 6, 1)) == "GBROPP"
    assert code_of("The Lib Dems voted against it.", "Lib Dems", dt.date(2012, 1, 1)) == "GBRGOV"


def test_party_leader_title_and_surname(nlp, finder):
    doc = nlp("Iraq needs an exit plan, Lib Dem leader Charles Kennedy has said. Mr Kennedy spoke in London.")
    assert _code(finder, doc, "Mr Kennedy", DAY_2005) == "GBROPP"
