"""Shared CLI test fixtures."""
from __future__ import annotations

from pathlib import Path

import pytest

#: tests/store holds fake_coder.py, the coder that turns "EVENT src tgt cameo date ..." lines into events.
STORE_TESTS = Path(__file__).resolve().parents[1] / "store"


@pytest.fixture
def fake_coder(monkeypatch):
    """Commands code with the store tests' fake coder (DETENTE_CODER) and no default store."""
    monkeypatch.syspath_prepend(str(STORE_TESTS))
    monkeypatch.setenv("DETENTE_CODER", "fake_coder:FakeCoder")
    monkeypatch.delenv("DETENTE_DB", raising=False)
