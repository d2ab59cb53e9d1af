"""The ``detente_dates`` pipeline component: the article's date expressions -> ``doc._.detente_dater``.

The ArticleDater (dates/attach.py) finds every date expression once; the event components then ask it
for each event's date. Config: ``historical_days`` — an event this many days or more before publication
is historical.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import article_input, GuardedComponent, register_extensions
from .attach import ArticleDater


class DatesComponent(GuardedComponent):
    def __init__(self, historical_days: int):
        self.historical_days = historical_days

    def process(self, doc: Doc) -> Doc:
        pub = article_input(doc).article.date
        doc._.detente_dater = ArticleDater(doc, pub, historical_days=self.historical_days)
        return doc


@Language.factory(
    "detente_dates",
    requires=["doc.ents", "doc.sents", "token.dep"],
    assigns=["doc._.detente_dater"],
    default_config={"historical_days": 30},
)
def make_dates(nlp: Language, name: str, historical_days: int) -> DatesComponent:
    register_extensions()
    return DatesComponent(historical_days)
