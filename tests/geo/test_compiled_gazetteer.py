"""The gazetteer through the knowledge cache: the cached copy answers exactly as a fresh build."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente.geo import gazetteer


def test_cached_gazetteer_equals_a_fresh_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    gazetteer.load_gazetteer.cache_clear()
    try:
        built = gazetteer.load_gazetteer()  # cold: builds and stores
        gazetteer.load_gazetteer.cache_clear()
        cached = gazetteer.load_gazetteer()
    finally:
        gazetteer.load_gazetteer.cache_clear()
    assert cached is not built
    assert cached._places == built._places
    assert cached.lookup("Washington") == built.lookup("Washington") is not None
