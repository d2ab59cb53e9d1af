"""Détente: an open political event coder.

    from detente import code_article
    events = code_article(text, date="2025-03-26", title="...")

Returns typed ``Event`` objects (detente.models), the same model the CLI, store and API use.
``detente.load(config)`` gives the coder as a spaCy pipeline of registered components
(detente/components.py, docs/architecture.md); ``Coder(nlp=...)`` codes articles with it.
"""
from __future__ import annotations

from typing import Any

from .models import EVENT_FIELDS, ActorRef, Article, Event

__version__ = "0.1.0"
__all__ = ["Article", "ActorRef", "Event", "EVENT_FIELDS", "code_article", "code_articles", "Coder", "load",
           "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy: importing detente must not load spaCy or the dictionaries.
    if name in ("code_article", "Coder", "code_articles"):
        from . import pipeline

        return {"code_article": pipeline.code_article, "Coder": pipeline.Coder,
                "code_articles": pipeline.code_articles}[name]
    if name == "load":
        from .components import load

        return load
    if name == "read_events":
        from .store.api import read_events

        return read_events
    raise AttributeError(name)
