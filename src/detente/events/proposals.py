"""Event proposals from the sentence classifier where no rule fired (issue #13: candidate recall).

On real news the rules miss events they have no pattern for ("has since been criticised by many in
his own party", "the administration would be very much opposed"). Where the sentence event-type
classifier (events/sentence_types.py) gives a PLOVER type a probability of at least ``threshold``
and no rule candidate of that type stands in the sentence, a candidate of that type is proposed on
the sentence's main verb (the content verb under a report verb), with the type's general CAMEO code;
a speech act (SPOKEN_TYPES) takes the report verb's speaker as its source.
It then goes through the same slots, modes, dates and places as a rule candidate, and the decider
rescores it like any other (rule ``model.<type>``).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..nlp.deps import CCOMP, XCOMP
from ..ontology import load_codebook
from .patterns import Pattern

#: The general CAMEO code proposed for each PLOVER type (its "not specified below" code).
GENERAL_CODE = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
                "CONCEDE": "080", "RETREAT": "0874", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
                "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
                "ASSAULT": "180"}
#: Speech acts: "officials said GM violated the contract" is the officials' accusation of GM, so the
#: speaker of the report verb is the source and the content clause's subject the target. Acts done in
#: the world ("X said rebels attacked Y") keep the content verb's own subject.
SPOKEN_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})
SPOKEN_SLOTS = {"verb": (["speaker", "subject"], ["subject", "object", "dative"]),
                "noun": (["speaker", "poss", "mod", "prep:by", "light_subject"], ["of"])}
#: Proposal threshold: the sentence classifier's probability of the type (chosen on gold/news dev).
THRESHOLD = 0.75


@lru_cache(maxsize=64)
def proposal_pattern(plover: str, lemma: str, pos: str) -> Pattern:
    code = GENERAL_CODE[plover]
    entry = load_codebook().get(code)
    source, target = SPOKEN_SLOTS[pos] if plover in SPOKEN_TYPES else (None, None)
    return Pattern(id=f"model.{plover.lower()}", lemmas=[lemma or "event"],
                   pos="noun" if pos == "noun" else "verb", cameo=code,
                   plover=None if entry.plover_type == plover else plover, confidence=0.5,
                   source=source, target=target, note="proposed by the sentence event-type classifier")


def main_verb(sent: Span, report_verbs: frozenset[str] | set[str]) -> Token:
    """The sentence's content verb: its root, or the clause a report verb ('said') introduces."""
    root = sent.root
    if root.lemma_.lower() in report_verbs:
        for child in root.children:
            if child.dep_ in (CCOMP, XCOMP) and child.pos_ in ("VERB", "AUX", "NOUN"):
                return child
    return root


def proposed_types(probs: dict[str, float], present: set[str], threshold: float | None = None) -> list[str]:
    """Types the classifier is sure of that no rule candidate of the sentence has."""
    limit = THRESHOLD if threshold is None else threshold
    return sorted(t for t, p in probs.items() if t in GENERAL_CODE and p >= limit and t not in present)


def proposable(probs: dict[str, float], threshold: float | None = None) -> bool:
    """Whether a sentence the rules' prefilter would skip should be parsed for proposals."""
    limit = THRESHOLD if threshold is None else threshold
    return any(p >= limit for t, p in probs.items() if t in GENERAL_CODE)
