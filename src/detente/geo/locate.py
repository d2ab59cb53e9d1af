"""Where an event happened: a locative PP ("in/at/near/outside X") around the event's trigger.

Search order (the nearest candidate that resolves in the gazetteer wins):
1. PPs in the trigger's own dependency subtree, breadth-first through prep/pobj/pcomp/dobj/npadvmod/nmod/
   compound/appos/agent links without entering relcl/ccomp/advcl/acl/xcomp clauses or conj'd verbs; this
   covers the trigger's PPs ("met in Ankara") and those of its noun modifiers ("held talks in Ankara",
   "during a meeting in Washington").
2. The trigger's own city or region modifier ("a Washington meeting", "the failed London talks";
   a country there is a participant: "U.S. talks").
3. For a noun or xcomp trigger, the PPs directly on its governing verb(s) ("talks will take place in Doha").
4. Any other locative PP of the trigger's sentence, nearest first ("launched strikes and other industrial
   action in New South Wales": the place of the report, measured on gold/news dev).
The object X must be a place entity (GPE/LOC/FAC) or a proper noun the gazetteer knows, or a place noun
naming one ("the northern city of Kiel": data/places.yaml place_nouns), or else a place that modifies it
("in the Texas Court of Appeals", "in Iraq's Faw peninsula"). A destination counts as a locative
("visited Washington", "flying to Japan for talks": data/places.yaml destination_words), and so does
the object of "of" after a compass word ("north of Baghdad"). Being a subject or
object actor does not make a name a place: only a PP object counts. A dateline ("WASHINGTON (Reuters) -",
"Washington, The Gulf Observer:") is never an event location.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import yaml
from spacy.tokens import Doc, Token

from ..errors import DataFileError
from ..nlp.deps import COMPOUND, CONJ, DOBJ, NMOD, POBJ, POSS, PREP, XCOMP
from ..nlp.language import language_data
from .gazetteer import PLACES, Gazetteer, Place, load_gazetteer

SEARCH_DEPS = language_data().dependency_labels.place_search
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
VERB_POS = frozenset({"VERB", "AUX"})
MAX_DEPTH = 6
NO_PLACE = "no place in the text"
MODIFIER_DEPS = frozenset({COMPOUND, NMOD, POSS})
TRIGGER_MODIFIER_KINDS = frozenset({"city", "region"})
_CACHE_KEY = "detente.geo.datelines"
# A dateline opens a line: a short capitalised place, optionally ", Source" and/or "(Agency)", then ":" or a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w.'’\- ]{1,40}?)[ \t]*(?:,[^\n:,]{1,60}?)?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*"
    r"(?::|[-–—]{1,2}(?=\s))",
    re.MULTILINE,
)


@dataclass(frozen=True)
class _Settings:
    preps: frozenset[str]  # locative prepositions
    labels: frozenset[str]  # entity labels that name places
    destinations: dict[str, frozenset[str]]  # lemma -> dependents naming its destination ("dobj", "to")
    compass: frozenset[str]  # "north" of X

    def locative(self, prep: Token) -> bool:
        """Is this preposition's object where the event happens?"""
        word, head = prep.lower_, prep.head.lemma_.lower()
        return (word in self.preps or word in self.destinations.get(head, ())
                or (word == "of" and prep.head.lower_ in self.compass))

    def destination_object(self, tok: Token) -> bool:
        """"visited Washington": a direct object that is a destination."""
        return tok.dep_ == DOBJ and DOBJ in self.destinations.get(tok.head.lemma_.lower(), ())


@lru_cache(maxsize=1)
def _settings() -> _Settings:
    try:
        raw = yaml.safe_load(PLACES.read_text(encoding="utf-8"))
        return _Settings(frozenset(p.lower() for p in raw["location_prepositions"]), frozenset(raw["place_labels"]),
                         {str(k).lower(): frozenset(str(d).lower() for d in v)
                          for k, v in raw["destination_words"].items()},
                         frozenset(w.lower() for w in raw["compass_words"]))
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
    settings = _settings()
    datelines = dateline_spans(doc)
    unknown: list[str] = []
    for pobj, via in _candidates(trigger, settings, gaz):
        if any(s <= pobj.idx < e for s, e in datelines):
            continue
        name, labelled = _place_name(pobj, settings.labels)
        place = gaz.lookup(name) if name else None
        if place is None:
            place, modifier = _modifier_place(pobj, gaz)
            if place is None:
                if labelled and name:
                    unknown.append(name)
                continue
            name = _named_in(pobj, modifier)
        return place, (f"'{_phrase(pobj, name or '')}' is attached to {via.text!r}: "
                       f"{place.name} ({place.country}, {place.kind})")
    for pobj, prep in _sentence_pps(trigger, settings):  # 4. elsewhere in the trigger's sentence
        if any(s <= pobj.idx < e for s, e in datelines):
            continue
        name, _ = _place_name(pobj, settings.labels)
        place = gaz.lookup(name) if name else None
        if place is None:
            place, modifier = _modifier_place(pobj, gaz)
            name = _named_in(pobj, modifier)
        if place is not None:
            return place, (f"'{_phrase(pobj, name or '')}' is in the sentence (not attached to {trigger.text!r}): "
                           f"{place.name} ({place.country}, {place.kind})")
    if unknown:
        return None, f"{unknown[0]!r} is not in the gazetteer"
    return None, NO_PLACE


def _phrase(tok: Token, name: str) -> str:
    """The words that place the event: "in Ankara", "visited Washington", "north of Baghdad", "Geneva meeting"."""
    head = tok.head
    if tok.dep_ in MODIFIER_DEPS:  # a trigger's own modifier
        return f"{name} {head.text}"
    if tok.dep_ == PREP or head.dep_ != PREP or head.head.lower_ not in _settings().compass:
        return f"{head.text} {name}"
    return f"{head.head.text} {head.text} {name}"


def _named_in(tok: Token, modifier: str) -> str:
    """"the Texas Court of Appeals (Texas)": the phrase a modifying place was found in, for the explanation."""
    return f"{tok.doc[tok.left_edge.i:tok.i + 1].text} ({modifier})"


def _modifier_place(tok: Token, gaz: Gazetteer) -> tuple[Place | None, str]:
    """"the Texas Court of Appeals", "Iraq's Faw peninsula": a proper-noun place modifying ``tok``."""
    for child in tok.children:
        if child.dep_ in MODIFIER_DEPS and child.pos_ == "PROPN" and child.ent_type_ != "PERSON":
            name = _proper_phrase(child)
            place = gaz.lookup(name)
            if place is not None:
                return place, name
    return None, ""


def _sentence_pps(trigger: Token, settings: _Settings) -> list[tuple[Token, Token]]:
    """Objects of locative prepositions (and destinations) anywhere in the trigger's sentence, nearest first."""
    pps = [(obj, tok) for tok in trigger.sent if tok.dep_ == PREP and settings.locative(tok)
           for obj in tok.children if obj.dep_ == POBJ]
    pps += [(tok, tok.head) for tok in trigger.sent if settings.destination_object(tok)]
    return sorted(pps, key=lambda pair: abs(pair[0].i - trigger.i))


def _candidates(trigger: Token, settings: _Settings, gaz: Gazetteer) -> Iterator[tuple[Token, Token]]:
    """Place-name tokens, nearest first: the trigger's subtree, its own modifiers, then its governing verbs."""
    yield from _subtree_pps(trigger, settings)
    yield from _trigger_modifiers(trigger, gaz)  # any POS: the tagger calls "the Nairobi talks" a verb
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
            if child.i == came_from.i:
                continue
            if child.dep_ == PREP and settings.locative(child):
                for obj in child.children:
                    if obj.dep_ == POBJ:
                        yield obj, tok
            elif settings.destination_object(child):
                yield child, tok
        if tok.dep_ != XCOMP:
            return


def _trigger_modifiers(trigger: Token, gaz: Gazetteer) -> Iterator[tuple[Token, Token]]:
    """"a Washington meeting": a city or region naming a noun trigger (countries there are participants)."""
    for child in trigger.children:  # a place entity only: headlines capitalise every word ("Police Arrest")
        if child.dep_ in MODIFIER_DEPS and child.pos_ == "PROPN" and child.ent_type_ in _settings().labels:
            place = gaz.lookup(_proper_phrase(child))
            if place is not None and place.kind in TRIGGER_MODIFIER_KINDS:
                yield child, trigger


def _subtree_pps(trigger: Token, settings: _Settings) -> Iterator[tuple[Token, Token]]:
    found: list[tuple[int, int, Token]] = []
    queue = deque([(trigger, 0)])
    seen = {trigger.i}
    while queue:
        tok, depth = queue.popleft()
        placed = (tok.dep_ == POBJ and tok.head.dep_ == PREP and settings.locative(tok.head)) \
            or settings.destination_object(tok)
        if placed and tok.i != trigger.i:
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
