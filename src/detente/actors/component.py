"""The ``detente_actors`` pipeline component: actor mentions of a parsed article -> ``doc._.detente_actors``.

Config: ``extra_files`` — actor YAML files or folders loaded after the shipped dictionary (what
``$DETENTE_ACTORS`` adds when the config is built, see detente.config).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import DataFileError
from ..nlp.extensions import GuardedComponent, register_extensions
from .dictionary import ActorDictionary, env_paths, load_actor_dictionary
from .finder import ActorFinder


@lru_cache(maxsize=4)
def actor_dictionary(extra_files: tuple[str, ...]) -> ActorDictionary:
    """The shipped dictionary plus ``extra_files``, loaded once per process for each file list."""
    if tuple(str(p) for p in env_paths()) == extra_files:
        return load_actor_dictionary()  # the process-wide default (shipped + $DETENTE_ACTORS)
    paths = [Path(p).expanduser() for p in extra_files]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise DataFileError(f"actor file or folder not found: {', '.join(missing)} ([components.detente_actors] "
                            "extra_files or $DETENTE_ACTORS)")
    return ActorDictionary.load(paths, env=False)


class ActorsComponent(GuardedComponent):
    """Finds and resolves actor mentions (actors/finder.py) for the whole Doc."""

    def __init__(self, extra_files: list[str]):
        self.extra_files = list(extra_files)
        self.finder = ActorFinder(actor_dictionary(tuple(self.extra_files)))

    def process(self, doc: Doc) -> Doc:
        doc._.detente_actors = self.finder(doc)
        return doc


@Language.factory(
    "detente_actors",
    requires=["token.dep", "token.lemma", "token.tag", "doc.ents", "doc.sents"],
    assigns=["doc._.detente_actors"],
    default_config={"extra_files": []},
)
def make_actors(nlp: Language, name: str, extra_files: list[str]) -> ActorsComponent:
    register_extensions()
    return ActorsComponent(extra_files)
