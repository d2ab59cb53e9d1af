"""Fault-injection tests: helpers live in fault_helpers.py; the fake coder comes from tests/store."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "store"))  # fake_coder.py
