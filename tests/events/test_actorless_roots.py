"""Candidates with no actor at all: protests stand (lexicon actorless_roots), other acts are dropped.

Sentences written for this test (not from a gold file).
"""
from __future__ import annotations

from detente.events.candidates import Candidate
from detente.events.component import pattern_files
from detente.events.discourse import infer_participants
from detente.events.patterns import load_patterns
from detente.events.triggers import find_triggers


def _bare_candidates(nlp, lexicon, text: str) -> list[Candidate]:
    pats = load_patterns(pattern_files([]))
    doc = nlp(text)
    return [Candidate(t, 0, [], [], "", "", None, None, "", confidence=t.pattern.confidence)
            for s in doc.sents for t in find_triggers(s, pats, lexicon)]


def test_actorless_roots_is_protest_only(lexicon):
    assert lexicon.actorless_roots == frozenset({"14"})


def test_actorless_protest_is_kept_with_a_note(nlp, lexicon):
    cands = _bare_candidates(nlp, lexicon, "Thousands of dockers went on strike at the port on Monday.")
    assert [c.root for c in cands] == ["14"]
    before = cands[0].confidence
    kept = infer_participants(cands, lexicon, lambda tok, c: [])
    assert kept == cands
    assert kept[0].confidence < before
    assert any("kept without actors" in n for n in kept[0].notes)


def test_actorless_other_acts_are_dropped(nlp, lexicon):
    cands = _bare_candidates(nlp, lexicon, "The spokesman criticised the decision on Monday.")
    assert cands and all(c.root != "14" for c in cands)
    assert infer_participants(cands, lexicon, lambda tok, c: []) == []
