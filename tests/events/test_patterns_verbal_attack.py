"""'Attacked X for ...' is verbal criticism (CAMEO 111), armed attacks stay CAMEO 190 (issue #13)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.pipeline import code_article

DAY = dt.date(2005, 3, 16)


@pytest.mark.parametrize("text", [
    "Opposition leader Charles Kennedy attacked Gordon Brown for failing to mention the environment.",
    "South Africa's president attacked Britain for its record in the region.",
])
def test_attacking_someone_for_something_is_criticism(text):
    events = [e for e in code_article(text, date=DAY) if e.plover_type]
    assert events and all(e.cameo_code == "111" and e.plover_type == "ACCUSE" for e in events)


def test_an_armed_attack_for_hours_stays_an_assault():
    events = [e for e in code_article("Iraqi forces attacked the Iranian positions for hours.", date=DAY)
              if e.plover_type]
    assert [e.plover_type for e in events] == ["ASSAULT"]
