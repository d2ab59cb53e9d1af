"""Session-wide test settings.

Compiled knowledge (src/detente/knowledge_cache.py) goes to a fresh folder per test session, so no
test depends on a cache warmed before it ran, and tests never write into the user's ~/.cache.
Servers and CLI processes started by tests inherit the variable and share the folder.
Set DETENTE_CACHE_DIR yourself to reuse one across sessions.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

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


@pytest.fixture
def nested_dates_jsonl(tmp_path: Path) -> Path:
    """Five JSONL articles whose dates sit in a nested field, a top-level one, both, neither, or are bad
    (the --date-field tests of tests/cli and tests/ingest)."""
    recs = [{"id": "nested", "text": "Story one.", "meta": {"published": "2004-03-10T09:00:00"}},
            {"id": "both", "text": "Story two.", "date": "2001-01-01", "meta": {"published": "2004-03-11"}},
            {"id": "plain", "text": "Story three.", "date": "2001-01-02"},
            {"id": "none", "text": "Story four.", "meta": {"category": "sport"}},
            {"id": "bad", "text": "Story five.", "meta": {"published": "sometime in spring"}}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return path
