"""The decider's shipped threshold must keep the acceptance seed's events (training/decider.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente.events.decider import Decider, load_decider
from detente.training.decider import seed_keeps_its_events

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed"


@pytest.mark.skipif(not (SEED / "article.txt").is_file(), reason="acceptance seed not on disk")
def test_a_threshold_that_drops_a_seed_event_is_refused():
    decider = load_decider()
    assert isinstance(decider, Decider)
    keeps = seed_keeps_its_events(decider, 0.0)
    assert keeps(0.0)          # nothing dropped: the seed passes
    assert not keeps(1.01)     # everything typed dropped: its expected events are gone
