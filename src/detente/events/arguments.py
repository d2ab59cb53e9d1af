"""Find the tokens that fill a trigger's source and target slots.

Slots are named in the patterns (see patterns.SLOT_RE). ``subject`` and ``object`` are logical: in the
passive the subject is the by-agent and the object is the grammatical subject. Verbs without a subject
of their own borrow one: conjoined verbs from the first verb, infinitives from the controlling verb
("urged Iran to release" -> Iran; "agreed to meet" -> the subject of agreed), participial clauses
(", demanding ...") and relative clauses from the noun they modify.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..nlp.deps import (
    ACL, ACOMP, ADVCL, AMOD, AUX, CCOMP, COMPOUND, CONJ, CSUBJ, DATIVE, DOBJ, IOBJ, NMOD, NSUBJ,
    NSUBJPASS, OPRD, PARATAXIS, PCOMP, POBJ, POSS, PREP, RELCL, XCOMP,
)
from ..nlp.language import language_data
from .lexicon import Lexicon
from .triggers import is_passive, logical_object, participation_verb, prep_objects

SUBJ_DEPS = language_data().dependency_labels.subject
RELATIVE_PRONOUNS = language_data().relative_pronouns


def logical_subject(verb: Token, depth: int = 0) -> Token | None:
    """Who acts: the active subject, the passive by-agent, or a borrowed subject."""
    if depth > 4:
        return None
    if is_passive(verb):
        agents = prep_objects(verb, "by")
        return agents[0] if agents else None
    for c in verb.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == RELCL:
                return verb.head
            return c
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == CONJ and head.pos_ in ("VERB", "AUX"):
        return logical_subject(head, depth + 1)
    if verb.dep_ == XCOMP:
        # object control ("urged Iran to release") before subject control ("agreed to meet")
        obj = next((c for c in head.children if c.dep_ in (DOBJ, DATIVE)), None)
        if obj is not None and not is_passive(head):
            return obj
        if head.pos_ == "ADJ" and head.dep_ in (ACOMP, XCOMP, AMOD) and head.head is not head:
            return logical_subject(head.head, depth + 1)  # "France is ready to send"
        return logical_subject(head, depth + 1)
    if verb.dep_ in (ADVCL, ACL) and verb.tag_ in ("VBG",):
        return logical_subject(head, depth + 1) if head.pos_ in ("VERB", "AUX") else head
    if verb.dep_ == ADVCL and verb.tag_ == "VB" and head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == AUX and c.lower_ == "to" for c in verb.children):
        return logical_subject(head, depth + 1)  # "X opened the bridge to allow deliveries"
    if verb.dep_ == RELCL:
        return head
    if verb.dep_ in (PCOMP,) and head.head is not head:
        return logical_subject(head.head, depth + 1)
    if verb.pos_ == "ADJ" and verb.dep_ in (ACOMP, OPRD) and head is not verb:
        return logical_subject(head, depth + 1)  # "X are guilty of violating": X
    return None


def reporting_verb(verb: Token, lex: Lexicon) -> Token | None:
    """The report verb whose content clause holds ``verb``: "officials said [GM violated the contract]",
    "[the plan was unfair], he said" (a quote the parser makes the root, "said" its parataxis)."""
    cur = verb
    for _ in range(3):  # through conjoined clauses: "said X had violated and broken ..."
        if cur.dep_ != CONJ or cur.head is cur:
            break
        cur = cur.head
    if cur.dep_ in (CCOMP, PARATAXIS) and cur.head is not cur and cur.head.lemma_.lower() in lex.report_verbs:
        return cur.head
    return next((c for c in cur.children if c.dep_ in (PARATAXIS, CCOMP) and c.i > cur.i
                 and c.lemma_.lower() in lex.report_verbs and not any(g.dep_ == CCOMP for g in c.children)), None)


def light_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The verb carrying an event noun as its object: "held talks", "sanctions were imposed",
    "speeded up the withdrawal", "completed its investigation". Nouns that are the object of
    another coded event never get here (triggers.find_triggers drops them as arguments)."""
    head = noun.head
    if noun.dep_ in (DOBJ, NSUBJPASS) and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == CONJ and noun.head.dep_ in (DOBJ, NSUBJPASS):
        return light_verb(noun.head, lex)
    if (verb := participation_verb(noun, lex)) is not None:
        return verb  # "took part in the protest", "converged for a rally", "went on strike"
    if noun.dep_ == POBJ and noun.head.lower_ == "of" and noun.head.head.dep_ in (DOBJ, NSUBJPASS):
        return light_verb(noun.head.head, lex)  # "provided 25,000 tons of food aid"
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token (through noun phrases and prepositions)."""
    cur = token
    for _ in range(6):
        if cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def coordinated(token: Token) -> list[Token]:
    """A token and its conjuncts ("Hungary and Romania")."""
    out = [token]
    for c in token.children:
        if c.dep_ == CONJ:
            out.extend(coordinated(c))
    return out


def slot_tokens(trigger: Token, pos: str, slot: str, lex: Lexicon) -> list[Token]:
    """Head tokens of the noun phrases filling a slot (possibly several)."""
    if slot == "subject":
        subj = logical_subject(trigger) if pos == "verb" else None
        return [subj] if subj is not None else []
    if slot == "object":
        obj = logical_object(trigger) if pos == "verb" else None
        return [obj] if obj is not None else []
    if slot == "dative":
        return [c for c in trigger.children if c.dep_ in (DATIVE, IOBJ) and c.pos_ != "ADP"]
    if slot == "poss":
        return [c for c in trigger.children if c.dep_ == POSS]
    if slot == "mod":
        return [c for c in trigger.children if c.dep_ in (COMPOUND, AMOD, NMOD) and c.pos_ in ("PROPN", "ADJ", "NOUN")]
    if slot == "of":
        return prep_objects(trigger, "of")
    if slot == "between":
        out = []
        for t in prep_objects(trigger, "between") + prep_objects(trigger, "among"):
            out.extend(coordinated(t))
        return out
    if slot == "light_subject":
        verb = light_verb(trigger, lex)
        if verb is None:
            return []
        subj = logical_subject(verb)
        if subj is None and is_passive(verb):  # "Serb forces were engaged in ethnic cleansing"
            subj = next((c for c in verb.children if c.dep_ == NSUBJPASS and c.i != trigger.i), None)
        return [subj] if subj is not None else []
    if slot == "speaker":
        say = reporting_verb(trigger, lex)
        subj = logical_subject(say) if say is not None else None
        return [subj] if subj is not None and subj.i != trigger.i else []
    if slot == "clause_subject":
        clauses = [c for c in trigger.children if c.dep_ == CCOMP] if pos == "verb" else []
        subj = logical_subject(clauses[0]) if clauses else None
        return [subj] if subj is not None and subj.i != trigger.i else []
    if slot.startswith("prep:"):
        prep = slot[5:]
        found = prep_objects(trigger, prep)
        if not found and pos == "noun":
            verb = light_verb(trigger, lex)  # "held talks with X": the PP hangs on the verb
            if verb is not None:
                found = prep_objects(verb, prep)
        if not found and pos == "verb":
            obj = logical_object(trigger)  # "imposed sanctions on X" coded on the verb
            if obj is not None:
                found = prep_objects(obj, prep)
        return found
    return []


#: Children that never hold the target: the source side, function words, separate clauses.
NOT_TARGET_DEPS = language_data().dependency_labels.not_target


def object_region(trigger: Token) -> set[int]:
    """Token indexes where a fallback target may be found: the trigger's objects, complements and
    prepositional phrases (not its subject, not separate clauses)."""
    region: set[int] = set()
    children = list(trigger.children)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in (DOBJ, NSUBJPASS):
        # "opened investigations against X": the PP hangs on the verb carrying the noun
        children += [c for c in trigger.head.children if c.dep_ in (PREP, DATIVE)]
    for child in children:
        if child.dep_ in NOT_TARGET_DEPS or (child.dep_ == NSUBJPASS and not is_passive(trigger)):
            continue
        stack = [child]
        while stack:
            t = stack.pop()
            region.add(t.i)
            # not into clauses, nor the speaker of an embedded clause ("struck what New Delhi said was a camp")
            stack.extend(c for c in t.children if c.dep_ not in (RELCL, ADVCL, PARATAXIS)
                         and not (c.dep_ in (NSUBJ, CSUBJ) and t.pos_ in ("VERB", "AUX")))
    return region
