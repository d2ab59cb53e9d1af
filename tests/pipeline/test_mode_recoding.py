"""Pipeline: how modes change codes (recoding.yaml) and PLOVER types set by a pattern."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.pipeline import code_article

DAY = dt.date(2024, 7, 4)


def types(text: str) -> list[tuple[str, str, str, str]]:
    return [(e.plover_type, e.source_country, e.target_country, e.plover_mode) for e in code_article(text, DAY)]


@pytest.mark.parametrize("text, expected", [
    # an announced sanction with a date is a scheduled sanction, without one a threat
    ("The European Union will impose tariffs on Chinese electric vehicles from Wednesday.", ("SANCTION", "future")),
    ("The European Union will impose tariffs on Chinese electric vehicles.", ("THREATEN", None)),
    # a promise on a condition is a threat (coercive act) or an intent (cooperative act)
    ("The opposition party will boycott the elections unless the president resigns.", ("THREATEN", None)),
])
def test_mode_recoding_sanctions_and_conditions(text, expected):
    got = [(t, mode) for t, _, _, mode in types(text)]
    kind, mode = expected
    assert any(t == kind and (mode is None or m == mode) for t, m in got), got
    if mode is None:  # a threat is a fact (a verbal act), not a future or hypothetical event
        assert all(m not in ("future", "hypothetical") for t, m in got if t == kind)


def test_mode_recoding_joint_exercise_is_military_cooperation():
    got = types("Chinese and Russian warships began a naval exercise near Vladivostok on Friday.")
    assert ("COOPERATE", "CHN", "RUS", "") in got and ("COOPERATE", "RUS", "CHN", "") in got, got
    assert not any(t == "MOBILIZE" for t, *_ in got)
    assert any(t == "MOBILIZE" for t, *_ in types("Chinese warships began a naval exercise near Taiwan on Friday."))


def test_pattern_plover_type_overrides_the_code_mapping():
    events = code_article("President Joe Biden pardoned his son Hunter on Sunday.", DAY)
    pardon = [e for e in events if e.trigger == "pardoned"]
    assert pardon and pardon[0].cameo_code == "0841" and pardon[0].plover_type == "CONCEDE"


def test_refusing_to_take_part_is_a_rejection_by_the_participant():
    got = [(e.plover_type, e.source_country) for e in code_article(
        "China said on Friday it would not take part in next month's Ukraine peace summit.", DAY)]
    assert got and all(t == "REJECT" and src == "CHN" for t, src in got), got


@pytest.mark.parametrize("text, expected", [
    ("Russian forces stopped shelling the town on Friday.", ("RETREAT", None)),   # de-escalation (087)
    ("Russia did not stop shelling the town.", ("ASSAULT", None)),             # the shelling goes on
    ("The Kremlin said Russia would stop striking power plants for 30 days.", ("AGREE", "")),  # announced
])
def test_stopping_an_attack_is_a_de_escalation(text, expected):
    got = [(t, mode) for t, _, _, mode in types(text)]
    kind, mode = expected
    assert any(t == kind and (mode is None or m == mode) for t, m in got), got
    assert all(m != "negation" for _, m in got), got
