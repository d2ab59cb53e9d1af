"""PLOVER auxiliary modes: negated, hypothetical and future actions are kept apart from facts.

The mode is read from the trigger and the verbs that govern it (auxiliaries, negation, "if" clauses,
"plan to"/"expected to", "upcoming"). For an event noun the governing verb counts too: in "talks will
take place" the future sits on "take". Priority: negation > hypothetical > future.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..nlp.deps import (
    ACL, ADVCL, ADVMOD, AMOD, AUX, AUXPASS, CCOMP, CONJ, DET, DOBJ, MARK, NEG, NPADVMOD, NSUBJ, NSUBJPASS,
    POBJ, PREP, PRT, RELCL, XCOMP,
)
from ..nlp.language import language_data
from .lexicon import Lexicon
from .triggers import participation_verb

NEGATION = "negation"
HYPOTHETICAL = "hypothetical"
FUTURE = "future"


def _chain(trigger: Token, lex: Lexicon) -> list[Token]:
    """The trigger and the words above it that share its modality."""
    chain, cur = [trigger], trigger
    for _ in range(4):
        head = cur.head
        if head is cur:
            break
        if cur.pos_ in ("NOUN", "PROPN") or cur.tag_ == "VBG" and cur.dep_ in (POBJ, DOBJ, NSUBJ):
            # a noun: its light/occurrence verb, or the verb it is subject/object of
            if cur.dep_ in (DOBJ, NSUBJ, NSUBJPASS) and head.pos_ in ("VERB", "AUX"):
                chain.append(head)
                cur = head
                continue
            if cur.dep_ == CONJ:
                cur = head
                continue
            if cur.dep_ == POBJ and head.lower_ == "of" and head.head.dep_ in (DOBJ, NSUBJPASS):
                cur = head.head  # "will provide 25,000 tons of aid": the modality of 'provide'
                continue
            verb = participation_verb(cur, lex)
            if verb is not None:
                chain.append(verb)  # "would not take part in the summit", "will go on strike"
                cur = verb
                continue
            break
        if cur.dep_ == ADVCL and any(c.dep_ == AUX and c.lower_ == "to" for c in cur.children):
            # a purpose clause shares its head's modality: "will visit Mauritania to mediate"
            chain.append(head)
            cur = head
            continue
        if cur.dep_ in (XCOMP, CONJ, AUXPASS) or cur.dep_ == CCOMP and head.lemma_.lower() in lex.future_governors:
            chain.append(head)
            cur = head
            continue
        if head.pos_ == "ADJ" and head.lemma_.lower() in lex.future_governors:  # "ready to send"
            chain.append(head)
            cur = head
            continue
        break
    return chain


@dataclass(frozen=True)
class ModeResult:
    mode: str  # "negation" | "hypothetical" | "future" | ""
    why: str
    cue: str = ""  # "aux" | "governor" | "modifier" | "mark" | "neg" | "attempt"
    negated_intent: bool = False  # "will not accept", "refused to meet": a refusal, see recoding.py
    governor: Token | None = None  # the governing verb that negates ("stopped shelling": 'stopped')


def detect_mode(trigger: Token, lex: Lexicon) -> ModeResult:
    """The trigger's auxiliary mode (priority negation > hypothetical > future) and its cue."""
    chain = _chain(trigger, lex)
    future = _future(trigger, chain, lex)
    hypo = _hypothetical(chain, lex)
    for tok in chain:
        for c in tok.children:
            if c.dep_ == NEG and tok is not trigger and tok.lemma_.lower() in lex.cessation_verbs:
                # "did not stop shelling": the act goes on (its own mode is looked at above 'stop')
                rest = detect_mode(tok, lex)
                return ModeResult(rest.mode if rest.mode != NEGATION else "", f"'{c.text} {tok.text}': the act goes on",
                                  rest.cue if rest.mode != NEGATION else "")
            if c.dep_ == NEG or (c.dep_ == DET and c.lower_ == "no" and tok is trigger):
                return ModeResult(NEGATION, f"negated by '{c.text}' on '{tok.text}'", "neg",
                                  negated_intent=future is not None or (hypo is not None and hypo[2] == "aux"))
        if tok is not trigger and tok.lemma_.lower() in lex.negation_governors and _governs(tok, chain):
            return ModeResult(NEGATION, f"governed by '{tok.text}'", "governor", negated_intent=True, governor=tok)
    cond = _conditional_consequence(chain, lex)
    if cond is not None:
        return cond
    if hypo is not None:
        return ModeResult(*hypo)
    tried = next((t for t in chain if t is not trigger and t.lemma_.lower() in lex.attempt_governors), None)
    if tried is not None:
        return ModeResult(HYPOTHETICAL, f"governed by '{tried.text}': an attempt, not the act", "attempt")
    asked = _requested_content(trigger, lex)
    if asked is not None:
        return ModeResult(HYPOTHETICAL, f"only the content of a '{asked.text}'", "content")
    if future is not None:
        return ModeResult(*future)
    return ModeResult("", "")


_CONTENT_PATH = language_data().dependency_labels.content_path


def _requested_content(trigger: Token, lex: Lexicon) -> Token | None:
    """The request/offer/plan noun whose complement the trigger sits in ("rejected North Korea's demand
    to sever the alliance", "an appeal for deploying troops", "a call for forces to be deployed")."""
    cur = trigger
    for _ in range(5):
        head = cur.head
        if head is cur or cur.dep_ not in _CONTENT_PATH:
            return None
        if head.pos_ == "NOUN" and head.lemma_.lower() in lex.content_nouns:
            infinitive = cur.dep_ in (ACL, RELCL) and any(c.dep_ == AUX and c.lower_ == "to" for c in cur.children)
            if infinitive or cur.dep_ == PREP and cur.lower_ in ("for", "to"):
                return head
            return None
        if cur.dep_ == RELCL or head.pos_ == "NOUN" and cur.dep_ == ACL:
            return None  # a clause that describes some other noun
        cur = head
    return None


_OTHER_CLAUSES = language_data().dependency_labels.other_clauses


def has_own_time(trigger: Token, lex: Lexicon) -> bool:
    """Does the act's own clause carry a time ("will impose tariffs from Wednesday", "would charge
    tariffs starting August 1")? A scheduled act is not a mere threat (see recoding.py). The small
    parser often hangs the time on a nearby noun, so the whole clause counts, not its other clauses."""
    top = _chain(trigger, lex)[-1]
    stack = [c for c in top.children if c.dep_ not in _OTHER_CLAUSES]
    while stack:
        t = stack.pop()
        if t.ent_type_ in ("DATE", "TIME"):
            return True
        if t.dep_ == ADVCL and any(c.dep_ == MARK for c in t.children):
            continue  # "after the attack on Monday": the time of another event
        stack.extend(c for c in t.children if c.dep_ not in _OTHER_CLAUSES)
    return False


def _conditional_consequence(chain: list[Token], lex: Lexicon) -> ModeResult | None:
    """"will boycott the elections unless the president resigns", "would meet him if he gave them a
    veto": an act promised or threatened on a condition (recoded as intent or threat)."""
    for tok in chain:
        kids = list(tok.children)
        modal = next((c for c in kids if c.dep_ == AUX and (c.lower_ in lex.future_aux or c.lower_ in ("would", "'d"))), None)
        cond = next((c for c in kids if c.dep_ == ADVCL and any(
            g.dep_ == MARK and g.lower_ in ("if", "unless") for g in c.children)), None)
        if modal is not None and cond is not None:
            mark = next(g for g in cond.children if g.dep_ == MARK)
            return ModeResult(HYPOTHETICAL, f"'{modal.text} {tok.text}' on the condition '{mark.text} {cond.text}'",
                              "conditional")
    return None


def _reported_would(tok: Token, aux: Token, lex: Lexicon) -> bool:
    """"Iraq said it would allow inspectors back": 'would' in reported speech is a future, not a
    hypothetical (unless the clause is conditional)."""
    return (aux.lower_ in ("would", "'d") and tok.dep_ == CCOMP and tok.head.lemma_.lower() in lex.report_verbs
            and not any(c.dep_ == ADVCL and any(g.dep_ == MARK and g.lower_ in lex.hypothetical_marks
                                                  for g in c.children) for c in tok.children))


def _hypothetical(chain: list[Token], lex: Lexicon) -> tuple[str, str, str] | None:
    for tok in chain:
        for c in tok.children:
            if c.dep_ == AUX and c.lower_ in lex.hypothetical_aux and not _reported_would(tok, c, lex):
                return HYPOTHETICAL, f"modal '{c.text}' on '{tok.text}'", "aux"
            if c.dep_ == MARK and c.lower_ in lex.hypothetical_marks:
                return HYPOTHETICAL, f"conditional '{c.text}' clause", "mark"
        if tok.dep_ == ADVCL and any(c.dep_ == MARK and c.lower_ in lex.hypothetical_marks for c in tok.children):
            return HYPOTHETICAL, f"conditional clause on '{tok.text}'", "mark"
    return None


def _future(trigger: Token, chain: list[Token], lex: Lexicon) -> tuple[str, str, str] | None:
    for tok in chain:
        for c in tok.children:
            if c.dep_ == AUX and (c.lower_ in lex.future_aux or _reported_would(tok, c, lex)):
                return FUTURE, f"'{c.text} {tok.text}'", "aux"
            if c.dep_ in (AMOD, ADVMOD) and c.lower_ in lex.future_modifiers and tok is trigger:
                return FUTURE, f"'{c.text} {tok.text}'", "modifier"
        if tok is not trigger and tok.lemma_.lower() in lex.future_governors and not any(
                c.dep_ == PRT for c in tok.children):  # "set to" is a plan, "set up" an act
            return FUTURE, f"governed by '{tok.text}'", "governor"
        if tok.tag_ == "VBG" and tok.lemma_ == "go" and tok is not trigger:
            return FUTURE, "'going to'", "aux"
        if tok.lemma_ == "be" and tok is not trigger and any(c.dep_ == XCOMP for c in tok.children):
            return FUTURE, f"'{tok.text} to'", "aux"
    return _time_ahead(chain, lex)


def _governs(gov: Token, chain: list[Token]) -> bool:
    """Does a negating verb ('refused', 'halted') govern the act below it in the chain? Not when the
    act is its subject ("the strike halted container traffic": the strike went on) or a coordinate
    verb ("rejected the quota and demanded a larger share": the demand was made)."""
    below = chain[chain.index(gov) - 1]
    return below.dep_ not in (NSUBJ, NSUBJPASS, CONJ)


def _time_ahead(chain: list[Token], lex: Lexicon) -> tuple[str, str, str] | None:
    """A present-tense act with a time still ahead ("travels to Italy tomorrow", "is flying to Tokyo
    next week", "the talks begin tomorrow") is scheduled, not done. Only a time adverbial on the
    act's own verbs counts ("met to prepare next week's summit" is past), and no past tense."""
    for tok in chain:
        if tok.tag_ in ("VBD", "VBN") or any(c.dep_ in (AUX, AUXPASS) and c.tag_ == "VBD" for c in tok.children):
            return None
    for tok in chain:
        for c in tok.children:
            if c.dep_ not in (NPADVMOD, ADVMOD):
                continue
            if c.lower_ in lex.future_time_words or c.dep_ == NPADVMOD and any(
                    g.dep_ in (AMOD, DET) and g.lower_ in lex.future_modifiers for g in c.children):
                return FUTURE, f"time ahead '{c.text}' on '{tok.text}'", "time"
    return None
