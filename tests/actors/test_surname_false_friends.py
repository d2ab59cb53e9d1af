"""A lone listed surname is no person when it is an acronym among lower-case words ("the GATT
round") or a word inside a company name ("Merrill Lynch"); a shouted headline keeps its names.

Sentences written for this test (not from a gold file)."""
from __future__ import annotations


def _people(nlp, finder, text: str) -> list[str]:
    return [m.text for m in finder(nlp(text)).mentions if m.kind == "person"]


def test_an_acronym_is_not_a_surname(nlp, finder):
    assert "GATT" not in _people(nlp, finder, "Japan will raise farm trade at the next GATT round in Geneva.")


def test_a_surname_inside_a_company_name_is_not_the_person(nlp, finder):
    text = "Shareholders of Merrill Lynch and Co Inc approved the merger on Tuesday."
    assert "Lynch" not in _people(nlp, finder, text)


def test_a_shouted_headline_keeps_its_names(nlp, finder):
    assert "REAGAN" in _people(nlp, finder, "REAGAN CALLS FOR TALKS WITH MOSCOW")


def test_a_plain_surname_is_still_a_person(nlp, finder):
    assert "Bouteflika" in _people(nlp, finder, "Bouteflika met the delegation in Algiers.")
