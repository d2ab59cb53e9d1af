"""Shared by the dates and geo tests: one spaCy pipeline per session, the seed article, token lookup."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED = REPO_ROOT.parent / "shared" / "acceptance" / "seed" / "article.txt"
PUB = dt.date(2025, 3, 26)  # a Wednesday


@pytest.fixture(scope="session")
def nlp():
    from detente.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_doc(nlp):
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return nlp(SEED.read_text(encoding="utf-8"))


def token(doc, text: str, nth: int = 1):
    """The nth token whose text is `text` (1-based)."""
    hits = [t for t in doc if t.text == text]
    assert len(hits) >= nth, f"{text!r} occurs {len(hits)} times"
    return hits[nth - 1]
