"""Unit tests of the event engine (triggers, slots, modality) with a tiny fixture pattern set."""
from detente.events.arguments import logical_subject, slot_tokens
from detente.events.modality import detect_mode
from detente.events.triggers import find_triggers, is_passive, logical_object


def triggers(nlp, pats, lex, text):
    doc = nlp(text)
    return [t for s in doc.sents for t in find_triggers(s, pats, lex)]


def ids(trigs):
    return [t.pattern.id for t in trigs]


def test_triggers_most_specific_pattern_wins(nlp, mini_patterns, lexicon):
    assert ids(triggers(nlp, mini_patterns, lexicon, "Israeli jets attacked the town on Monday.")) == ["t.attack.air"]
    assert ids(triggers(nlp, mini_patterns, lexicon, "Rebels attacked the town on Monday.")) == ["t.attack"]


def test_triggers_particle_required(nlp, mini_patterns, lexicon):
    assert ids(triggers(nlp, mini_patterns, lexicon, "The unions called off the strike.")) == ["t.call_off"]
    assert ids(triggers(nlp, mini_patterns, lexicon, "The minister called the envoy.")) == []


def test_triggers_absorbed_complement_is_not_coded(nlp, mini_patterns, lexicon):
    assert ids(triggers(nlp, mini_patterns, lexicon, "Japan and China agreed to cooperate on trade.")) == ["t.agree_coop"]
    assert ids(triggers(nlp, mini_patterns, lexicon, "Japan and China cooperate on trade.")) == ["t.cooperate"]


def test_triggers_noun_under_reversal_or_argument_is_dropped(nlp, mini_patterns, lexicon):
    assert ids(triggers(nlp, mini_patterns, lexicon, "Iran demanded the lifting of sanctions.")) == []
    assert ids(triggers(nlp, mini_patterns, lexicon, "France condemned the sanctions on Iran.")) == ["t.condemn"]


def test_triggers_light_verb_yields_to_noun(nlp, mini_patterns, lexicon):
    trigs = triggers(nlp, mini_patterns, lexicon, "The European Union imposed sanctions on Russia.")
    assert ids(trigs) == ["t.sanctions"]
    tok = trigs[0].token
    subj = slot_tokens(tok, "noun", "light_subject", lexicon)
    assert [t.text for t in subj] == ["Union"]
    assert [t.text for t in slot_tokens(tok, "noun", "prep:on", lexicon)] == ["Russia"]


def test_slots_passive_voice_swaps_subject_and_object(nlp):
    doc = nlp("The journalist was arrested by Turkish police.")
    verb = next(t for t in doc if t.lemma_ == "arrest")
    assert is_passive(verb)
    assert logical_subject(verb).text == "police"
    assert logical_object(verb).text == "journalist"


def test_slots_object_control_infinitive(nlp):
    doc = nlp("The United Nations urged Iran to release the prisoners.")
    release = next(t for t in doc if t.lemma_ == "release")
    assert logical_subject(release).text == "Iran"


def test_slots_phone_call_between(nlp, mini_patterns, lexicon):
    trigs = triggers(nlp, mini_patterns, lexicon, "The phone call between Erdogan and Trump lasted an hour.")
    assert ids(trigs) == ["t.call_phone"]
    assert [t.text for t in slot_tokens(trigs[0].token, "noun", "between", lexicon)] == ["Erdogan", "Trump"]


def mode_of(nlp, lexicon, text, lemma):
    doc = nlp(text)
    tok = next(t for t in doc if t.lemma_ == lemma or t.lower_ == lemma)
    return detect_mode(tok, lexicon).mode


def test_modality_negation_future_hypothetical(nlp, lexicon):
    assert mode_of(nlp, lexicon, "Putin did not meet Zelensky in Istanbul.", "meet") == "negation"
    assert mode_of(nlp, lexicon, "Putin will meet Zelensky next week.", "meet") == "future"
    assert mode_of(nlp, lexicon, "Technical talks will soon take place.", "talks") == "future"
    assert mode_of(nlp, lexicon, "The talks could mark a new phase.", "talks") == "hypothetical"
    assert mode_of(nlp, lexicon, "If Russia attacks, NATO would respond.", "attack") == "hypothetical"
    assert mode_of(nlp, lexicon, "Modi plans to visit Washington.", "visit") == "future"
    assert mode_of(nlp, lexicon, "Putin met Zelensky in Istanbul.", "meet") == ""


def test_modality_refusal_flags_negated_intent(nlp, lexicon):
    doc = nlp("Syria said it will not accept more refugees.")
    res = detect_mode(next(t for t in doc if t.lemma_ == "accept"), lexicon)
    assert res.mode == "negation" and res.negated_intent
    doc = nlp("Putin did not meet Zelensky.")
    assert not detect_mode(next(t for t in doc if t.lemma_ == "meet"), lexicon).negated_intent


def test_modality_ready_to_is_future(nlp, lexicon):
    assert mode_of(nlp, lexicon, "France is ready to send 4,000 troops to Liberia.", "send") == "future"


def test_modality_content_of_request_noun_is_hypothetical(nlp, lexicon):
    # what a demand, call or appeal asks for has not happened
    assert mode_of(nlp, lexicon, "South Korea rejected North Korea's demand to sever the alliance.", "sever") == "hypothetical"
    assert mode_of(nlp, lexicon, "Beirut rejected a United Nations appeal for deploying troops.", "deploy") == "hypothetical"
    # the same act as a plain fact, or in a clause that only describes some other noun, stays factual
    assert mode_of(nlp, lexicon, "North Korea severed the alliance.", "sever") == ""
    assert mode_of(nlp, lexicon, "The demand came from troops deployed in the south.", "deploy") == ""


def test_modality_purpose_clause_shares_its_heads_mode(nlp, lexicon):
    assert mode_of(nlp, lexicon, "Jawara will visit Mauritania to mediate in the dispute.", "mediate") == "future"
    assert mode_of(nlp, lexicon, "Jawara visited Mauritania to mediate in the dispute.", "mediate") == ""


def test_modality_content_of_agreement_or_right(nlp, lexicon):
    assert mode_of(nlp, lexicon, "The two states signed an agreement to increase trade.", "increase") == "hypothetical"
    assert mode_of(nlp, lexicon, "They defended the right of troops to fire on militants.", "fire") == "hypothetical"


def test_slots_clause_subject_is_the_addressee(nlp, lexicon):
    doc = nlp("China demanded that the United States cancel the sale of weapons to Taiwan.")
    verb = next(t for t in doc if t.lemma_ == "demand")
    assert [t.text for t in slot_tokens(verb, "verb", "clause_subject", lexicon)] == ["States"]
    doc = nlp("China demanded a ceasefire.")
    assert slot_tokens(next(t for t in doc if t.lemma_ == "demand"), "verb", "clause_subject", lexicon) == []


def test_slots_stranded_prepositional_object(nlp):
    from detente.events.triggers import prep_objects
    doc = nlp("Peru has granted diplomatic asylum to five Panamanian army officers holed up in a residence.")
    grant = next(t for t in doc if t.lemma_ == "grant")
    assert [t.text for t in prep_objects(grant, "to")] == ["officers"]


def test_modality_set_up_is_an_act_set_to_is_a_plan(nlp, lexicon):
    assert mode_of(nlp, lexicon, "Serbia set up an inquiry into the killings.", "inquiry") == ""


def test_modality_an_attempt_is_not_the_act(nlp, lexicon):
    assert mode_of(nlp, lexicon, "Khan had tried to telephone Modi on Wednesday.", "telephone") == "hypothetical"
    assert mode_of(nlp, lexicon, "Rebels attempted to storm the parliament.", "storm") == "hypothetical"
    assert mode_of(nlp, lexicon, "Khan managed to telephone Modi on Wednesday.", "telephone") == ""
    doc = nlp("Rebels tried to storm the parliament.")  # an attempt is no threat: no recoding cue
    assert detect_mode(next(t for t in doc if t.lemma_ == "storm"), lexicon).cue == "attempt"
