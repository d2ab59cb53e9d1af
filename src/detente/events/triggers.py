"""Find event triggers in a parsed sentence and pick the most specific pattern for each.

A trigger is a verb or an event noun whose lemma has patterns. A pattern's constraints (particle,
object, preposition, complement, modifier, context) are checked on the dependency parse; the most
specific matching pattern wins. Triggers that are only arguments of another event ("condemned the
attack", "the lifting of sanctions") are dropped here, so that each event is coded once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..nlp.deps import (
    ACL, ACOMP, ADVCL, ADVMOD, AGENT, AMOD, ATTR, AUXPASS, CCOMP, COMPOUND, CONJ, DATIVE, DET, DOBJ,
    MARK, NMOD, NPADVMOD, NSUBJ, NSUBJPASS, NUMMOD, OPRD, PCOMP, POBJ, POSS, PREP, PRT, RELCL, XCOMP,
)
from ..nlp.language import language_data
from .lexicon import Lexicon
from .patterns import Pattern, PatternSet

#: Object heads that only measure out their "of" phrase.
PARTITIVES = language_data().partitives
CLAUSE_DEPS = language_data().dependency_labels.clause
COMPLEMENT_DEPS = language_data().dependency_labels.complement


@dataclass(frozen=True)
class Trigger:
    token: Token
    pattern: Pattern

    @property
    def pos(self) -> str:
        return self.pattern.pos


#: Named entities that are never event words ("on March 16", "Strike Force Ltd", "Meeting Street").
NON_EVENT_ENTS = frozenset({"DATE", "TIME", "PERSON", "GPE", "LOC", "NORP", "ORG", "FAC", "CARDINAL",
                            "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "PRODUCT", "WORK_OF_ART", "LANGUAGE"})


def trigger_pos(token: Token) -> str | None:
    if token.ent_type_ in NON_EVENT_ENTS and token.pos_ != "VERB":
        return None
    if token.pos_ == "VERB" and token.dep_ != AMOD:
        return "verb"
    if token.pos_ == "ADJ" and token.dep_ in (ACOMP, XCOMP) and token.tag_ == "VBN":
        return "verb"  # "Israel is opposed to the plan": a participle used as a predicate
    if token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in (POBJ, DOBJ, NSUBJ)):
        return "noun"
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in (NSUBJPASS, AUXPASS) for c in verb.children) or (
        verb.dep_ == ACL and verb.tag_ == "VBN"
    )


def logical_object(verb: Token) -> Token | None:
    """The direct object, or the passive subject in the passive."""
    deps = (NSUBJPASS,) if is_passive(verb) else (DOBJ,)
    for c in verb.children:
        if c.dep_ in deps:
            return c
    if verb.dep_ == ACL and verb.tag_ == "VBN":  # "the journalist arrested by police"
        return verb.head
    return None


def prep_objects(token: Token, prep: str) -> list[Token]:
    out = []
    for c in token.children:
        if c.dep_ in (PREP, AGENT, DATIVE) and c.lemma_.lower() == prep:
            objs = [g for g in c.children if g.dep_ in (POBJ, PCOMP)]
            out.extend(objs or _stranded_object(c))
    return out


def _stranded_object(prep: Token) -> list[Token]:
    """"granted asylum to five Panamanian officers holed up in ...": the small parser sometimes makes the
    object of a preposition the subject of the next clause; take that noun when it follows directly."""
    nxt = prep.nbor(1) if prep.i + 1 < len(prep.doc) else None
    if nxt is None or nxt.is_sent_start:
        return []
    head = nxt if nxt.pos_ in ("NOUN", "PROPN", "PRON") else None
    if head is None and nxt.dep_ in (DET, NUMMOD, AMOD, COMPOUND, POSS):
        head = nxt.head
    if head is not None and head.dep_ in (NSUBJ, NSUBJPASS) and head.head.i > prep.i and head.left_edge.i == prep.i + 1:
        return [head]
    return []


def _lemmas(tokens: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def clause_tokens(token: Token) -> list[Token]:
    """The trigger's subtree without embedded clauses (relative, complement, adverbial)."""
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS or t is token and c.dep_ == CCOMP)
    return out


def participation_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The verb an event noun is the object of through in/for/on ("took part in the protest",
    "converged for a rally", "went on strike"): it carries the noun's subject, context and mode."""
    if (noun.dep_ == POBJ and noun.head.lower_ in ("in", "for", "on")
            and noun.head.head.lemma_.lower() in lex.participation_verbs):
        return noun.head.head
    return None


def carrier_verb(token: Token, lex: Lexicon | None) -> Token | None:
    """The light verb of an event noun ("imposed sanctions on X": PPs hang on the verb)."""
    if lex is None:
        return None
    if token.dep_ in (DOBJ, NSUBJPASS) and token.head.lemma_.lower() in lex.light_verbs:
        return token.head
    return participation_verb(token, lex)


def pattern_matches(p: Pattern, token: Token, lex: Lexicon | None = None) -> bool:
    kids = list(token.children)
    # the small parser often reads a particle as an adverb ("pulled back", "called off")
    if p.particle and not any(c.dep_ in (PRT, ADVMOD) and c.lower_ == p.particle for c in kids):
        return False
    if p.object:
        obj = logical_object(token) if p.pos == "verb" else next(iter(prep_objects(token, "of")), None)
        if obj is None:
            return False
        heads = [obj] + [c for c in obj.children if c.dep_ in (COMPOUND, AMOD)]
        if obj.lemma_.lower() in PARTITIVES:  # "suspended part of the aid", "sent tons of food"
            heads += prep_objects(obj, "of")
        if not _lemmas(heads) & set(p.object):
            return False
    if p.prep and not any(_prep_ok(token, prep, objs, p.pos, lex) for prep, objs in p.prep.items()):
        return False  # any one of the listed prepositions will do ("sanctions on/against X")
    if p.complement:
        comps = [c for c in kids if c.dep_ in COMPLEMENT_DEPS]
        comps += [g for c in kids if c.dep_ == PREP and c.lemma_.lower() in ("to", "for", "on")
                  for g in c.children if g.dep_ == POBJ]
        if not _lemmas(comps) & set(p.complement):
            return False
    if p.modifier:
        mods = [c for c in kids if c.dep_ in (COMPOUND, AMOD, NMOD, ADVMOD, NPADVMOD)]
        if not _lemmas(mods) & set(p.modifier):
            return False
    if p.context and not _lemmas(_context_tokens(token, p.pos, lex)) & set(p.context):
        return False
    return True


def _context_tokens(token: Token, pos: str, lex: Lexicon | None) -> list[Token]:
    """The trigger's clause; for an event noun also the clause of the verb carrying it ("railway
    workers went on strike": 'workers' is context for the noun 'strike')."""
    out = clause_tokens(token)
    verb = carrier_verb(token, lex) if pos == "noun" else None
    if verb is not None:
        out += [t for c in verb.children if c.dep_ in (NSUBJ, NSUBJPASS) for t in c.subtree]
    return out


def _prep_ok(token: Token, prep: str, objs: list[str], pos: str, lex: Lexicon | None) -> bool:
    found = _not_temporal(prep_objects(token, prep))
    if not found and pos == "noun" and (verb := carrier_verb(token, lex)) is not None:
        found = _not_temporal(prep_objects(verb, prep))
    return bool(found) and (not objs or bool(_lemmas(found) & set(objs)))


def _not_temporal(tokens: list[Token]) -> list[Token]:
    """"called ... on Thursday" has no 'on' argument: dates and times are not prepositional objects."""
    return [t for t in tokens if t.ent_type_ not in ("DATE", "TIME")]


def best_pattern(patterns: PatternSet, token: Token, lex: Lexicon | None = None) -> Pattern | None:
    pos = trigger_pos(token)
    if pos is None:
        return None
    if pos == "noun" and token.dep_ in (COMPOUND, AMOD) and token.head.pos_ in ("NOUN", "PROPN"):
        return None  # "riot police", "aid workers": a modifier, not an event (see generic heads below)
    keys = [token.lemma_.lower()]
    if token.lower_ != keys[0]:
        keys.append(token.lower_)
    if pos == "noun" and lex is not None and keys[0] in lex.generic_event_heads:
        # "a mediation effort", "peace talks process": the modifier names the event
        keys += [c.lemma_.lower() for c in token.children if c.dep_ in (COMPOUND, AMOD) and c.pos_ in ("NOUN", "ADJ")]
        keys += [t.lemma_.lower() for t in prep_objects(token, "of")]  # "the reimposition of sanctions"
    for key in keys:
        for p in patterns.candidates(key, pos):  # sorted most specific first
            if pattern_matches(p, token, lex):
                return p
    return None


def find_triggers(sent: Span, patterns: PatternSet, lexicon: Lexicon) -> list[Trigger]:
    """Triggers in one sentence, in token order, with argument-only triggers removed."""
    found = {}
    for tok in sent:
        p = best_pattern(patterns, tok, lexicon)
        if p is not None:
            found[tok.i] = Trigger(tok, p)
    _prefer_nouns_of_light_verbs(found, lexicon)
    return [t for i, t in sorted(found.items())
            if not _is_argument(t, found, lexicon) and not _describes_noun(t) and not _characterises(t, lexicon)]


#: What a characterisation can be: praise (05) or disparagement (11), as its pattern says.
CHARACTERISATION_ROOTS = frozenset({"05", "11"})


def _characterises(trig: Trigger, lex: Lexicon) -> bool:
    """"called the move a smash and grab": a characterisation verb with an object predicate names
    something; it is no phone call, meeting or appeal (a pattern may still read it as praise or
    disparagement: "called the rioters 'fascist fanatics'")."""
    tok = trig.token
    return (trig.pos == "verb" and tok.lemma_.lower() in lex.characterisation_verbs
            and trig.pattern.cameo[:2] not in CHARACTERISATION_ROOTS
            and any(c.dep_ == OPRD for c in tok.children))


def _describes_noun(trig: Trigger) -> bool:
    """"militiamen armed with machetes", "the curfew imposed in Sudan", "a bill signed by the minister":
    a past participle that only describes a noun is background, unless it names who did it ("a deal
    brokered by China") or when ("property seized in the 1970s")."""
    tok = trig.token
    if trig.pos != "verb" or tok.dep_ != ACL or tok.tag_ != "VBN":
        return False
    if any(c.dep_ == AGENT for c in tok.children):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)


def _prefer_nouns_of_light_verbs(found: dict[int, Trigger], lex: Lexicon) -> None:
    """"imposed sanctions": a light verb whose pattern says nothing about its object yields to the noun."""
    for i, trig in list(found.items()):
        tok = trig.token
        if trig.pos != "noun" or tok.dep_ not in (DOBJ, NSUBJPASS):
            continue
        verb = found.get(tok.head.i)
        if verb and verb.pos == "verb" and tok.head.lemma_.lower() in lex.light_verbs and not verb.pattern.object:
            del found[tok.head.i]


#: Verbal acts whose complement is only their content: what is requested, demanded, threatened,
#: refused or alleged has not happened ("demanded that the US cancel plans to sell weapons",
#: "accused the rebels of violating the ceasefire").
CONTENT_ROOTS = frozenset({"02", "10", "11", "12", "13"})


#: Prepositions whose clause is the content of an absorbing verbal act.
CONTENT_PREPS = frozenset({"of", "for", "with", "over", "about"})


def _absorbs(trig: Trigger) -> bool:
    return trig.pattern.absorbs_complement or (trig.pos == "verb" and trig.pattern.cameo[:2] in CONTENT_ROOTS)


def _inside_absorbed_complement(tok: Token, found: dict[int, Trigger]) -> bool:
    """"agreed to lay down arms and release hostages", "urged both sides to resume negotiations": the
    complement of an absorbing pattern (and its conjuncts and objects) belongs to that event."""
    cur, below = tok, None
    for _ in range(5):
        head = cur.head
        if head is cur:
            return False
        if cur.dep_ in COMPLEMENT_DEPS and head.i in found and _absorbs(found[head.i]) and not _own_clause(cur):
            return True
        if (cur.dep_ == PREP and cur.lower_ in CONTENT_PREPS and below is not None and below.dep_ == PCOMP
                and head.i in found and _absorbs(found[head.i])):
            return True  # "accused the rebels of violating the ceasefire", "charged X with supporting"
        if cur.dep_ not in (CONJ, DOBJ, POBJ, PREP, XCOMP, CCOMP, NSUBJPASS, ATTR, PCOMP):
            return False
        cur, below = head, cur
    return False


def _own_clause(tok: Token) -> bool:
    """"agreed to the package after Hungary dropped its veto": an adverbial clause with its own
    conjunction or subject is a separate event, not the content of the act it hangs on."""
    return tok.dep_ == ADVCL and any(c.dep_ == MARK and c.lower_ in REALIS_MARKS for c in tok.children)


#: Conjunctions of adverbial clauses that report something that happened ("before", "until", "unless"
#: and "if" clauses do not).
REALIS_MARKS = frozenset({"after", "as", "when", "since", "because", "while", "although", "though", "whereas"})


def _protest_purpose(trig: Trigger, found: dict[int, Trigger]) -> bool:
    """"students staged demonstrations to demand reforms": PLOVER codes demands made by protesting
    as PROTEST only, so the purpose clause is not a separate REQUEST."""
    tok = trig.token
    if trig.pattern.cameo[:2] not in ("02", "10") or tok.dep_ not in (ADVCL, XCOMP, ACL, RELCL):
        return False
    head = tok.head
    protests = [head] + [c for c in head.children if c.dep_ in (DOBJ, NSUBJ, NSUBJPASS, PREP)]
    protests += [g for c in head.children if c.dep_ == PREP for g in c.children if g.dep_ == POBJ]
    return any(t.i in found and found[t.i].pattern.cameo[:2] == "14" for t in protests)


def _is_argument(trig: Trigger, found: dict[int, Trigger], lex: Lexicon) -> bool:
    """True when the trigger only names the content of another event or of a reversal."""
    tok = trig.token
    if _inside_absorbed_complement(tok, found) or _protest_purpose(trig, found):
        return True
    if trig.pos == "verb":
        return False
    # noun: walk up through of/for/on PPs and objects to the governing word
    cur = tok
    for _ in range(4):
        head = cur.head
        if head is cur:
            return False
        if cur.dep_ in (DOBJ, NSUBJPASS, ATTR, OPRD):
            return head.i in found and found[head.i].pos == "verb" or head.lemma_.lower() in lex.reversal_words
        if cur.dep_ == POBJ and head.dep_ == PREP:
            if head.lemma_.lower() not in lex.argument_preps:
                return False
            gov = head.head
            if gov.i in found or gov.lemma_.lower() in lex.reversal_words:
                return True
            if any(c.dep_ == DOBJ and c.i in found for c in gov.children):
                return True  # "renewed negotiations on a pullback": the PP hangs on the light verb
            cur = gov
            continue
        if cur.dep_ == CONJ:
            cur = head
            continue
        return False
    return False
