"""The ``detente_places`` pipeline component: the place of every event candidate (geo/locate.py).

It runs after detente_events and before detente_roles: an agent with no country ("police") takes the
country of the place where the event happened. The country is the one of the event's date (geo/periods.py:
Moscow in 1987 is in the Soviet Union).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import GuardedComponent, article_input, register_extensions
from .gazetteer import Gazetteer, load_gazetteer
from .locate import locate_event
from .periods import place_on

if TYPE_CHECKING:
    from ..events.component import Found


class PlacesComponent(GuardedComponent):
    def __init__(self) -> None:
        self.gazetteer: Gazetteer = load_gazetteer()

    def process(self, doc: Doc) -> Doc:
        from ..events.component import candidates_of

        for found in candidates_of(doc):
            self.locate(found)
        return doc

    def locate(self, found: Found) -> None:
        doc = found.anchor.doc
        place, why = locate_event(found.anchor, doc, self.gazetteer)
        if place is not None:
            dated = found.cand.dated
            day = dated.date if dated is not None and dated.date else article_input(doc).article.date
            place, note = place_on(place, day)
            why += note
        found.cand.place, found.cand.place_why = place, why


@Language.factory(
    "detente_places",
    requires=["doc._.detente_candidates", "doc.ents", "token.dep"],
    assigns=["doc._.detente_candidates"],
    default_config={},
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    register_extensions()
    return PlacesComponent()
