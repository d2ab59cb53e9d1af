"""Train the sentence event-type and article relevance classifiers (events/sentence_types.py).

    python -m detente.training.sentence_types [--out-dir DIR]

Every annotated sentence of the train split is one example; its labels are the PLOVER types of its
gold events (factual or not) and ANY when it has one. TF-IDF over ``analyze`` (words and word pairs,
min_df 2, sublinear tf) and one L2 logistic regression per label (liblinear, fixed seed). Dev macro
scores are printed; the JSON written keeps only weights of at least 1e-3 in magnitude. The article
model is the same over whole articles with the one label ANY (the article has an annotated event),
plus up to 300 BBC sport and entertainment articles from outside gold/news as weak negatives
(``weak_negatives``: one fixed half of them; the BBC benchmark measures on the other half).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from ..evaluation.gold import GoldRecord, read_gold
from ..events.sentence_types import ANY, ARTICLE_MODEL, SENTENCE_MODEL, analyze
from ..ontology import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[3]
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"
SEED = 13
C = 4.0
WEAK_NEGATIVES = 300


def _test_ids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    return {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}


def sentences(records: list[GoldRecord]) -> tuple[list[str], list[set[str]]]:
    texts, labels = [], []
    for rec in records:
        for sent in rec.sentences:
            types = {e.plover for e in sent.events}
            texts.append(sent.text)
            labels.append(types | ({ANY} if types else set()))
    return texts, labels


def articles(records: list[GoldRecord]) -> tuple[list[str], list[set[str]]]:
    """Whole articles (title and text), labelled ANY when any annotated sentence has an event."""
    return ([f"{r.title or ''}\n\n{r.text}" for r in records],
            [{ANY} if any(s.events for s in r.sentences) else set() for r in records])


def weak_negatives(exclude: set[str], limit: int = WEAK_NEGATIVES) -> list[str]:
    """BBC sport and entertainment articles as extra 'no event' examples for the article model.

    The annotated train split holds few of them, and without them the model learns the BBC's style
    as a sign of politics. Only articles outside gold/news and in the training half of
    ``weak_half`` are used; benchmarks/bbc_sections.py measures on the other half.
    """
    if not BBC.exists():
        return []
    out = []
    for line in BBC.open(encoding="utf-8"):
        art = json.loads(line)
        section = (art.get("meta") or {}).get("category")
        if section in ("sport", "entertainment") and art["id"] not in exclude and weak_half(art["id"]) == "train":
            out.append(f"{art['title']}\n\n{art['text']}")
    return out[:limit]


def weak_half(article_id: str) -> str:
    """A fixed split of article ids: "train" (weak labels may be used) or "heldout" (benchmarks only)."""
    return "train" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def fit(train_x: list[str], train_y: list[set[str]], unit: str = "sentence",
        dev: tuple[list[str], list[set[str]]] | None = None) -> tuple[dict[str, Any], dict[str, float]]:
    """The model JSON fitted on these examples (fixed seed: the same data gives the same model), and its
    dev AUC per label when ``dev`` examples are given. training/decider.py fits one per train fold."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    vec = TfidfVectorizer(analyzer=analyze, min_df=2, sublinear_tf=True)
    Xtr = vec.fit_transform(train_x)
    Xdv = vec.transform(dev[0]) if dev else None
    vocab = vec.get_feature_names_out()
    classes: dict[str, dict[str, Any]] = {}
    aucs: dict[str, float] = {}
    for label in (ANY, *PLOVER_TYPES) if unit == "sentence" else (ANY,):
        y = [int(label in ys) for ys in train_y]
        if sum(y) < 3:
            continue  # too rare to learn from this train split
        model = LogisticRegression(C=C, solver="liblinear", random_state=SEED, class_weight="balanced").fit(Xtr, y)
        weights = {str(t): round(float(w), 4) for t, w in zip(vocab, model.coef_[0]) if abs(w) >= 1e-3}
        classes[label] = {"intercept": round(float(model.intercept_[0]), 4), "weights": weights}
        ydv = [int(label in ys) for ys in dev[1]] if dev else []
        if dev and 0 < sum(ydv) < len(ydv):
            aucs[label] = round(float(roc_auc_score(ydv, model.predict_proba(Xdv)[:, 1])), 4)
    used = {t for c in classes.values() for t in c["weights"]}
    idf = {str(t): round(float(v), 4) for t, v in zip(vocab, vec.idf_) if t in used}
    meta = {"seed": SEED, "C": C, "unit": unit, "train_examples": len(train_x), "dev_auc": aucs}
    return {"idf": idf, "classes": classes, "meta": meta}, aucs


def examples(records: list[GoldRecord], unit: str, exclude: set[str]) -> tuple[list[str], list[set[str]], int]:
    """The training examples of ``records`` for ``unit``; the article model adds the weak negatives
    (BBC articles outside ``exclude``, the gold article ids). Returns texts, labels, weak count."""
    x, y = (sentences if unit == "sentence" else articles)(records)
    weak = weak_negatives(exclude) if unit == "article" else []
    return x + weak, y + [set() for _ in weak], len(weak)


def gold_ids(train_path: Path, dev_path: Path) -> set[str]:
    """Every gold/news article id (train, dev and the frozen test split): never a weak negative."""
    recs = read_gold([train_path]).records + read_gold([dev_path]).records
    return {r.id for r in recs} | _test_ids(dev_path.parent / "test.jsonl")


def train(train_path: Path, dev_path: Path, unit: str = "sentence") -> tuple[dict[str, Any], dict[str, float]]:
    train_recs, dev_recs = read_gold([train_path]).records, read_gold([dev_path]).records
    tr_x, tr_y, n_weak = examples(train_recs, unit, gold_ids(train_path, dev_path))
    model, aucs = fit(tr_x, tr_y, unit, (sentences if unit == "sentence" else articles)(dev_recs))
    model["meta"]["weak_negatives"] = n_weak
    return model, aucs


def main() -> int:
    ap = argparse.ArgumentParser(description="Train the sentence event-type classifier on gold/news.")
    ap.add_argument("--train", type=Path, default=ROOT / "gold" / "news" / "train.jsonl")
    ap.add_argument("--dev", type=Path, default=ROOT / "gold" / "news" / "dev.jsonl")
    ap.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parents[1] / "events" / "data")
    args = ap.parse_args()
    for unit, name in (("sentence", SENTENCE_MODEL), ("article", ARTICLE_MODEL)):
        model, aucs = train(args.train, args.dev, unit)
        out = args.out_dir / name
        # mtime=0: a retrain on the same data writes the same bytes
        out.write_bytes(gzip.compress((json.dumps(model, sort_keys=True) + "\n").encode("utf-8"), 9, mtime=0))
        print(f"{unit}: dev AUC per label: " + ", ".join(f"{k} {v}" for k, v in aucs.items()))
        print(f"wrote {out} ({len(model['idf'])} terms, {len(model['classes'])} labels)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
