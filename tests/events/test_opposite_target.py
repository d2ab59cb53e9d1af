"""events/defaults.opposite_target: a directed act of the opposition with no target is aimed at its
own country's government (recoding.yaml opposite_agent). Candidates built by hand, no gold text."""
from __future__ import annotations

from types import SimpleNamespace

from detente.events.defaults import opposite_target
from detente.events.recoding import load_recoding
from detente.models import ActorRef


def _cand(cameo: str, code: str, targets: list | None = None):
    ref = ActorRef(code=code, country=code[:3], agent=code[3:6], name=code, text=code)
    src = SimpleNamespace(ref=ref, mention=None, slot="subject")
    return SimpleNamespace(targets=targets or [], sources=[src], reciprocal=False, root=cameo[:2],
                           confidence=1.0, notes=[])


def test_opposition_accusation_targets_the_government():
    c = _cand("111", "GBROPP")
    opposite_target(load_recoding(), c)
    assert [p.ref.code for p in c.targets] == ["GBRGOV"]
    assert c.confidence < 1.0 and c.notes


def test_government_acts_and_named_targets_are_left_alone():
    c = _cand("111", "GBRGOV")
    opposite_target(load_recoding(), c)
    assert c.targets == []
    named = _cand("111", "GBROPP", targets=["x"])
    opposite_target(load_recoding(), named)
    assert named.targets == ["x"]


def test_undirected_acts_are_left_alone():
    c = _cand("010", "GBROPP")  # a statement is aimed at nobody
    opposite_target(load_recoding(), c)
    assert c.targets == []
