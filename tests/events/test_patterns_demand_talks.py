"""CAMEO 106 (demand meeting, negotiation) and its neighbours 1056/107/108, with near misses.

106 was missing from the codebook until the CAMEO correction of 2026-12; these sentences were
written for this test.
"""
from __future__ import annotations

import datetime as dt

import pytest

from detente.pipeline import code_article

DAY = dt.date(2024, 5, 14)

DEMANDS = [
    # (sentence, CAMEO code, source country, target country or None = not checked)
    ("The United Nations called for talks between Israel and the Palestinians.", "106", "IGO", "ISR"),
    ("France urged Russia and Ukraine to hold negotiations on Tuesday.", "106", "FRA", "RUS"),
    ("China called on India to resume dialogue over the border.", "106", "CHN", "IND"),
    ("Iran demanded negotiations with the United States over sanctions.", "106", "IRN", None),
    ("Germany pressed Serbia for a meeting on Kosovo.", "106", "DEU", "SRB"),
    ("The European Union urged both sides to negotiate.", "106", "IGO", None),
    ("Britain called for a summit with France on migration.", "106", "GBR", None),
    ("The rebels demanded an immediate ceasefire from the army.", "1056", "", None),
    ("Egypt demanded mediation in the dam dispute.", "108", "EGY", None),
]

NEAR_MISSES = [
    # (sentence, expected CAMEO code, PLOVER type): talks agreed, held or merely asked for are not 106
    ("Russia agreed to talks with Ukraine.", "036", "AGREE"),
    ("Turkey and Greece held talks in Ankara on Monday.", "040", "CONSULT"),
    ("Japan asked South Korea to meet next week.", "026", "REQUEST"),
]


@pytest.mark.parametrize(("text", "code", "source", "target"), DEMANDS)
def test_demands_for_talks_are_coded_with_the_cameo_manual_codes(text, code, source, target):
    events = code_article(text, DAY)
    hits = [e for e in events if e.cameo_code == code]
    assert hits, [(e.cameo_code, e.rule) for e in events]
    e = hits[0]
    assert e.plover_type == "REQUEST"
    assert e.source_code.startswith(source)
    if target:
        assert any(h.target_country == target for h in hits)


@pytest.mark.parametrize(("text", "code", "plover"), NEAR_MISSES)
def test_agreeing_to_or_holding_talks_is_not_a_demand(text, code, plover):
    events = code_article(text, DAY)
    assert events and all(e.cameo_code == code and e.plover_type == plover for e in events), \
        [(e.cameo_code, e.rule) for e in events]
    assert not any(e.cameo_code == "106" for e in events)
