"""Actors stage: find actor mentions in a parsed article and resolve them to CAMEO codes on a date.

    finder = ActorFinder()            # default dictionary, loaded and compiled once per process
    actors = finder(doc)              # DocActors
    for m in actors.mentions:
        ref = m.resolve(article.date) # ActorRef(code="TURGOV", ..., why="...")
"""
from .dictionary import ActorDictionary, load_actor_dictionary, validate_actor_data
from .finder import ActorFinder, DocActors
from .mention import ActorMention

__all__ = ["ActorDictionary", "ActorFinder", "ActorMention", "DocActors", "load_actor_dictionary",
           "validate_actor_data"]
