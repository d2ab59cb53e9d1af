"""The engine's word lists (events/data/lexicon.yaml), validated and loaded once."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import DataFileError
from ..knowledge_cache import load_or_build

_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    reversal_words: frozenset[str]
    argument_preps: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_governors: frozenset[str]
    future_modifiers: frozenset[str]
    negation_words: frozenset[str]
    negation_governors: frozenset[str]
    attempt_governors: frozenset[str]
    cessation_verbs: frozenset[str]
    hypothetical_marks: frozenset[str]
    content_nouns: frozenset[str]
    aspectual_verbs: frozenset[str]
    reciprocal_nouns: frozenset[str]
    generic_event_heads: frozenset[str]
    report_verbs: frozenset[str]
    participation_verbs: frozenset[str]
    obligation_aux: frozenset[str]
    characterisation_verbs: frozenset[str]
    actorless_roots: frozenset[str]
    member_nouns: frozenset[str] = frozenset()
    future_time_words: frozenset[str] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _lower(cls, v: list[str]) -> frozenset[str]:
        if not isinstance(v, list) or not all(isinstance(w, str) for w in v):
            raise ValueError("expected a list of words")
        return frozenset(w.lower() for w in v)


def lexicon_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("data/lexicon.yaml")))


def _read_lexicon(path: Path) -> tuple[Lexicon | None, list[str]]:
    """The lexicon and its errors (`file:? [field] msg`), from one parse of the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader) or {}
        return Lexicon(**data), []
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError) as exc:
        return None, [f"{path}:? [file] {exc}".replace("\n", " ")]
    except ValidationError as exc:
        return None, [f"{path}:? [{'.'.join(map(str, e['loc']))}] {e['msg']}" for e in exc.errors()]


def validate_lexicon(path: Path | None = None) -> list[str]:
    """Errors in the lexicon file (from the YAML itself, never the compiled cache); [] when valid."""
    return _read_lexicon(path or lexicon_path())[1]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, compiled once and then read from the knowledge cache."""
    path = lexicon_path()
    return load_or_build("lexicon", [path, Path(__file__)], lambda: _build_lexicon(path), Lexicon)[0]


def _build_lexicon(path: Path) -> Lexicon:
    lexicon, errors = _read_lexicon(path)
    if lexicon is None:
        raise DataFileError("; ".join(errors))
    return lexicon
