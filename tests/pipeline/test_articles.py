"""Every bundled sample article is coded and compared with its .expected.json."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente.testing import check_article, load_expectations, split_known_gaps

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
EXPECTED = sorted(SAMPLES.glob("*.expected.json"))


def read_article(path: Path) -> tuple[str, str]:
    """(title, body) of a sample .txt: the first line is the title."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), body.strip()


def test_articles_samples_exist():
    assert len(EXPECTED) >= 24


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_articles_expected_file_is_valid_and_has_its_article(expected_path: Path):
    data = load_expectations(expected_path)
    article = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
    title, body = read_article(article)
    assert title and body
    assert 80 <= len(body.split()) <= 250, f"{article.name}: {len(body.split())} words"
    assert 2 <= len(data["events"]) <= 6


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_articles_coded_as_expected(expected_path: Path):
    code_article = getattr(pytest.importorskip("detente"), "code_article", None)
    if code_article is None:  # an ImportError inside the pipeline is a failure, not a skip
        pytest.skip("detente.code_article does not exist yet")
    expected = load_expectations(expected_path)
    title, body = read_article(expected_path.with_name(
        expected_path.name.replace(".expected.json", ".txt")))
    events = code_article(body, date=expected["publication_date"], title=title)
    plain, gaps = split_known_gaps(expected)
    problems = check_article(events, plain)
    assert problems == [], "\n".join(problems)
    # Known gaps (docs/accuracy.md) must still fail: when one starts passing, drop its flag.
    for spec in gaps["events"]:  # fixed = satisfiable together with every plain expectation
        fixed = check_article(events, {**plain, "events": plain["events"] + [spec], "must_not": []}) == []
        assert not fixed, f"known gap now passes, remove its known_gap flag: {spec.get('what')}"
    for spec in gaps["must_not"]:
        fixed = check_article(events, {**gaps, "events": [], "must_not": [spec]}) == []
        assert not fixed, f"known must_not gap no longer occurs, remove its flag: {spec.get('what')}"
