"""A subjectless participle clause ("..., killing 1,200 and taking 250 hostages") happens when the verb
it hangs on does: it takes that verb's date (dates/attach.py, _governing)."""
from __future__ import annotations

from detente.pipeline import code_article


def test_participle_clause_takes_the_date_of_its_verb():
    text = ("The war began when rebels attacked the northern town on March 3, 2019, killing 40 soldiers "
            "and taking 30 hostages. A truce was signed on Sunday.")
    events = code_article(text, date="2020-06-15")
    dated = {e.trigger: str(e.date) for e in events}
    assert dated.get("attacked") == "2019-03-03", dated
    assert dated.get("killing", "2019-03-03") == "2019-03-03", dated
    assert dated.get("taking", "2019-03-03") == "2019-03-03", dated
