"""The prefilter's pattern-aware trigger test: a trigger form counts only with a word its pattern needs."""
from __future__ import annotations

import pytest

from detente.events.patterns import Pattern, PatternSet
from detente.events.prefilter import Prefilter, word_forms


def _pf(*patterns: Pattern) -> Prefilter:
    ps = PatternSet(list(patterns))
    return Prefilter(ps.vocabulary(), requirements=ps.requirements())


def test_constrained_trigger_needs_one_of_its_pattern_words():
    pf = _pf(Pattern(id="t.offer_talks", lemmas=["offer"], cameo="036", object=["talks", "negotiation"]))
    assert pf.has_trigger("Iran offered talks to the United States.")
    assert pf.has_trigger("Iran offers fresh negotiations.")
    assert not pf.has_trigger("The company offered 25 dlrs a share.")


def test_unconstrained_pattern_makes_the_trigger_enough():
    pf = _pf(Pattern(id="t.offer_talks", lemmas=["offer"], cameo="036", object=["talks"]),
             Pattern(id="t.attack", lemmas=["attack"], cameo="190"))
    assert pf.has_trigger("Rebels attacked the town.")
    assert not pf.has_trigger("The company offered 25 dlrs a share.")


@pytest.mark.parametrize("field, value, sentence", [
    ("particle", "off", "The union called off the strike."),
    ("complement", ["meet"], "Putin called for a meeting, agreeing to meet."),
    ("context", ["worker"], "Railway workers went on strike."),
    ("modifier", ["joint"], "They held joint drills."),
])
def test_every_constraint_kind_is_a_necessary_word(field, value, sentence):
    lemma = {"particle": "call", "complement": "agree", "context": "strike", "modifier": "drill"}[field]
    pos = "noun" if field in ("context", "modifier") else "verb"
    pf = _pf(Pattern(id="t.x", lemmas=[lemma], pos=pos, cameo="040", **{field: value}))
    assert pf.has_trigger(sentence)
    assert not pf.has_trigger(sentence.replace(value if isinstance(value, str) else value[0], "zzz"))


def test_prepositions_without_objects_need_the_preposition():
    pf = _pf(Pattern(id="t.meet_with", lemmas=["meet"], cameo="040", prep={"with": []}))
    assert pf.has_trigger("Fidan met with Rubio.")
    assert not pf.has_trigger("Fidan met Rubio.")


def test_word_forms_cover_irregular_and_f_plurals():
    assert {"people", "persons"} <= word_forms("person")
    assert "lives" in word_forms("life") and "thieves" in word_forms("thief")


def test_coder_prefilter_keeps_obligations_and_drops_set_phrases_without_their_words():
    from detente.pipeline import Coder

    pf = Coder().prefilter
    assert pf.has_trigger("Russia said Sudan must return the helicopter.")
    assert not pf.has_trigger("Sudan must return the helicopter.")  # a modal alone is no request
    assert not pf.has_trigger("Shares in the company rose to a record in March.")  # share: set phrases only
    assert pf.has_trigger("Thousands joined a march in the capital.")
