"""Candidates with no actor at all: protests stand (lexicon actorless_roots); talks, accusations,
rejections and threats take the article's last named actor as source; other acts are dropped.

Sentences written for this test (not from a gold file).
"""
from __future__ import annotations

import datetime as dt

import pytest

from detente.events.candidates import Candidate
from detente.events.component import pattern_files
from detente.events.discourse import infer_participants
from detente.events.patterns import load_patterns
from detente.events.triggers import find_triggers
from detente.pipeline import code_article

DAY = dt.date(2024, 5, 14)


def _bare_candidates(nlp, lexicon, text: str) -> list[Candidate]:
    pats = load_patterns(pattern_files([]))
    doc = nlp(text)
    return [Candidate(t, 0, [], [], "", "", None, None, "", confidence=t.pattern.confidence)
            for s in doc.sents for t in find_triggers(s, pats, lexicon)]


def test_actorless_roots_are_protest_talks_accusations_rejections_threats(lexicon):
    assert lexicon.actorless_roots == frozenset({"14", "04", "11", "12", "13"})


def test_actorless_protest_is_kept_with_a_note(nlp, lexicon):
    cands = _bare_candidates(nlp, lexicon, "Thousands of dockers went on strike at the port on Monday.")
    assert [c.root for c in cands] == ["14"]
    before = cands[0].confidence
    kept = infer_participants(cands, lexicon, lambda tok, c: [])
    assert kept == cands
    assert kept[0].confidence < before
    assert any("kept without actors" in n for n in kept[0].notes)


def test_actorless_criticism_with_no_actor_in_the_article_is_kept_bare(nlp, lexicon):
    cands = _bare_candidates(nlp, lexicon, "The spokesman criticised the decision on Monday.")
    assert cands and all(c.root == "11" for c in cands)
    kept = infer_participants(cands, lexicon, lambda tok, c: [])
    assert kept == cands and not kept[0].sources


def test_actorless_force_is_dropped(nlp, lexicon):
    cands = _bare_candidates(nlp, lexicon, "Three villagers were shot dead near the market on Monday.")
    assert cands and all(c.root in ("18", "19", "20") for c in cands)
    assert infer_participants(cands, lexicon, lambda tok, c: []) == []


@pytest.mark.parametrize("text, ptype, src", [
    ("Kenya's president met Somali leaders in Nairobi on Monday. The proposal was rejected on Tuesday.",
     "REJECT", "KEN"),
    ("Greek Foreign Minister Nikos Dendias accused Turkey of violating Greek airspace on Monday. "
     "The flights were condemned as a dangerous provocation.", "ACCUSE", "GRC"),
])
def test_actorless_act_takes_the_articles_last_actor(text, ptype, src):
    events = code_article(text, DAY)
    second = [e for e in events if e.plover_type == ptype and e.sentence_index == 1]
    assert second, [(e.plover_type, e.sentence_index, e.source_country) for e in events]
    assert all(e.source_country == src for e in second)


def test_actorless_force_does_not_take_the_last_actor():
    text = "Kenya's president met Somali leaders in Nairobi on Monday. Three people were shot dead on Tuesday."
    assert not any(e.plover_type == "ASSAULT" for e in code_article(text, DAY))


def test_actorless_act_retelling_a_named_act_of_its_sentence_is_dropped():
    """'negotiated' with no actor beside 'met' with its actors: one consultation, told twice."""
    base = "Kenya's president met Somali leaders on Monday. The truce was negotiated over two years in Nairobi"
    alone = [e for e in code_article(base + ".", DAY) if e.sentence_index == 1]
    assert [e.cameo_code for e in alone] == ["046"] and alone[0].source_country == "KEN"
    told_twice = code_article(base + ", where Kenya's president met the Somali president.", DAY)
    assert [e.cameo_code for e in told_twice if e.sentence_index == 1] == ["040"]
