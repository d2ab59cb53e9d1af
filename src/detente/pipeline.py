"""The coder: Article -> layout -> spaCy pipeline (``detente.load()``) -> Events.

``Coder`` owns a pipeline built by ``detente.load(config)``: the spaCy model plus the registered
components (detente.config.PIPELINE, in the order the decisions depend on), which hold the knowledge
and make every decision. This module only prepares each article (the prefilter chooses the sentences
to parse, a text step before the pipeline; ``doc._.detente_article`` carries the article), runs
``nlp.pipe`` and reads ``doc._.detente_events``. ``CoderSettings`` maps to config overrides;
``make_coder`` is the one factory the CLI, the API, the workers and ``code_article`` use.
"""
from __future__ import annotations

import datetime as dt
import importlib
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorFinder
from .actors.component import actor_dictionary
from .components import add_components, config_of, load
from .config import DetenteConfig, as_dict, merge, resolve_config
from .errors import UsageError
from .events.component import EventsComponent
from .events.decider import is_whole_article
from .events.lexicon import Lexicon
from .events.patterns import PatternSet
from .events.prefilter import Prefilter
from .events.proposals import proposable
from .events.sentence_types import TextClassifiers, sentence_probabilities_of
from .events.trained_components import proposing
from .geo import Gazetteer
from .models import Article, Event, stable_id
from .nlp import MAX_DOC_CHARS
from .nlp.extensions import ArticleInput, register_extensions
from .nlp.layout import Layout, build_layout
from .ontology import Codebook


@dataclass(frozen=True)
class CoderSettings:
    historical_days: int = 30
    batch_size: int = 64
    min_confidence: float = 0.0
    prefilter: bool = True  # parse only sentences with a trigger and an actor word (events/prefilter.py)
    # The trained decider (events/decider.py) rescores and filters typed candidates. None: use it when
    # the shipped model says it beat the rules on dev (its meta "enabled"); True/False force it.
    decider: bool | None = None
    decider_threshold: float | None = None  # None: the threshold shipped with the model (chosen on dev)
    # Events proposed by the sentence classifier where no rule fired (events/proposals.py). None: when
    # the shipped decider was trained with them and says so (meta "proposals"); True/False force it.
    propose: bool | None = None
    carry_locations: bool = True  # a report's place carries to its later unlocated events (geo/carry.py)
    infer_locations: bool = True  # an unlocated event gets its actors' or the article's country (geo/infer.py)
    headline_once: bool = True  # a headline event the body repeats counts once (events/headline.py)

    def as_config(self) -> dict[str, Any]:
        """These settings as coder config overrides (detente/config.py)."""
        return {"nlp": {"batch_size": self.batch_size},
                "components": {
                    "detente_dates": {"historical_days": self.historical_days},
                    "detente_events": {"prefilter": self.prefilter},
                    "detente_proposals": {"propose": self.propose},
                    "detente_records": {"headline_once": self.headline_once,
                                        "carry_locations": self.carry_locations,
                                        "infer_locations": self.infer_locations},
                    "detente_decider": {"decider": self.decider, "decider_threshold": self.decider_threshold,
                                        "min_confidence": self.min_confidence}}}


class Coder:
    """Codes articles into events. Create once; reuse for many articles.

    ``config`` (detente/config.py) and ``settings`` choose the pipeline (config values win); ``nlp``
    is a pipeline to use instead: one with the coder's components keeps its own config (``self.config``
    then shows it), a bare spaCy model gets the components added. The knowledge objects
    (``patterns`` ...) replace the components' own, e.g. in tests; ``text_classifiers`` replaces the
    shipped sentence and article classifiers (training codes each train fold with models fitted
    without it: training/decider.py).
    """

    def __init__(self, *, settings: CoderSettings | None = None, nlp: Any = None, patterns: PatternSet | None = None,
                 lexicon: Lexicon | None = None, actor_finder: ActorFinder | None = None,
                 gazetteer: Gazetteer | None = None, codebook: Codebook | None = None,
                 config: DetenteConfig | None = None, text_classifiers: TextClassifiers | None = None):
        self.settings = settings or CoderSettings()
        self.config = resolve_config(merge(self.settings.as_config(), as_dict(config)))
        custom = {"patterns": patterns, "lexicon": lexicon, "actor_finder": actor_finder, "gazetteer": gazetteer,
                  "codebook": codebook, "text_classifiers": text_classifiers}
        if nlp is None:
            nlp = load(self.config) if any(v is not None for v in custom.values()) else shared_pipeline(self.config)
        elif isinstance(nlp, Language) and "detente_actors" not in nlp.pipe_names:
            add_components(nlp, self.config)
        elif isinstance(nlp, Language):
            self.config = config_of(nlp)
        self.nlp = nlp
        register_extensions()
        if isinstance(nlp, Language):
            _replace_knowledge(nlp, patterns=patterns, lexicon=lexicon, actor_finder=actor_finder,
                               gazetteer=gazetteer, codebook=codebook, text_classifiers=text_classifiers)
            events: EventsComponent = nlp.get_pipe("detente_events")  # type: ignore[assignment]  # get_pipe is typed as a plain callable
            finder: ActorFinder = nlp.get_pipe("detente_actors").finder  # type: ignore[attr-defined]  # the same: an ActorsComponent
        else:  # no model (e.g. `detente bench` measuring the layout): the knowledge the prefilter needs
            events = EventsComponent(**self.config["components"]["detente_events"])
            finder = actor_finder or ActorFinder(actor_dictionary(tuple(self.config["components"]["detente_actors"]
                                                                        ["extra_files"])))
        self.patterns, self.lexicon, self.actor_finder = events.patterns, events.lexicon, finder
        self.prefilter: Prefilter | None = events.build_prefilter(finder.dictionary) if events.prefilter else None
        self._propose: bool | None = self.config["components"]["detente_proposals"]["propose"]
        self.text_classifiers = text_classifiers  # None: the shipped sentence and article classifiers
        self.batch_size = int(self.config["nlp"]["batch_size"])

    # ------------------------------------------------------------------ public API
    def layout(self, article: Article, whole: bool | None = None) -> Layout:
        """The text to parse; ``whole``: is_whole_article(article.body), when the caller has it already."""
        keep: Callable[[list[str]], list[bool]] | None = self.prefilter.keep if self.prefilter is not None else None
        if whole is None:
            whole = is_whole_article(article.body)
        if keep is not None and proposing(self._propose, whole):
            keep = _or_proposable(keep, self.text_classifiers)
        return build_layout(article.body, keep, MAX_DOC_CHARS)

    def make_doc(self, article: Article) -> Doc:
        """The article's Doc (tokenised, not yet processed) with ``doc._.detente_article`` set."""
        whole = is_whole_article(article.body)  # once per article: the layout and the components both ask
        layout = self.layout(article, whole)
        doc: Doc = self.nlp.make_doc(layout.text)
        doc._.detente_article = ArticleInput(article, layout, whole)
        return doc

    def code(self, article: Article) -> list[Event]:
        return events_of(self.nlp(self.make_doc(article)))

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        """(article, events) in input order; a failing article yields its exception instead."""
        it = iter(articles)
        while True:
            batch = list(itertools.islice(it, self.batch_size))
            if not batch:
                return
            docs = self.nlp.pipe((self.make_doc(a) for a in batch), batch_size=self.batch_size)
            for article, doc in zip(batch, docs):
                try:
                    yield article, events_of(doc)
                except Exception as exc:  # one bad article never stops a batch
                    yield article, exc


def events_of(doc: Doc) -> list[Event]:
    """The events the pipeline wrote on a Doc; the error of a component that failed on it is raised."""
    error = doc._.detente_error
    if error is not None:
        raise error
    return list(doc._.detente_events or [])


def _replace_knowledge(nlp: Language, *, patterns: PatternSet | None, lexicon: Lexicon | None,
                       actor_finder: ActorFinder | None, gazetteer: Gazetteer | None,
                       codebook: Codebook | None, text_classifiers: TextClassifiers | None = None) -> None:
    pipes: Any = {name: nlp.get_pipe(name) for name in nlp.pipe_names if name.startswith("detente_")}
    if patterns is not None:
        pipes["detente_events"].patterns = patterns
    if lexicon is not None:
        pipes["detente_events"].lexicon = lexicon
        pipes["detente_roles"].roles.lexicon = lexicon
        pipes["detente_discourse"].roles.lexicon = lexicon
    if actor_finder is not None:
        pipes["detente_actors"].finder = actor_finder
    if gazetteer is not None:
        pipes["detente_places"].gazetteer = gazetteer
    if codebook is not None:
        pipes["detente_records"].codebook = codebook
        pipes["detente_proposals"].codebook = codebook
    if text_classifiers is not None:  # training's fold models (training/decider.py)
        pipes["detente_proposals"].classifiers = text_classifiers
        pipes["detente_decider"].classifiers = text_classifiers


def _or_proposable(rules_keep: Callable[[list[str]], list[bool]], classifiers: TextClassifiers | None = None,
                   ) -> Callable[[list[str]], list[bool]]:
    """The prefilter's choice of sentences to parse, plus those the sentence classifier is sure of."""
    def keep(sentences: list[str]) -> list[bool]:
        flags = rules_keep(sentences)
        return [f or proposable(sentence_probabilities_of(t, classifiers) or {}) for f, t in zip(flags, sentences)]
    return keep


@lru_cache(maxsize=4)
def _shared(key: str) -> Language:
    return load(json.loads(key))


def shared_pipeline(config: dict[str, Any]) -> Language:
    """One pipeline per process for each resolved config (the model and knowledge load once)."""
    return _shared(json.dumps(config, sort_keys=True))


def make_coder(*, settings: CoderSettings | None = None, config: DetenteConfig | None = None,
               workers: int = 1) -> Any:
    """The coder factory: ``$DETENTE_CODER=module:Class`` swaps in another class (a test hook);
    ``workers > 1`` codes in that many processes (parallel.py), each building the same config."""
    spec = os.environ.get("DETENTE_CODER")
    if spec:
        mod, _, cls = spec.partition(":")
        try:
            return getattr(importlib.import_module(mod), cls)()
        except (ImportError, AttributeError) as exc:
            raise UsageError(f"DETENTE_CODER={spec!r} cannot be loaded: {exc}") from None
    if workers > 1:
        return _ParallelStream(workers, settings, config)
    if settings is None and config is None:
        return default_coder()
    return Coder(settings=settings, config=config)


@dataclass(frozen=True)
class _ParallelStream:
    """``code_many`` over ``workers`` processes; the pool lives for one stream (parallel.code_parallel)."""

    workers: int
    settings: CoderSettings | None
    config: DetenteConfig | None

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        from .parallel import code_parallel

        yield from code_parallel(articles, self.workers, settings=self.settings, config=self.config)


_DEFAULT: Coder | None = None


def default_coder() -> Coder:
    """The process-wide coder (models and dictionaries load once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT


def code_article(text: str, date: str | dt.date | None = None, title: str | None = None,
                 id: str | None = None) -> list[Event]:
    """Code one article. ``date`` is the publication date (relative dates stay unresolved without it)."""
    pub = dt.date.fromisoformat(date) if isinstance(date, str) else date
    article = Article(id=id or stable_id(title or "", text), text=text, title=title, date=pub)
    return default_coder().code(article)


def code_articles(articles: Iterable[Article], *, workers: int = 1) -> Iterator[tuple[Article, list[Event] | Exception]]:
    """Code a stream of articles, in input order. ``workers > 1`` uses one process (and model) per worker."""
    if workers > 1:
        from .parallel import code_parallel

        yield from code_parallel(articles, workers=workers)
        return
    yield from default_coder().code_many(articles)
