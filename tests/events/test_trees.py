"""The pure-Python tree walker (events/trees.py) on a hand-made ensemble, and the decider running it."""
from __future__ import annotations

import math

import pytest

from detente.errors import DataFileError
from detente.events.decider import Decider
from detente.events.trees import TreeEnsemble

# tree 0: p_type <= 0.5 ? (type=ASSAULT <= 0.5 ? -1 : 0.5) : 1.0 ; NaN p_type goes right
# tree 1: a stump on type=ASSAULT, NaN goes left
ENSEMBLE = {
    "features": ["p_type", "type=ASSAULT"], "baseline": -0.25,
    "trees": [
        {"f": [0, 1, -1, -1, -1], "t": [0.5, 0.5, 0, 0, 0], "l": [1, 3, 0, 0, 0], "r": [2, 4, 0, 0, 0],
         "m": [0, 1, 0, 0, 0], "v": [0.0, -0.5, 1.0, -1.0, 0.5]},
        {"f": [1, -1, -1], "t": [0.5, 0, 0], "l": [1, 0, 0], "r": [2, 0, 0], "m": [1, 0, 0], "v": [0.1, -0.2, 0.3]},
    ],
}


def test_the_walker_follows_thresholds_inclusively_and_sums_leaves():
    ens = TreeEnsemble.from_dict(ENSEMBLE)
    assert ens.raw({}) == pytest.approx(-0.25 - 1.0 - 0.2)  # absent features are 0
    assert ens.raw({"p_type": 0.5, "type=ASSAULT": 1.0}) == pytest.approx(-0.25 + 0.5 + 0.3)  # 0.5 <= 0.5: left
    assert ens.raw({"p_type": 0.9}) == pytest.approx(-0.25 + 1.0 - 0.2)
    assert ens.raw({"p_type": math.nan, "type=ASSAULT": math.nan}) == pytest.approx(-0.25 + 1.0 - 0.2)


def test_contributions_add_up_to_the_log_odds():
    ens = TreeEnsemble.from_dict(ENSEMBLE)
    feats = {"p_type": 0.2, "type=ASSAULT": 1.0}
    contrib = ens.contributions(feats)
    roots = ens.baseline + sum(t.value[0] for t in ens.trees)
    assert roots + sum(contrib.values()) == pytest.approx(ens.raw(feats))
    assert contrib["p_type"] == pytest.approx(-0.5) and contrib["type=ASSAULT"] == pytest.approx(1.0 + 0.2)


def test_a_tree_decider_gives_calibrated_probabilities_and_explains_with_path_features():
    d = Decider.from_dict({"trees": ENSEMBLE, "threshold": 0.0, "calibration": {"a": 2.0, "b": 0.1}, "meta": {}})
    z = 2.0 * (-0.25 + 1.0 + 0.3) + 0.1
    assert d.probability({"p_type": 0.7, "type=ASSAULT": 1.0}) == pytest.approx(1 / (1 + math.exp(-z)))
    assert [k for k, _ in d.top_features({"p_type": 0.7, "type=ASSAULT": 1.0}, n=2)] == ["p_type", "type=ASSAULT"]


@pytest.mark.parametrize("trees", [
    {"features": ["a"], "baseline": 0.0, "trees": [{"f": [0], "t": [0.5], "l": [5], "r": [6], "m": [0], "v": [0.0]}]},
    {"features": [], "baseline": 0.0, "trees": [{"f": [0, -1, -1], "t": [0, 0, 0], "l": [1, 0, 0], "r": [2, 0, 0],
                                                 "m": [0, 0, 0], "v": [0, 0, 0]}]},
    {"features": ["a"], "baseline": 0.0, "trees": [{"f": [-1], "t": [], "l": [0], "r": [0], "m": [0], "v": [0.0]}]},
])
def test_a_broken_tree_model_is_a_data_error(trees):
    with pytest.raises(DataFileError):
        Decider.from_dict({"trees": trees, "threshold": 0.0})
