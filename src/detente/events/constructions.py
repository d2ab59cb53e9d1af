"""Constructions that code an event without a trigger word of their own.

Obligation: "Russia said Sudan must return the helicopter" is a request (CAMEO 10, PLOVER REQUEST)
from the speaker to the subject of the obligation, whatever the obliged act is; the obliged act itself
stays non-factual (its modal makes it hypothetical).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .arguments import logical_subject
from .lexicon import Lexicon
from .patterns import Pattern
from ..nlp.deps import AUX, CCOMP, NSUBJ, NSUBJPASS

OBLIGATION = Pattern(id="construction.obligation", lemmas=["must"], pos="verb", cameo="100",
                     confidence=0.6, note="X said Y must/should do Z -> X requests Z of Y")


@dataclass(frozen=True)
class Obligation:
    verb: Token  # the obliged act ("return")
    speaker: Token  # head of the speaker phrase
    addressee: Token  # head of the obliged party's phrase
    modal: Token


def find_obligations(sent: Span, lex: Lexicon) -> list[Obligation]:
    out = []
    for tok in sent:
        if tok.dep_ != CCOMP or tok.pos_ not in ("VERB", "AUX"):
            continue
        modal = next((c for c in tok.children if c.dep_ == AUX and c.lower_ in lex.obligation_aux), None)
        say = tok.head
        if modal is None or say.lemma_.lower() not in lex.report_verbs:
            continue
        speaker = logical_subject(say)
        addressee = next((c for c in tok.children if c.dep_ in (NSUBJ, NSUBJPASS)), None)
        if speaker is not None and addressee is not None:
            out.append(Obligation(tok, speaker, addressee, modal))
    return out
