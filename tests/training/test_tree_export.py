"""events/trees.py reproduces scikit-learn's HistGradientBoostingClassifier (skipped without sklearn)."""
from __future__ import annotations

import json
import random

import pytest

pytest.importorskip("sklearn")


def test_exported_trees_reproduce_predict_proba():
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from detente.events.trees import TreeEnsemble, export

    rng = random.Random(7)
    names = ["p_type", "p_any", "rule=a", "rule=b", "unused"]
    rows, labels = [], []
    for _ in range(600):
        p, q, a = rng.random(), rng.random(), rng.random() < 0.4
        rows.append([p if rng.random() > 0.05 else float("nan"), q, float(a), float(not a), 0.0])
        labels.append(int(p + 0.3 * a + 0.2 * rng.random() > 0.7))
    X = np.array(rows)
    model = HistGradientBoostingClassifier(max_iter=60, learning_rate=0.1, random_state=13).fit(X, labels)
    ens = TreeEnsemble.from_dict(json.loads(json.dumps(export(model, names))))  # through JSON, as shipped
    assert "unused" not in ens.features
    want = model.predict_proba(X)[:, 1]
    for row, p in zip(rows, want):
        z = ens.raw(dict(zip(names, row)))
        assert abs(1.0 / (1.0 + np.exp(-z)) - p) < 1e-6
