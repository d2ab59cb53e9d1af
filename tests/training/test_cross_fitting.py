"""Cross-fitting in training/decider.py: folds by article, deterministic refits of the text classifiers."""
from __future__ import annotations

import pytest

from detente.evaluation.gold import GoldRecord


def _records(n: int) -> list[GoldRecord]:
    return [GoldRecord(id=f"a{i}", text="x", date=None, events=(), origin="t", format="news") for i in range(n)]


def test_folds_group_articles_deterministically_and_evenly():
    from detente.training.decider import FOLDS, folds

    recs = _records(23)
    fold = folds(recs)
    assert fold == folds(list(reversed(recs)))  # the order of the records does not matter
    assert set(fold) == {r.id for r in recs} and set(fold.values()) == set(range(FOLDS))
    sizes = [list(fold.values()).count(i) for i in range(FOLDS)]
    assert max(sizes) - min(sizes) <= 1


def test_refitting_a_text_classifier_on_the_same_examples_gives_the_same_model():
    pytest.importorskip("sklearn")
    from detente.training.sentence_types import fit

    texts = ["Police arrested the protesters.", "Rebels attacked the town.", "Police detained two men.",
             "Troops shelled the village.", "The team won the cup.", "Shares rose on Monday.",
             "Police arrested a reporter.", "Rebels attacked a convoy.", "The singer released an album."] * 2
    labels = [{"ANY", "COERCE"}, {"ANY", "ASSAULT"}, {"ANY", "COERCE"}, {"ANY", "ASSAULT"}, set(), set(),
              {"ANY", "COERCE"}, {"ANY", "ASSAULT"}, set()] * 2
    one, _ = fit(texts, labels)
    two, _ = fit(texts, labels)
    assert one == two and {"ANY", "COERCE", "ASSAULT"} <= set(one["classes"])


def test_the_threshold_sweep_reads_the_calibrated_probability_the_coder_compares():
    import math

    from detente.events.decider import Decider
    from detente.models import Article
    from detente.training.decider import _calibrated

    art = Article(id="a", text="t")
    raw = [0.1, 0.5, 0.9]
    same = _calibrated(lambda a, ev: raw, {"a": 1.0, "b": 0.0})(art, [])
    assert same == pytest.approx(raw)
    cal = {"a": 0.7, "b": 0.2}
    d = Decider(weights={"x": 1.0}, bias=0.0, threshold=0.0, meta={}, calibration=(0.7, 0.2))
    z = math.log(0.9 / 0.1)
    assert _calibrated(lambda a, ev: [0.9], cal)(art, [])[0] == pytest.approx(d.probability({"x": z}))
