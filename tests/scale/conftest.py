"""Fixtures for the scale tests: Reuters articles and event patterns that fire on them.

The shipped patterns are still growing, so the tests add their own (data/patterns.yaml, ids
"scaletest.*") through DETENTE_PATTERNS; worker processes inherit the variable when they start.
"""
from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from detente.models import Article

HERE = Path(__file__).parent
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REUTERS = SHARED / "data" / "reuters21578" / "articles.jsonl"


def reuters(n: int, skip: int = 0) -> list[Article]:
    if not REUTERS.exists():
        pytest.skip(f"shared data missing: {REUTERS}")
    out = []
    with REUTERS.open(encoding="utf-8") as f:
        for line in itertools.islice(f, skip, skip + n):
            d = json.loads(line)
            out.append(Article(id=d["id"], text=d["text"], title=d["title"],
                               date=d["date"], source=d["source"], origin=f"reuters:{d['id']}"))
    return out


@pytest.fixture(scope="session")
def scale_patterns():
    """Point DETENTE_PATTERNS at the test patterns for the session (restored afterwards)."""
    old = os.environ.get("DETENTE_PATTERNS")
    extra = str(HERE / "data" / "patterns.yaml")
    os.environ["DETENTE_PATTERNS"] = extra if not old else old + os.pathsep + extra
    yield extra
    if old is None:
        os.environ.pop("DETENTE_PATTERNS", None)
    else:
        os.environ["DETENTE_PATTERNS"] = old


@pytest.fixture(scope="session")
def local_coder(scale_patterns):
    from detente.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def articles() -> list[Article]:
    """40 Reuters articles, a duplicate text under another id, and an empty-bodied one."""
    arts = reuters(40)
    dup = arts[3].model_copy(update={"id": "dup-of-3", "origin": "dup"})
    return arts + [dup, Article(id="blank", text=" ", origin="blank")]
