"""Which PLOVER event types does a sentence report, and is an article political-event news at all?

Two trained text classifiers of the same kind (issue #13).

Trained on the annotated sentences of gold/news/train.jsonl (`make train`): one logistic regression
per PLOVER type, plus one for "any event", over TF-IDF weighted words and word pairs of the
sentence. It sees every annotated sentence, not only those where a rule fired, so it carries what
the real news says about event types into the decider (events/decider.py), which reads its
probability for a candidate's type as a feature.

The article relevance model is the same classifier over the title and text of a whole article, with
one label: the article reports at least one event (sport, arts and market news mostly do not).

Both ship as gzip-compressed JSON (events/data/sentence_types.json.gz and article_relevance.json.gz:
vocabulary with IDF, per-label weights) and run in pure Python; ``analyze`` is the one tokenizer of training and coding.
"""
from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataFileError

ANY = "ANY"  # the "this sentence reports some event" label
_TOKEN = re.compile(r"[a-z][a-z'-]*|\d+")


def analyze(text: str) -> list[str]:
    """Lower-case words and adjacent word pairs (numbers folded to one token)."""
    words = ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


#: Shipped model files (gzip-compressed JSON: the sentence model is ~5 MB as text).
SENTENCE_MODEL = "sentence_types.json.gz"
ARTICLE_MODEL = "article_relevance.json.gz"


def read_model_json(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """A trained model's JSON: ``path``, or events/data/NAME shipped with the package (``.gz``: gzip)."""
    where = str(path or name)
    if path is None:
        raw = resources.files(__package__).joinpath(f"data/{name}").read_bytes()
    else:
        raw = Path(path).read_bytes()
    text = (gzip.decompress(raw) if where.endswith(".gz") else raw).decode("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path or name} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise DataFileError(f"{path or name} is not a JSON object")
    return data


@dataclass(frozen=True)
class SentenceTypes:
    idf: dict[str, float]  # term -> inverse document frequency
    classes: dict[str, tuple[float, dict[str, float]]]  # label -> (intercept, term weights)
    meta: dict[str, Any]
    # term -> [(label index, weight)]: a sentence's few terms touch only their own weights, instead of
    # every label looking up every term (the same sums, added in the same order)
    by_term: dict[str, list[tuple[int, float]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_term: dict[str, list[tuple[int, float]]] = {}
        for i, (_, weights) in enumerate(self.classes.values()):
            for term, w in weights.items():
                by_term.setdefault(term, []).append((i, w))
        object.__setattr__(self, "by_term", by_term)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceTypes:
        try:
            idf = {str(k): float(v) for k, v in data["idf"].items()}
            classes = {str(label): (float(c["intercept"]), {str(k): float(v) for k, v in c["weights"].items()})
                       for label, c in data["classes"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(f"sentence type model is invalid: {exc}") from None
        return cls(idf=idf, classes=classes, meta=dict(data.get("meta") or {}))

    @classmethod
    def load(cls, path: str | Path | None = None) -> SentenceTypes:
        return cls.from_dict(read_model_json(SENTENCE_MODEL, path))

    def vector(self, text: str) -> dict[str, float]:
        """TF-IDF with sublinear term frequency, L2-normalised (as scikit-learn's TfidfVectorizer)."""
        counts: dict[str, int] = {}
        for term in analyze(text):
            if term in self.idf:
                counts[term] = counts.get(term, 0) + 1
        vec = {t: (1.0 + math.log(n)) * self.idf[t] for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def probabilities(self, text: str) -> dict[str, float]:
        sums = [0.0] * len(self.classes)
        for t, v in self.vector(text).items():
            for i, w in self.by_term.get(t, ()):
                sums[i] += w * v
        out = {}
        for (label, (intercept, _)), total in zip(self.classes.items(), sums):
            z = intercept + total
            out[label] = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
        return out


    @classmethod
    def load_shipped(cls, name: str) -> SentenceTypes | None:
        """A model shipped in events/data/, or None when the package has none."""
        try:
            return cls.from_dict(read_model_json(name))
        except FileNotFoundError:
            return None


@lru_cache(maxsize=1)
def load_sentence_types() -> SentenceTypes | None:
    """The shipped sentence type classifier, or None when the package has none."""
    return SentenceTypes.load_shipped(SENTENCE_MODEL)


@lru_cache(maxsize=1)
def load_article_relevance() -> SentenceTypes | None:
    """The article relevance classifier (label ANY: the article reports a political event)."""
    return SentenceTypes.load_shipped(ARTICLE_MODEL)


@lru_cache(maxsize=4096)
def sentence_type_probabilities(text: str) -> dict[str, float] | None:
    """The shipped sentence classifier's probabilities for ``text`` (None without a model). Cached: the
    same sentence is read by the parse selection, the proposals and the decider."""
    model = load_sentence_types()
    return None if model is None else model.probabilities(text)


class TextClassifiers:
    """A sentence type and an article relevance model that a coder uses instead of the shipped ones.

    The components (proposals, decider) and the parse selection read the shipped classifiers unless a
    ``Coder(text_classifiers=...)`` hands them one of these. Training uses it for cross-fitting
    (training/decider.py): a train article is coded with classifiers fitted without it, so that its
    candidates and decider features look as they will on unseen news. Probabilities are cached per
    instance, as the shipped ones are per process.
    """

    def __init__(self, sentence: SentenceTypes | None, article: SentenceTypes | None):
        self.sentence, self.article = sentence, article
        self._cache: dict[str, dict[str, float] | None] = {}

    def sentence_probabilities(self, text: str) -> dict[str, float] | None:
        if text not in self._cache:
            self._cache[text] = None if self.sentence is None else self.sentence.probabilities(text)
        return self._cache[text]


def sentence_probabilities_of(text: str, classifiers: TextClassifiers | None = None) -> dict[str, float] | None:
    """``text``'s sentence type probabilities: from ``classifiers``, or the shipped model when None."""
    return sentence_type_probabilities(text) if classifiers is None else classifiers.sentence_probabilities(text)


def article_model_of(classifiers: TextClassifiers | None = None) -> SentenceTypes | None:
    """The article relevance model: from ``classifiers``, or the shipped one when None."""
    return load_article_relevance() if classifiers is None else classifiers.article
