"""The trained event decider: is a rule candidate a real event of its type? (issue #13)

The rules (patterns, slots, discourse) generate candidate events; this model, trained on the
annotated real news of gold/news/train.jsonl (`make train`), decides. It is a logistic regression
over sparse features of the candidate (rule, CAMEO code, trigger, actors, mode, position) and of its
sentence and article (words, political vocabulary), or gradient-boosted trees over the same features
(events/trees.py), whichever training found better on dev. Its probability becomes the event's
``confidence``; candidates under the threshold chosen on dev are dropped.

The model ships as data (events/data/decider.json: feature weights and bias, or "trees"; threshold,
calibration, training metadata) and is applied in pure Python, so coding needs no machine-learning library.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataFileError, DetenteError
from ..models import Event
from .sentence_types import (ANY, ARTICLE_MODEL, SENTENCE_MODEL, SentenceTypes, TextClassifiers, article_model_of,
                             read_model_json, sentence_probabilities_of)
from .trees import TreeEnsemble

_WORD = re.compile(r"[a-z][a-z'-]+")
#: Words that mark news about states, conflict, diplomacy, trade and justice (an article-level cue).
POLITICAL_WORDS = frozenset("""
government minister ministers president prime parliament senate congress treaty talks sanctions
embargo tariff tariffs troops army military war attack police arrested court judge protest rebels
embassy ambassador diplomat diplomats summit accused warned threat ceasefire opposition party
election vote voted officials official state foreign leader leaders security united nations
""".split())
#: Words of sport, arts and markets: where rule triggers ("attack", "beat", "tour") mislead.
OTHER_WORDS = frozenset("""
match cup league goal goals striker coach club season championship tournament player players
team squad film films album band singer actor actress star stars festival box office music game
games shares stock stocks profit profits earnings revenue quarter dividend analysts
""".split())


def _bucket(x: float, edges: tuple[float, ...]) -> str:
    for i, edge in enumerate(edges):
        if x < edge:
            return str(i)
    return str(len(edges))


@dataclass(frozen=True)
class ArticleContext:
    """What the decider reads of the article around an event."""

    political: float  # share of political words in the article, percent
    other: float  # share of sport/arts/market words, percent
    n_events: int  # candidates in the article

    @classmethod
    def of(cls, body: str, n_events: int) -> ArticleContext:
        words = _WORD.findall(body.lower())
        n = max(1, len(words))
        pol = sum(w in POLITICAL_WORDS for w in words)
        oth = sum(w in OTHER_WORDS for w in words)
        return cls(political=100.0 * pol / n, other=100.0 * oth / n, n_events=n_events)


def features(event: Event, ctx: ArticleContext, same_sentence: int,
             sentence_probs: dict[str, float] | None = None, p_article: float | None = None) -> dict[str, float]:
    """Sparse features of one candidate event (names are stable: they key the model's weights).

    ``sentence_probs`` are the sentence classifier's probabilities (events/sentence_types.py) for the
    candidate's sentence: how likely it reports an event at all, and one of the candidate's type.
    """
    f: dict[str, float] = {"bias_rule_conf": float(event.confidence or 0.0)}
    if p_article is not None:  # the article relevance classifier: is this political-event news?
        f["p_article"] = p_article
        f[f"p_article_bin={_bucket(p_article, (0.2, 0.4, 0.6, 0.8))}"] = 1.0
    if sentence_probs:
        p_type, p_any = sentence_probs.get(event.plover_type, 0.0), sentence_probs.get("ANY", 0.0)
        f["p_type"], f["p_any"] = p_type, p_any
        f[f"p_type_bin={_bucket(p_type, (0.2, 0.4, 0.6, 0.8))}"] = 1.0
        f[f"p_any_bin={_bucket(p_any, (0.2, 0.4, 0.6, 0.8))}"] = 1.0
    rule = event.rule or ""
    for name, value in (
        ("rule", rule), ("rule_family", rule.split(".")[0]), ("rule2", ".".join(rule.split(".")[:2])),
        ("cameo", event.cameo_code), ("root", event.cameo_root), ("type", event.plover_type),
        ("mode", event.plover_mode or "fact"), ("src_agent", event.source_agent or "-"),
        ("tgt_agent", event.target_agent or "-"), ("trigger", (event.trigger or "").lower()[:30]),
        ("date_precision", event.date_precision or "-"), ("historical", str(bool(event.historical))),
        ("has_source", str(bool(event.source_code))), ("has_target", str(bool(event.target_code))),
        ("same_country", str(bool(event.source_country) and event.source_country == event.target_country)),
        ("title", str(event.sentence_index == 0)), ("sent_pos", _bucket(event.sentence_index, (1, 3, 6, 10))),
        ("political", _bucket(ctx.political, (1.0, 2.0, 4.0, 7.0))), ("other", _bucket(ctx.other, (0.5, 1.5, 3.0))),
        ("n_events", _bucket(ctx.n_events, (2, 5, 10, 20))), ("in_sentence", _bucket(same_sentence, (2, 3, 5))),
        ("type_x_political", f"{event.plover_type}:{_bucket(ctx.political, (1.0, 2.0, 4.0))}"),
    ):
        f[f"{name}={value}"] = 1.0
    for word in set(_WORD.findall((event.sentence_text or "").lower())):
        f[f"w={word}"] = 1.0
    return f


@dataclass(frozen=True)
class Decider:
    weights: dict[str, float]
    bias: float
    threshold: float  # a typed candidate under this probability is dropped
    meta: dict[str, Any]
    article_threshold: float = 0.0  # an article under this relevance probability keeps no typed event
    calibration: tuple[float, float] = (1.0, 0.0)  # Platt scaling fitted on dev: sigmoid(a * z + b)
    trees: TreeEnsemble | None = None  # a tree model: its log-odds replace weights and bias

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decider:
        try:
            trees = TreeEnsemble.from_dict(data["trees"]) if "trees" in data else None
            return cls(weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
                       bias=float(data.get("bias", 0.0)) if trees else float(data["bias"]), trees=trees,
                       threshold=float(data["threshold"]), meta=dict(data.get("meta") or {}),
                       article_threshold=float(data.get("article_threshold", 0.0)),
                       calibration=(float(data.get("calibration", {}).get("a", 1.0)),
                                    float(data.get("calibration", {}).get("b", 0.0))))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(f"decider model is invalid: {exc}") from None

    @classmethod
    def load(cls, path: str | Path | None = None) -> Decider:
        return cls.from_dict(read_model_json("decider.json", path))

    def score(self, feats: dict[str, float]) -> float:
        """The model's raw log-odds for these features."""
        if self.trees is not None:
            return self.trees.raw(feats)
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def probability(self, feats: dict[str, float]) -> float:
        """The calibrated probability that the candidate is a real event of its type."""
        a, b = self.calibration
        z = a * self.score(feats) + b
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def top_features(self, feats: dict[str, float], n: int = 3) -> list[tuple[str, float]]:
        """The features that pushed this decision most (for `detente explain`); for trees, the summed
        change of log-odds at the splits each feature decided on the path."""
        if self.trees is not None:
            return sorted(self.trees.contributions(feats).items(), key=lambda kv: -abs(kv[1]))[:n]
        contrib = [(k, self.weights.get(k, 0.0) * v) for k, v in feats.items() if self.weights.get(k)]
        return sorted(contrib, key=lambda kv: -abs(kv[1]))[:n]

    def decide(self, events: list[Event], body: str, classifiers: TextClassifiers | None = None,
               ) -> list[tuple[Event, float, dict[str, float]]]:
        """(event with the model's probability as confidence, probability, features) for every candidate;
        nothing for an article under the relevance gate (not political-event news). ``classifiers``:
        the text classifiers to read instead of the shipped ones (a coder's, sentence_types.TextClassifiers)."""
        p_article = article_probability(body, classifiers)
        if p_article is not None and p_article < self.article_threshold:
            return []
        feats, probs = candidate_features(events, body, p_article, classifiers)
        out = []
        for e, f in zip(events, feats):
            sent_probs = probs.get(e.sentence_text or "")
            p = self.probability(f)
            why = self.explain(e, p, f, sent_probs, p_article)
            out.append((e.model_copy(update={"confidence": round(p, 3),
                                             "explanation": {**e.explanation, "decision": why}}), p, f))
        return out

    def explain(self, e: Event, p: float, feats: dict[str, float], sent_probs: dict[str, float] | None,
                p_article: float | None) -> str:
        """One line for `detente explain`: the model's probability and what decided it."""
        parts = [f"trained decider p={p:.2f} (rule {e.rule} gave {e.confidence:.2f})"]
        if sent_probs:
            top = sorted(((t, v) for t, v in sent_probs.items() if t != ANY), key=lambda kv: -kv[1])[:3]
            parts.append(f"sentence classifier: event {sent_probs.get(ANY, 0.0):.2f}, "
                         + ", ".join(f"{t} {v:.2f}" for t, v in top))
        if p_article is not None:
            parts.append(f"article relevance {p_article:.2f} (gate {self.article_threshold:.2f})")
        pushes = ", ".join(f"{k} {w:+.2f}" for k, w in self.top_features(feats, 3))
        if pushes:
            parts.append(f"strongest features: {pushes}")
        return "; ".join(parts)


#: The article relevance classifier judges whole articles; on a text shorter than this (a headline,
#: a single sentence) it has too little to go on, and only the per-event decision applies.
ARTICLE_MIN_WORDS = 50


def is_whole_article(body: str) -> bool:
    """Whether the trained components judge ``body``: a whole article, not a headline or lone sentence."""
    return len(body.split()) >= ARTICLE_MIN_WORDS


def article_probability(body: str, classifiers: TextClassifiers | None = None) -> float | None:
    """The article relevance classifier's probability that ``body`` reports a political event;
    None for texts under ARTICLE_MIN_WORDS words or when no model ships (``classifiers``: see decide)."""
    model = article_model_of(classifiers)
    if model is None or not is_whole_article(body):
        return None
    return model.probabilities(body)[ANY]


def sentence_probabilities(events: list[Event], classifiers: TextClassifiers | None = None,
                           ) -> dict[str, dict[str, float]]:
    """The sentence classifier's type probabilities for each distinct sentence of ``events``."""
    texts = {e.sentence_text or "" for e in events}
    probs = {text: sentence_probabilities_of(text, classifiers) for text in texts}
    return {text: p for text, p in probs.items() if p is not None}


def candidate_features(events: list[Event], body: str, p_article: float | None,
                       classifiers: TextClassifiers | None = None,
                       ) -> tuple[list[dict[str, float]], dict[str, dict[str, float]]]:
    """The features of every candidate of one article (in order), and the sentence probabilities used."""
    ctx = ArticleContext.of(body, len(events))
    per_sentence = Counter(e.sentence_index for e in events)
    probs = sentence_probabilities(events, classifiers)
    feats = [features(e, ctx, per_sentence[e.sentence_index], probs.get(e.sentence_text or ""), p_article)
             for e in events]
    return feats, probs


@lru_cache(maxsize=1)
def load_decider() -> Decider | None:
    """The shipped model, or None when the package has none (the rules' own confidence is kept)."""
    try:
        return Decider.load()
    except FileNotFoundError:
        return None


def validate_models() -> list[str]:
    """`detente validate`: the shipped trained models load and are well formed."""
    errors = []
    for name, load in (("decider.json", Decider.from_dict), (SENTENCE_MODEL, SentenceTypes.from_dict),
                       (ARTICLE_MODEL, SentenceTypes.from_dict)):
        try:
            model = load(read_model_json(name))
        except FileNotFoundError:
            errors.append(f"events/data/{name}: missing (run make train)")
            continue
        except DetenteError as exc:
            errors.append(f"events/data/{name}: {exc}")
            continue
        if isinstance(model, Decider) and not 0.0 <= model.threshold <= 1.0:
            errors.append(f"events/data/{name} [threshold] {model.threshold} is not a probability")
        if isinstance(model, SentenceTypes) and ANY not in model.classes:
            errors.append(f"events/data/{name} [classes] no {ANY!r} label")
    return errors
