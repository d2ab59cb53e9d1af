"""The trained components: ``detente_proposals`` (sentence type classifier) and ``detente_decider``.

The models and their inference live in events/sentence_types.py, events/proposals.py and
events/decider.py; these components only decide when they apply and write the Doc.

``detente_proposals`` (after detente_roles): where the sentence classifier is sure of a PLOVER type
that no rule candidate of the sentence has, a candidate of that type is proposed on the sentence's main
verb and goes through the same mode, date, place and actor steps. Config ``propose``: None uses the
shipped decider's meta ("enabled" and "proposals"); true/false force it. Proposals need a whole article.

``detente_decider`` (last): the trained decider's probability becomes the confidence of each
PLOVER-typed event of a whole article, under its threshold the event is dropped; then events under
``min_confidence`` are dropped. Config ``decider``: None uses the shipped model's "enabled"; true/false
force it. ``decider_threshold``: None is the threshold shipped with the model.

Both read the shipped text classifiers unless their ``classifiers`` attribute holds other ones
(``Coder(text_classifiers=...)``, sentence_types.TextClassifiers: training codes with fold models).
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Event
from ..nlp.extensions import article_input, GuardedComponent, register_extensions
from ..ontology import load_codebook
from .component import Found, candidates_of
from .decider import load_decider
from .proposals import main_verb, proposal_pattern, proposed_types
from .sentence_types import TextClassifiers, sentence_probabilities_of
from .triggers import Trigger


def proposing(propose: bool | None, whole_article: bool) -> bool:
    """Proposals need the decider's judgement and a whole article (events/proposals.py)."""
    if propose is False or not whole_article:
        return False
    decider = load_decider()
    return propose is True or bool(decider and decider.meta.get("enabled") and decider.meta.get("proposals"))


class ProposalsComponent(GuardedComponent):
    def __init__(self, nlp: Language, propose: bool | None):
        self.nlp = nlp
        self.propose = propose
        self.codebook = load_codebook()
        self.classifiers: TextClassifiers | None = None  # None: the shipped sentence classifier

    def process(self, doc: Doc) -> Doc:
        info = article_input(doc)
        found = candidates_of(doc)
        if not proposing(self.propose, info.whole):
            return doc
        by_sentence: dict[int, list[Found]] = {}
        for f in found:
            by_sentence.setdefault(f.sent.start, []).append(f)
        out: list[Found] = []
        for sent in doc.sents:  # the proposals of a sentence follow its rule candidates
            own = by_sentence.get(sent.start, [])
            out.extend(own)
            si = info.layout.locate(sent.start_char)[1]
            out.extend(self._propose(doc, sent, si, own))
        doc._.detente_candidates = out
        return doc

    def _propose(self, doc: Doc, sent: Span, si: int, found: list[Found]) -> list[Found]:
        probs = sentence_probabilities_of(sent.text, self.classifiers)
        if probs is None:
            return []
        events: Any = self.nlp.get_pipe("detente_events")
        places: Any = self.nlp.get_pipe("detente_places")
        roles: Any = self.nlp.get_pipe("detente_roles")
        present = {self.codebook.get(f.cand.trigger.pattern.cameo).plover_type for f in found}
        present |= {f.cand.trigger.pattern.plover for f in found if f.cand.trigger.pattern.plover}
        verb = main_verb(sent, events.lexicon.report_verbs)
        pos = "noun" if verb.pos_ in ("NOUN", "PROPN") else "verb"
        out = []
        for plover in proposed_types(probs, present):
            pattern = proposal_pattern(plover, verb.lemma_.lower(), pos)
            new = events.draft(Trigger(verb, pattern), si, sent, doc._.detente_dater)
            places.locate(new)
            roles.roles.fill(doc._.detente_actors, new)
            out.append(new)
        return out


class DeciderComponent(GuardedComponent):
    def __init__(self, decider: bool | None, decider_threshold: float | None, min_confidence: float):
        self.decider = decider
        self.decider_threshold = decider_threshold
        self.min_confidence = min_confidence
        self.classifiers: TextClassifiers | None = None  # None: the shipped text classifiers

    def process(self, doc: Doc) -> Doc:
        info = article_input(doc)
        events: list[Event] = list(doc._.detente_events or [])
        events = self._decide(events, info.article.body) if info.whole else events
        doc._.detente_events = [e for e in events if e.confidence >= self.min_confidence]
        return doc

    def _decide(self, events: list[Event], body: str) -> list[Event]:
        """A headline or a lone sentence keeps the rules' decisions: the models read articles."""
        decider = load_decider() if self.decider is not False else None
        if decider is not None and self.decider is None and not decider.meta.get("enabled"):
            decider = None
        typed = [e for e in events if e.plover_type]
        if decider is None or not typed:
            return events
        threshold = decider.threshold if self.decider_threshold is None else self.decider_threshold
        decided = decider.decide(typed, body, self.classifiers)  # [] for an article under the relevance gate
        kept = {id(old): new for old, (new, p, _) in zip(typed, decided) if p >= threshold}
        return [kept[id(e)] if e.plover_type else e for e in events if not e.plover_type or id(e) in kept]


@Language.factory(
    "detente_proposals",
    requires=["doc._.detente_candidates", "doc._.detente_actors", "doc._.detente_dater"],
    assigns=["doc._.detente_candidates"],
    default_config={"propose": None},
)
def make_proposals(nlp: Language, name: str, propose: bool | None) -> ProposalsComponent:
    register_extensions()
    return ProposalsComponent(nlp, propose)


@Language.factory(
    "detente_decider",
    requires=["doc._.detente_events"],
    assigns=["doc._.detente_events"],
    default_config={"decider": None, "decider_threshold": None, "min_confidence": 0.0},
)
def make_decider(nlp: Language, name: str, decider: bool | None, decider_threshold: float | None,
                 min_confidence: float) -> DeciderComponent:
    register_extensions()
    return DeciderComponent(decider, decider_threshold, min_confidence)
