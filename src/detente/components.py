"""``detente.load()``: the spaCy model plus the coder's registered components, built from a config.

    import detente
    nlp = detente.load()                                   # defaults (+ DETENTE_* overrides)
    nlp = detente.load({"components": {"detente_records": {"headline_once": False}}})
    nlp.pipe_names  # [..., 'ner', 'detente_actors', 'detente_dates', ..., 'detente_decider']
    print(nlp.config.to_str())                             # the whole coder
    nlp.to_disk("coder/"); spacy.load("coder/")            # the same coder back

Code articles with ``detente.pipeline.Coder(nlp=nlp)``: it prepares each article's layout and
``doc._.detente_article`` and reads the events from ``doc._.detente_events``.
"""
from __future__ import annotations

import importlib
from typing import Any

from spacy.language import Language

from .config import MODULES, PIPELINE, DetenteConfig, merge, resolve_config
from .errors import DataFileError
from .nlp.language import LANGUAGE


def register_components() -> None:
    """Import the component modules: their ``@Language.factory`` decorators register the factories."""
    for module in MODULES:
        importlib.import_module(module)


def add_components(nlp: Language, config: dict[str, Any]) -> Language:
    """Add the coder's components (configured by a resolved config) to a spaCy pipeline."""
    if nlp.lang != LANGUAGE:  # the rules read LANGUAGE's word lists and labels: they would misread the parse
        raise DataFileError(f"the spaCy model is {nlp.lang!r} but the coder's language data is {LANGUAGE!r}: set "
                            f"DETENTE_LANG={nlp.lang} (with nlp/lang/{nlp.lang}.yaml; docs/languages.md)")
    register_components()
    for name in PIPELINE:
        nlp.add_pipe(name, config=config["components"][name])
    batch_size = int(config["nlp"]["batch_size"])
    nlp.batch_size = batch_size
    nlp.config["nlp"]["batch_size"] = batch_size
    return nlp


def config_of(nlp: Language) -> dict[str, Any]:
    """The coder config a pipeline was built with (e.g. one ``spacy.load`` read back from disk)."""
    components = {name: {k: v for k, v in nlp.get_pipe_config(name).items() if k != "factory"}
                  for name in PIPELINE}
    model = resolve_config()["nlp"]["model"]  # informational: a built pipeline already holds its model
    return {"nlp": {"model": model, "batch_size": int(nlp.batch_size)}, "components": components}


def load(config: DetenteConfig | None = None, *, model: str | None = None) -> Language:
    """A new pipeline: the spaCy model (``model`` or the config's) plus the coder's components."""
    from .nlp import base_pipeline

    resolved = resolve_config(config)
    if model is not None:
        resolved = merge(resolved, {"nlp": {"model": model}})
    return add_components(base_pipeline(resolved["nlp"]["model"]), resolved)
