"""'Called X a Y' names something; it is no phone call (issue #13's word-sense errors)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.pipeline import code_article

DAY = dt.date(2024, 5, 14)


@pytest.mark.parametrize("text", ["Corbyn called the move a smash and grab.",
                                  "The prime minister called the talks a success.",
                                  "The opposition dubbed the budget a disaster."])
def test_a_characterisation_is_no_phone_call(text):
    assert not [e for e in code_article(text, DAY) if e.cameo_code.startswith("04")]


def test_a_real_phone_call_stays():
    events = code_article("Biden called Putin on Tuesday.", DAY)
    assert [(e.cameo_code, e.source_country, e.target_country) for e in events][:1] == [("041", "USA", "RUS")]
