"""Pipeline: acts that are only the content of another act, or background description, are not coded."""
from __future__ import annotations

import datetime as dt

from detente.pipeline import code_article

DAY = dt.date(2024, 7, 4)


def kinds(text: str) -> list[str]:
    return [e.plover_type for e in code_article(text, DAY) if e.plover_mode not in ("hypothetical", "future", "negation")]


def test_accusation_content_is_not_an_event():
    assert kinds("The Sudanese government accused Darfur rebels of violating the ceasefire.") == ["ACCUSE"]
    assert "ASSAULT" in kinds("Darfur rebels violated the ceasefire on Monday.")


def test_participle_describing_a_noun_is_background_unless_it_names_who_or_when():
    assert "AID" not in kinds("The camp was attacked by militiamen armed with machetes.")
    got = [(e.plover_type, e.source_country) for e in code_article(
        "Saudi Arabia and Iran restored relations under a deal brokered by China.", DAY)]
    assert ("CONSULT", "CHN") in got, got


def test_self_obligation_is_a_pledge_not_a_request():
    text = "Hungarian and Romanian officials agreed on Wednesday that their countries should cooperate."
    assert "REQUEST" not in kinds(text)
    text = "Rwandan rebels announced that President Kagame must agree to constitutional changes."
    assert "REQUEST" in kinds(text)


def test_two_actors_of_one_country_can_act_on_each_other():
    got = [(e.source_code, e.target_code) for e in code_article(
        "The Sudanese government accused Darfur rebels of violating the ceasefire.", DAY)]
    assert ("SDNGOV", "SDNREB") in got, got


def test_event_noun_carried_by_go_or_remain_on():
    got = [(e.plover_type, e.source_code) for e in code_article(
        "Hospital doctors in Kenya remained on strike for a third week.", DAY)]
    assert ("PROTEST", "KENHLH") in got, got
    got = [e.plover_type for e in code_article("Israeli jets carried out a strike on Gaza.", DAY)]
    assert got == ["ASSAULT"], got


def test_x_led_government_takes_the_country_of_x():
    got = [(e.plover_type, e.source_code) for e in code_article(
        "Mali's military-led government on Monday ordered France's ambassador to leave the country.", DAY)]
    assert ("SANCTION", "MLIGOV") in got, got


def test_after_clause_is_its_own_event_but_before_clause_is_not():
    got = [(e.plover_type, e.source_country) for e in code_article(
        "EU leaders agreed to a support package for Ukraine after Hungary dropped its veto.", DAY)]
    assert ("CONCEDE", "HUN") in got, got
    got = [e.plover_type for e in code_article(
        "The rebels agreed to talks before they demobilize.", DAY)]
    assert "RETREAT" not in got, got


def test_barring_entry_is_a_rejection_and_pausing_aid_a_sanction():
    assert "REJECT" in kinds("Israel barred the U.N. Secretary-General from entering the country.")
    assert "SANCTION" in kinds("The United States paused all military aid to Ukraine on Monday.")
