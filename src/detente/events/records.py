"""The ``detente_records`` pipeline component: event candidates -> ``doc._.detente_events`` (models.Event).

Each candidate becomes one Event per (source, target) pair (both directions for a joint activity,
at most MAX_PAIRS), with its provenance mapped back to the article through the layout and an
explanation of every decision. Then a headline event the body repeats counts once (events/headline.py,
config ``headline_once``), a report's place carries to its later unlocated events (geo/carry.py,
config ``carry_locations``) and an event still unlocated gets the country its actors or the article
point to (geo/infer.py, config ``infer_locations``).
"""
from __future__ import annotations

import itertools
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..geo.carry import carry_locations
from ..geo.infer import article_places, infer_locations, state_places
from ..models import Article, Event, stable_id
from ..nlp.extensions import article_input, GuardedComponent, register_extensions
from ..nlp.layout import Layout
from ..ontology import load_codebook
from .candidates import Candidate, Participant
from .component import candidates_of
from .headline import drop_headline_repeats
from .patterns import PatternSet

MAX_PAIRS = 6  # compound actors: cap on source x target expansion per trigger


class RecordsComponent(GuardedComponent):
    def __init__(self, nlp: Language, headline_once: bool, carry_locations: bool, infer_locations: bool = True):
        self.nlp = nlp
        self.headline_once = headline_once
        self.carry_locations = carry_locations
        self.infer_locations = infer_locations
        self.codebook = load_codebook()

    @property
    def patterns(self) -> PatternSet:
        events: Any = self.nlp.get_pipe("detente_events")
        return events.patterns  # type: ignore[no-any-return]  # get_pipe is untyped; this pipe is EventsComponent

    def process(self, doc: Doc) -> Doc:
        info = article_input(doc)
        events: list[Event] = []
        for found in candidates_of(doc):
            events.extend(self._events(found.cand, info.article, info.layout))
        events = drop_headline_repeats(events, bool(info.article.title)) if self.headline_once else events
        events = carry_locations(events) if self.carry_locations else events
        if self.infer_locations and any(not e.location_country for e in events):
            places: Any = self.nlp.get_pipe("detente_places")  # get_pipe is untyped: a PlacesComponent
            events = infer_locations(events, article_places(doc, places.gazetteer, info.article.date),
                                     state_places())
        doc._.detente_events = events
        return doc

    def _events(self, c: Candidate, article: Article, layout: Layout) -> list[Event]:
        pairs: list[tuple[Participant | None, Participant | None]]
        if c.reciprocal:
            pairs = [(a, b) for a, b in itertools.permutations(c.sources + c.targets, 2)]
        else:
            none: list[Participant | None] = [None]
            pairs = list(itertools.product(c.sources or none, c.targets or none))
        pairs = [(s, t) for s, t in pairs if not (s and t and s.identity == t.identity)]
        return [self._event(c, s, t, article, layout) for s, t in pairs[:MAX_PAIRS]]

    def _event(self, c: Candidate, src: Participant | None, tgt: Participant | None, article: Article,
               layout: Layout) -> Event:
        tok = c.trigger.token
        pat = c.trigger.pattern
        code = self.codebook.get(pat.cameo)
        span_start, _ = layout.locate(tok.idx)
        dated = c.dated
        historical = bool(dated and dated.historical)
        mode = c.mode or ("historical" if historical else "" if pat.plover else code.plover_mode)
        s_ref = src.ref if src else None
        t_ref = tgt.ref if tgt else None
        explanation = {
            "trigger": f"'{tok.text}' ({pat.pos}, lemma '{tok.lemma_}') matched pattern {pat.id} "
                       f"in {self.patterns.origins.get(pat.id, '?')} -> CAMEO {pat.cameo} {code.name}",
            "source": f"[{src.slot}] {src.ref.why}" if src else "no source actor found",
            "target": f"[{tgt.slot}] {tgt.ref.why}" if tgt else "no target actor found",
            "date": dated.why if dated else "no date",
            "mode": c.mode_why or ("historical: " + dated.why if historical else "plain fact"),
            "location": c.place_why,
        }
        if c.reciprocal:
            explanation["reciprocal"] = "joint activity: coded in both directions"
        for i, note in enumerate(c.notes):
            explanation[f"inference_{i + 1}"] = note
        place = c.place
        return Event(
            event_id=stable_id(article.id, c.sentence_index, span_start, pat.cameo,
                               s_ref.code if s_ref else "", t_ref.code if t_ref else "", pat.id),
            article_id=article.id,
            sentence_index=c.sentence_index,
            sentence_text=layout.sentence_text(tok.idx),
            span_start=span_start,
            span_end=span_start + len(tok.text),
            trigger=tok.text,
            date=dated.date if dated else None,
            date_precision=dated.precision if dated else None,
            historical=historical,
            **_actor_fields("source", s_ref),
            **_actor_fields("target", t_ref),
            cameo_code=code.code if len(code.code) == len(pat.cameo) else pat.cameo,
            cameo_root=code.root,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            plover_type=pat.plover or code.plover_type,
            plover_mode=mode,
            plover_context=code.plover_context,
            location_name=place.name if place else "",
            location_country=place.country if place else "",
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            rule=pat.id,
            confidence=round(min(1.0, max(0.0, c.confidence)), 3),
            explanation=explanation,
        )


def _actor_fields(role: str, ref: Any) -> dict[str, str]:
    if ref is None:
        return {f"{role}_{k}": "" for k in ("code", "country", "agent", "name", "text")}
    return {f"{role}_code": ref.code, f"{role}_country": ref.country, f"{role}_agent": ref.agent,
            f"{role}_name": ref.name, f"{role}_text": ref.text}


@Language.factory(
    "detente_records",
    requires=["doc._.detente_candidates"],
    assigns=["doc._.detente_events"],
    default_config={"headline_once": True, "carry_locations": True, "infer_locations": True},
)
def make_records(nlp: Language, name: str, headline_once: bool, carry_locations: bool,
                 infer_locations: bool) -> RecordsComponent:
    register_extensions()
    return RecordsComponent(nlp, headline_once, carry_locations, infer_locations)
