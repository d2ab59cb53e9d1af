"""Fixtures for API tests: a fixture store built once per session, and TestClients over it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from detente.testing.fixtures import FixtureCoder, write_fixture_store


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    return write_fixture_store(tmp_path_factory.mktemp("store") / "fixture.duckdb")


@pytest.fixture(scope="session")
def client(fixture_db) -> TestClient:
    """Read-only tests share this client (and store)."""
    return TestClient(create_app(fixture_db, coder_factory=FixtureCoder), base_url="http://localhost")


@pytest.fixture
def writable_db(fixture_db, tmp_path) -> Path:
    """A private copy of the fixture store for tests that write."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(fixture_db, db)
    return db


@pytest.fixture
def write_client(writable_db, monkeypatch) -> TestClient:
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    return TestClient(create_app(writable_db, coder_factory=FixtureCoder), base_url="http://localhost")


@pytest.fixture(scope="session")
def analysis_client(tmp_path_factory) -> TestClient:
    """A client over the analysis store (tests/api/analysis_store.py), with a short SQL time limit."""
    from analysis_store import write_analysis_store

    db = write_analysis_store(tmp_path_factory.mktemp("analysis") / "analysis.duckdb")
    return TestClient(create_app(db, sql_timeout_s=0.5), base_url="http://localhost")
