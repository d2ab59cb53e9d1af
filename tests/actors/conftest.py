"""Shared fixtures: the spaCy pipeline and a default ActorFinder (built once per session)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.actors import ActorFinder, load_actor_dictionary
from detente.nlp import load_nlp

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED_DATE = dt.date(2025, 3, 25)


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def finder():
    return ActorFinder(load_actor_dictionary())


@pytest.fixture(scope="session")
def code_of(nlp, finder):
    """code_of(text, surface, date) -> the code of the first mention whose text contains ``surface``."""

    def run(text: str, surface: str, on: dt.date | None = SEED_DATE) -> str | None:
        acts = finder(nlp(text))
        for m in acts.mentions:
            if surface in m.text:
                ref = m.resolve(on)
                return ref.code if ref else None
        return None

    return run


@pytest.fixture(scope="session")
def codes(nlp, finder):
    """codes(text, date) -> codes of all mentions in doc order."""

    def run(text: str, on: dt.date | None = SEED_DATE) -> list[str]:
        out = []
        for m in finder(nlp(text)).mentions:
            ref = m.resolve(on)
            if ref:
                out.append(ref.code)
        return out

    return run
