"""The ``detente_places`` pipeline component: the place of every event candidate (geo/locate.py).

It runs after detente_events and before detente_roles: an agent with no country ("police") takes the
country of the place where the event happened.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import GuardedComponent, register_extensions
from .gazetteer import Gazetteer, load_gazetteer
from .locate import locate_event

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
        found.cand.place, found.cand.place_why = locate_event(found.anchor, found.anchor.doc, self.gazetteer)


@Language.factory(
    "detente_places",
    requires=["doc._.detente_candidates", "doc.ents", "token.dep"],
    assigns=["doc._.detente_candidates"],
    default_config={},
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    register_extensions()
    return PlacesComponent()
