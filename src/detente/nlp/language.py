"""Language data: the words and dependency labels the coder's rules assume, one YAML file per language.

``nlp/lang/en.yaml`` holds what used to be English constants in the code (dependency label sets,
irregular verbs and nouns, partitives, pronouns, abbreviations, coreference words), so that a second language is a
spaCy model plus data files, not a fork (docs/languages.md). Each rule module reads the lists once,
at import, through ``language_data()``; ``detente validate`` checks the files.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ConfigDict, ValidationError, field_validator
from pydantic.dataclasses import dataclass

from ..errors import DataFileError

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The language the rule modules read at import (nlp/lang/<code>.yaml, dates/data/expressions.yaml for
#: English, expressions.<code>.yaml otherwise). A process codes one language: the rules bind their
#: word lists when imported, so the choice is made before that, by $DETENTE_LANG; detente.load() refuses
#: a spaCy model of another language (components.py).
LANGUAGE = os.environ.get("DETENTE_LANG", "en").strip() or "en"

Words = frozenset[str]


def _words(value: Any) -> Words:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise ValueError("expected a list of non-empty words")
    return frozenset(value)


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class DependencyLabels:
    """Dependency label sets, named by the role a rule gives them (see the comments in en.yaml)."""

    subject: tuple[str, ...]
    not_target: Words
    clause: Words
    complement: Words
    content_path: Words
    other_clauses: Words
    place_search: Words
    date_attach: Words
    date_verb_modifier: Words
    preposition_object: Words

    @field_validator("*", mode="before")
    @classmethod
    def _labels(cls, value: Any) -> Any:
        _words(value)  # checked as words; the subject tuple keeps the file's order
        return value


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Labels:
    """One dependency label per language-neutral role (en.yaml ``labels``); every role is required."""

    nominal_subject: str
    passive_subject: str
    clausal_subject: str
    expletive: str
    direct_object: str
    dative: str
    indirect_object: str
    prep_object: str
    prep_complement: str
    preposition: str
    agent: str
    attribute: str
    object_predicate: str
    adjectival_complement: str
    open_complement: str
    clausal_complement: str
    adverbial_clause: str
    adnominal_clause: str
    relative_clause: str
    parataxis: str
    conjunct: str
    coordinator: str
    punctuation: str
    auxiliary: str
    passive_auxiliary: str
    negation: str
    determiner: str
    marker: str
    particle: str
    possessive: str
    compound: str
    adjectival_modifier: str
    adverbial_modifier: str
    nominal_modifier: str
    noun_phrase_adverbial: str
    numeric_modifier: str

    @field_validator("*", mode="before")
    @classmethod
    def _label(cls, value: Any) -> Any:
        if not isinstance(value, str) or not value:
            raise ValueError("expected a dependency label")
        return value


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Coreference:
    """Words that refer back to actors already named (actors/coref.py); titles keep the file's order."""

    person_pronouns: Mapping[str, Literal["m", "f"]]
    it_pronouns: Words
    they_pronouns: Words
    pair_countries: Words
    pair_people: Words
    pair_titles: Mapping[str, tuple[str, ...]]
    one_country: Words
    government_words: Words

    @field_validator("it_pronouns", "they_pronouns", "pair_countries", "pair_people", "one_country",
                     "government_words", mode="before")
    @classmethod
    def _word_list(cls, value: Any) -> Any:
        _words(value)
        return value


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class LanguageData:
    """One language's word lists; frozen, so every rule module can share the one loaded copy."""

    language: str
    dependency_labels: DependencyLabels
    labels: Labels
    partitives: Words
    pronouns: tuple[str, ...]
    proper_forms: Words
    abbreviations: Words
    irregular_verbs: Mapping[str, tuple[str, ...]]
    irregular_nouns: Mapping[str, tuple[str, ...]]
    coreference: Coreference
    relative_pronouns: Words

    @field_validator("partitives", "pronouns", "proper_forms", "abbreviations", "relative_pronouns", mode="before")
    @classmethod
    def _word_list(cls, value: Any) -> Any:
        _words(value)
        return value

    @field_validator("irregular_verbs", "irregular_nouns", mode="before")
    @classmethod
    def _forms(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError("expected a mapping of lemma: [forms]")
        for lemma, forms in value.items():
            if not isinstance(lemma, str):
                raise ValueError(f"lemma {lemma!r} is not a word (quote it)")
            _words(forms)
        return value


def language_path(lang: str = "en") -> Path:
    if not lang.isalpha():  # a code such as "en" or "de", never a path
        raise DataFileError(f"bad language code {lang!r} (DETENTE_LANG): expected letters such as 'en'")
    return Path(str(resources.files(__package__).joinpath(f"lang/{lang}.yaml")))


def _read(path: Path, lang: str) -> tuple[LanguageData | None, list[str]]:
    """The language data and its errors (`file:? [field] msg`), from one parse of the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader) or {}
        if not isinstance(data, dict):
            return None, [f"{path}:? [file] expected a mapping of lists"]
        loaded = LanguageData(**data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, TypeError) as exc:
        return None, [f"{path}:? [file] {exc}".replace("\n", " ")]
    except ValidationError as exc:
        return None, [f"{path}:? [{'.'.join(map(str, e['loc']))}] {e['msg']}" for e in exc.errors()]
    if loaded.language != lang:
        return None, [f"{path}:? [language] is {loaded.language!r}, the file name says {lang!r}"]
    return loaded, []


def validate_language_data(path: Path | None = None, lang: str | None = None) -> list[str]:
    """Errors in a language file (default: the process language's); [] when valid."""
    lang = lang or LANGUAGE
    return _read(path or language_path(lang), lang)[1]


@lru_cache(maxsize=None)
def language_data(lang: str | None = None) -> LanguageData:
    """The shipped data for ``lang`` (default: the process language, ``LANGUAGE``), read once per process."""
    lang = lang or LANGUAGE
    path = language_path(lang)
    loaded, errors = _read(path, lang)
    if loaded is None:
        raise DataFileError("; ".join(errors))
    return loaded
