"""Gradient-boosted trees run in pure Python (the decider's tree model; issue #13).

Training (training/decider.py) fits scikit-learn's HistGradientBoostingClassifier; `export` turns it
into plain JSON and `TreeEnsemble` walks it, so the coder needs no machine-learning library. The
walk is sklearn's own: a node sends a row left when its value is <= the node's raw threshold (NaN
follows ``missing_go_to_left``); the log-odds are the baseline plus one leaf value per tree, summed
in tree order as sklearn does, so probabilities agree to ~1e-9 (leaf values keep 9 digits).

JSON: ``{"features": [names], "baseline": float, "trees": [{"f": [...], "t": [...], "l": [...],
"r": [...], "m": [...], "v": [...]}]}``; per node: feature index (-1 on a leaf), threshold, left and
right child, missing-goes-left (0/1) and value (a leaf's contribution; on a split node the
count-weighted mean of its leaves, which makes each split's share of a prediction readable: the
change of value along the path, for `detente explain`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tree:
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    missing_left: tuple[bool, ...]
    value: tuple[float, ...]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tree:
        tree = cls(feature=tuple(int(x) for x in d["f"]), threshold=tuple(float(x) for x in d["t"]),
                   left=tuple(int(x) for x in d["l"]), right=tuple(int(x) for x in d["r"]),
                   missing_left=tuple(bool(x) for x in d["m"]), value=tuple(float(x) for x in d["v"]))
        n = len(tree.feature)
        if not n or any(len(a) != n for a in (tree.threshold, tree.left, tree.right, tree.missing_left, tree.value)):
            raise ValueError("tree arrays differ in length")
        if any(f >= 0 and not (0 <= lo < n and 0 <= hi < n) for f, lo, hi in zip(tree.feature, tree.left, tree.right)):
            raise ValueError("tree child index out of range")
        return tree

    def path(self, row: list[float]) -> list[int]:
        """The nodes from the root to the leaf that ``row`` reaches."""
        node, out = 0, [0]
        while self.feature[node] >= 0:
            x = row[self.feature[node]]
            go_left = self.missing_left[node] if math.isnan(x) else x <= self.threshold[node]
            node = self.left[node] if go_left else self.right[node]
            out.append(node)
        return out


@dataclass(frozen=True)
class TreeEnsemble:
    features: tuple[str, ...]
    baseline: float
    trees: tuple[Tree, ...]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TreeEnsemble:
        ens = cls(features=tuple(str(n) for n in d["features"]), baseline=float(d["baseline"]),
                  trees=tuple(Tree.from_dict(t) for t in d["trees"]))
        if any(f >= len(ens.features) for t in ens.trees for f in t.feature):
            raise ValueError("tree feature index out of range")
        return ens

    def row(self, feats: dict[str, float]) -> list[float]:
        """The model's feature vector: an absent feature is 0, as DictVectorizer made it in training."""
        return [float(feats.get(name, 0.0)) for name in self.features]

    def raw(self, feats: dict[str, float]) -> float:
        """The log-odds: baseline plus each tree's leaf value."""
        row, z = self.row(feats), self.baseline
        for tree in self.trees:
            z += tree.value[tree.path(row)[-1]]
        return z

    def contributions(self, feats: dict[str, float]) -> dict[str, float]:
        """Each feature's share of the log-odds: the change of node value at the splits it decides,
        summed over trees (with the root values, they add up to ``raw``)."""
        row, out = self.row(feats), dict[str, float]()
        for tree in self.trees:
            nodes = tree.path(row)
            for parent, child in zip(nodes, nodes[1:]):
                name = self.features[tree.feature[parent]]
                out[name] = out.get(name, 0.0) + tree.value[child] - tree.value[parent]
        return out


def export(model: Any, names: list[str]) -> dict[str, Any]:
    """A fitted binary HistGradientBoostingClassifier (numeric features ``names``) as JSON data;
    only the features some split uses are kept, renumbered in order of first use."""
    used: dict[int, int] = {}
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        value = [float(v) for v in nodes["value"]]
        leaf = [bool(x) for x in nodes["is_leaf"]]
        count = [int(c) for c in nodes["count"]]
        # a split node's value: the count-weighted mean of its leaves (sklearn keeps an unshrunk one)
        def mean(i: int) -> tuple[float, int]:
            if leaf[i]:
                return value[i] * count[i], count[i]
            a, b = mean(int(nodes["left"][i])), mean(int(nodes["right"][i]))
            value[i] = (a[0] + b[0]) / max(1, a[1] + b[1])
            return a[0] + b[0], a[1] + b[1]
        mean(0)
        feat = [-1 if leaf[i] else used.setdefault(int(nodes["feature_idx"][i]), len(used)) for i in range(len(nodes))]
        trees.append({"f": feat,
                      "t": [0.0 if leaf[i] else float(nodes["num_threshold"][i]) for i in range(len(nodes))],
                      "l": [0 if leaf[i] else int(nodes["left"][i]) for i in range(len(nodes))],
                      "r": [0 if leaf[i] else int(nodes["right"][i]) for i in range(len(nodes))],
                      "m": [0 if leaf[i] else int(nodes["missing_go_to_left"][i]) for i in range(len(nodes))],
                      "v": [float(f"{v:.9g}") for v in value]})  # 9 digits: ~1e-9 of a leaf
    order = sorted(used, key=used.__getitem__)
    return {"features": [str(names[i]) for i in order], "baseline": float(model._baseline_prediction.ravel()[0]),
            "trees": trees}
