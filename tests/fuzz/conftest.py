"""Fixtures for the hostile-input tests; helpers live in fuzz_helpers.py (a unique module name)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def coder_available() -> bool:
    try:
        from detente.pipeline import Coder  # noqa: F401
        return True
    except Exception:
        return False
