"""Where an event happened: a locative PP ("in/at/near/outside X") around the event's trigger.

Search order (the nearest candidate that resolves in the gazetteer wins):
1. PPs in the trigger's own dependency subtree, breadth-first through prep/pobj/pcomp/dobj/npadvmod/nmod/
   compound/appos/agent links without entering relcl/ccomp/advcl/acl/xcomp clauses or conj'd verbs; this
   covers the trigger's PPs ("met in Ankara") and those of its noun modifiers ("held talks in Ankara",
   "during a meeting in Washington").
2. For a noun or xcomp trigger, the PPs directly on its governing verb(s) ("talks will take place in Doha").
3. Any other locative PP of the trigger's sentence, nearest first ("launched strikes and other industrial
   action in New South Wales": the place of the report, measured on gold/news dev).
The object X must be a place entity (GPE/LOC/FAC) or a proper noun the gazetteer knows, or a place noun
naming one ("the northern city of Kiel": data/places.yaml place_nouns). Being a subject or
object actor does not make a name a place: only a PP object counts. A dateline ("WASHINGTON (Reuters) -",
"Washington, The Gulf Observer:") is never an event location.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from functools import lru_cache
from typing import cast

import yaml
from spacy.tokens import Doc, Token

from ..errors import DataFileError
from ..nlp.deps import COMPOUND, CONJ, POBJ, PREP, XCOMP
from ..nlp.language import language_data
from .gazetteer import PLACES, Gazetteer, Place, load_gazetteer

SEARCH_DEPS = language_data().dependency_labels.place_search
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
VERB_POS = frozenset({"VERB", "AUX"})
MAX_DEPTH = 6
NO_PLACE = "no place in the text"
_CACHE_KEY = "detente.geo.datelines"
# A dateline opens a line: a short capitalised place, optionally ", Source" and/or "(Agency)", then ":" or a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w.'’\- ]{1,40}?)[ \t]*(?:,[^\n:,]{1,60}?)?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*"
    r"(?::|[-–—]{1,2}(?=\s))",
    re.MULTILINE,
)


@lru_cache(maxsize=1)
def _settings() -> tuple[frozenset[str], frozenset[str]]:
    try:
        raw = yaml.safe_load(PLACES.read_text(encoding="utf-8"))
        return (frozenset(p.lower() for p in raw["location_prepositions"]),
                frozenset(raw["place_labels"]))
    except (OSError, KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read geo settings: {exc}", item=str(PLACES)) from exc


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    try:
        return frozenset(w.lower() for w in yaml.safe_load(PLACES.read_text(encoding="utf-8"))["place_nouns"])
    except (OSError, KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read geo settings: {exc}", item=str(PLACES)) from exc


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of dateline place names (at most one per line, only in the first three lines).

    Cached in ``doc.user_data`` so that locating many events of one article scans the text once."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cast(list[tuple[int, int]], cached)  # written below, by this function only
    spans = []
    text = doc.text  # built anew from the tokens on every access: read it once (was O(matches x length))
    line_no, counted = 0, 0
    for m in _DATELINE.finditer(text):
        line_no += text.count("\n", counted, m.start())
        counted = m.start()
        if line_no > 3:  # matches come in order: no later one can be a dateline
            break
        spans.append((m.start("place"), m.end("place")))
    doc.user_data[_CACHE_KEY] = spans
    return spans


def locate_event(trigger: Token, doc: Doc, gazetteer: Gazetteer | None = None) -> tuple[Place | None, str]:
    """(Place, why) for the event whose trigger token is `trigger`, or (None, reason)."""
    gaz = gazetteer or load_gazetteer()
    preps, labels = _settings()
    datelines = dateline_spans(doc)
    unknown: list[str] = []
    for pobj, via in _candidates(trigger, preps):
        if any(s <= pobj.idx < e for s, e in datelines):
            continue
        name, labelled = _place_name(pobj, labels)
        if name is None:
            continue
        place = gaz.lookup(name)
        if place is None:
            if labelled:
                unknown.append(name)
            continue
        return place, (f"'{pobj.head.text} {name}' is attached to {via.text!r}: "
                       f"{place.name} ({place.country}, {place.kind})")
    for pobj, prep in _sentence_pps(trigger, preps):  # 3. elsewhere in the trigger's sentence
        if any(s <= pobj.idx < e for s, e in datelines):
            continue
        name, _ = _place_name(pobj, labels)
        place = gaz.lookup(name) if name else None
        if place is not None:
            return place, (f"'{prep.text} {name}' is in the sentence (not attached to {trigger.text!r}): "
                           f"{place.name} ({place.country}, {place.kind})")
    if unknown:
        return None, f"{unknown[0]!r} is not in the gazetteer"
    return None, NO_PLACE


def _sentence_pps(trigger: Token, preps: frozenset[str]) -> list[tuple[Token, Token]]:
    """Objects of locative prepositions anywhere in the trigger's sentence, nearest to it first."""
    pps = [(obj, tok) for tok in trigger.sent if tok.dep_ == PREP and tok.lower_ in preps
           for obj in tok.children if obj.dep_ == POBJ]
    return sorted(pps, key=lambda pair: abs(pair[0].i - trigger.i))


def _candidates(trigger: Token, preps: frozenset[str]) -> Iterator[tuple[Token, Token]]:
    """Objects of locative prepositions, nearest first: the trigger's subtree, then its governing verbs."""
    yield from _subtree_pps(trigger, preps)
    if not (trigger.pos_ in NOUN_POS or trigger.dep_ == XCOMP):
        return
    tok = trigger
    for _ in range(MAX_DEPTH):
        if tok.head.i == tok.i:
            return
        came_from, tok = tok, tok.head
        if tok.pos_ not in VERB_POS:
            continue
        for child in tok.children:
            if child.i != came_from.i and child.dep_ == PREP and child.lower_ in preps:
                for obj in child.children:
                    if obj.dep_ == POBJ:
                        yield obj, tok
        if tok.dep_ != XCOMP:
            return


def _subtree_pps(trigger: Token, preps: frozenset[str]) -> Iterator[tuple[Token, Token]]:
    found: list[tuple[int, int, Token]] = []
    queue = deque([(trigger, 0)])
    seen = {trigger.i}
    while queue:
        tok, depth = queue.popleft()
        if tok.dep_ == POBJ and tok.head.dep_ == PREP and tok.head.lower_ in preps and tok.i != trigger.i:
            found.append((depth, abs(tok.i - trigger.i), tok))
            for conj in tok.children:  # "in Ankara and Washington": the first is enough, keep the rest
                if conj.dep_ == CONJ:
                    found.append((depth + 1, abs(conj.i - trigger.i), conj))
        if depth >= MAX_DEPTH:
            continue
        for child in tok.children:
            if child.dep_ in SEARCH_DEPS and child.i not in seen:
                seen.add(child.i)
                queue.append((child, depth + 1))
    for _, _, tok in sorted(found, key=lambda f: (f[0], f[1])):
        yield tok, trigger


def _named_by(tok: Token) -> Token | None:
    """"the northern city of Kiel", "the port of Basra": the place a place noun names, or None."""
    if tok.lemma_.lower() not in _place_nouns():
        return None
    for prep in tok.children:
        if prep.dep_ == PREP and prep.lower_ == "of":
            return next((o for o in prep.children if o.dep_ == POBJ and o.pos_ == "PROPN"), None)
    return None


def _place_name(tok: Token, labels: frozenset[str]) -> tuple[str | None, bool]:
    """(name, has a place label) for a PP object: its entity text, or a proper-noun phrase.

    The small English model often labels countries ORG ("in Türkiye"), so any non-person entity is tried;
    the gazetteer decides ("at Reuters" is not in it)."""
    if tok.ent_type_ == "PERSON":
        return None, False
    if tok.ent_type_:  # the entity around tok, from the IOB tags (scanning doc.ents per event was quadratic)
        doc = tok.doc
        start, end = tok.i, tok.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].text, tok.ent_type_ in labels
    if tok.pos_ != "PROPN":
        named = _named_by(tok)  # the noun says it is a place, whatever entity label the name got
        return (_proper_phrase(named), True) if named is not None else (None, False)
    return _proper_phrase(tok), False


def _proper_phrase(tok: Token) -> str:
    parts = [c for c in tok.children if c.dep_ == COMPOUND and c.pos_ == "PROPN" and c.i < tok.i]
    return " ".join(t.text for t in [*parts, tok])
