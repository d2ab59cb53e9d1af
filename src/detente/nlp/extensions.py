"""The Doc extensions the coder's components read and write (``doc._.detente_*``).

spaCy components only see the Doc, so the article a Doc was made from travels on it too:
``Coder`` sets ``doc._.detente_article`` before the pipeline runs. Registration is idempotent
(``register_extensions`` may be called by every component factory).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

if TYPE_CHECKING:
    from ..models import Article
    from .layout import Layout

#: name -> what the component that assigns it puts there
EXTENSIONS: dict[str, str] = {
    "detente_article": "ArticleInput: the article, its layout and whether it is a whole article (set by Coder)",
    "detente_actors": "actors.DocActors (detente_actors)",
    "detente_dater": "dates.ArticleDater (detente_dates)",
    "detente_candidates": "list[events.component.Found]: event candidates (detente_events and later)",
    "detente_events": "list[models.Event] (detente_records, filtered by detente_decider)",
    "detente_error": "the exception a component raised on this Doc (the later components skip it)",
}


@dataclass(frozen=True)
class ArticleInput:
    """What the pipeline needs beyond the Doc's text: the article and where its sentences came from."""

    article: Article
    layout: Layout
    whole: bool  # a whole article (not a headline or a lone sentence): events/decider.is_whole_article


def register_extensions() -> None:
    """Register every ``doc._.detente_*`` extension once (default None)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class GuardedComponent:
    """A component that records its exception on the Doc instead of raising it, so one bad article
    never stops a batch of ``nlp.pipe``; the components after it leave that Doc alone and the Coder
    reports the exception as the article's result."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.detente_error is not None:
            return doc
        try:
            return self.process(doc)
        except Exception as exc:  # noqa: BLE001 - kept and reported for this article only
            doc._.detente_error = exc
            return doc

    def process(self, doc: Doc) -> Doc:
        raise NotImplementedError


def article_input(doc: Doc) -> ArticleInput:
    """The article of a Doc, or a clear error when the Doc did not come through ``Coder``."""
    info: Any = doc._.detente_article
    if info is None:
        raise ValueError("doc._.detente_article is not set: code articles with detente.pipeline.Coder "
                         "(or set it to an ArticleInput before calling the pipeline)")
    assert isinstance(info, ArticleInput)
    return info
