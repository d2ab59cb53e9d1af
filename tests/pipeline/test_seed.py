"""Acceptance: the seed article yields every expected event and none of its must_not items."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente.testing import check_article, load_expectations

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed"


@pytest.fixture(scope="module")
def seed_events():
    code_article = getattr(pytest.importorskip("detente"), "code_article", None)
    if code_article is None:  # an ImportError inside the pipeline is a failure, not a skip
        pytest.skip("detente.code_article does not exist yet")
    if not SEED.is_dir():
        pytest.fail(f"acceptance seed not found at {SEED}")
    title, _, body = (SEED / "article.txt").read_text(encoding="utf-8").partition("\n")
    return code_article(body.strip(), date="2025-03-26", title=title.strip())


def test_seed_yields_every_expected_event_and_no_known_error(seed_events):
    expected = load_expectations(SEED / "expected.json")
    assert expected["publication_date"] == "2025-03-26"
    problems = check_article(seed_events, expected)
    assert problems == [], "\n".join(problems)
