"""Fixtures for the security tests: a fixture store (fixed, hand-annotated events) and clients over it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.testing.fixtures import FixtureCoder, write_fixture_store

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def sec_db(tmp_path_factory) -> Path:
    return write_fixture_store(tmp_path_factory.mktemp("sec") / "fixture.duckdb")


@pytest.fixture
def db_copy(sec_db, tmp_path) -> Path:
    db = tmp_path / "copy.duckdb"
    shutil.copy(sec_db, db)
    return db


@pytest.fixture
def sec_client(db_copy, monkeypatch) -> TestClient:
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    return TestClient(create_app(db_copy, coder_factory=FixtureCoder), base_url="http://localhost")
