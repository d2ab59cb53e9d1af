"""Event proposals from the sentence classifier (events/proposals.py)."""
from __future__ import annotations

from detente.events.proposals import GENERAL_CODE, main_verb, proposable, proposal_pattern, proposed_types
from detente.ontology import load_codebook


def test_every_general_code_exists_and_proposals_carry_their_type():
    book = load_codebook()
    for plover, code in GENERAL_CODE.items():
        assert code in book.codes
        pattern = proposal_pattern(plover, "criticise", "verb")
        assert pattern.id == f"model.{plover.lower()}" and pattern.cameo == code
        assert (pattern.plover or book.get(code).plover_type) == plover


def test_only_sure_types_missing_from_the_rules_are_proposed():
    probs = {"ANY": 0.99, "ACCUSE": 0.9, "REQUEST": 0.8, "AGREE": 0.2}
    assert proposed_types(probs, present={"REQUEST"}, threshold=0.75) == ["ACCUSE"]
    assert proposed_types(probs, present=set(), threshold=0.95) == []
    assert proposable(probs, threshold=0.85) and not proposable({"ANY": 0.99, "AGREE": 0.2}, threshold=0.85)


def test_the_main_verb_is_the_clause_under_a_report_verb():
    from detente.nlp import load_nlp

    nlp = load_nlp()
    doc = nlp("The ministry said Iraq had attacked two tankers.")
    assert main_verb(next(doc.sents), {"say"}).lemma_ == "attack"
    doc = nlp("Labour criticised the plan.")
    assert main_verb(next(doc.sents), {"say"}).lemma_ == "criticise"


def test_a_proposed_speech_act_comes_from_the_speaker():
    from detente.events.arguments import slot_tokens
    from detente.events.lexicon import load_lexicon
    from detente.nlp import load_nlp

    lex = load_lexicon()
    pattern = proposal_pattern("ACCUSE", "violate", "verb")
    assert pattern.source_slots[0] == "speaker" and "subject" in pattern.target_slots
    assert proposal_pattern("ASSAULT", "attack", "verb").source_slots == ["subject"]
    doc = load_nlp()("Local officials also said GM violated contract provisions.")
    verb = main_verb(next(doc.sents), lex.report_verbs)
    assert [t.text for t in slot_tokens(verb, "verb", "speaker", lex)] == ["officials"]
    assert [t.text for t in slot_tokens(verb, "verb", "subject", lex)] == ["GM"]
    doc = load_nlp()('"The plan was unfair to farmers," the minister said.')
    verb = main_verb(next(doc.sents), lex.report_verbs)
    assert [t.text for t in slot_tokens(verb, "verb", "speaker", lex)] == ["minister"]
    doc = load_nlp()("Rebels attacked the town.")
    verb = main_verb(next(doc.sents), lex.report_verbs)
    assert slot_tokens(verb, "verb", "speaker", lex) == []
