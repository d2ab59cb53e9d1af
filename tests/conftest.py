"""Session-wide test settings.

Compiled knowledge (src/detente/knowledge_cache.py) goes to a fresh folder per test session, so no
test depends on a cache warmed before it ran, and tests never write into the user's ~/.cache.
Servers and CLI processes started by tests inherit the variable and share the folder.
Set DETENTE_CACHE_DIR yourself to reuse one across sessions.
"""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_OWN_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("DETENTE_CACHE_DIR"):
        path = tempfile.mkdtemp(prefix="detente-test-cache-")
        _OWN_CACHE.append(path)
        os.environ["DETENTE_CACHE_DIR"] = path


def pytest_unconfigure(config: pytest.Config) -> None:
    for path in _OWN_CACHE:
        shutil.rmtree(path, ignore_errors=True)
        if os.environ.get("DETENTE_CACHE_DIR") == path:
            del os.environ["DETENTE_CACHE_DIR"]
