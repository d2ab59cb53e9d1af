"""The seed article (../shared/acceptance/seed/article.txt), coded on 2025-03-25."""
from __future__ import annotations

import pytest

from .conftest import SEED_DATE, SHARED

SEED = SHARED / "acceptance" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def seed(nlp, finder):
    doc = nlp(SEED.read_text(encoding="utf-8"))
    return doc, finder(doc)


def _first(acts, text):
    return next(m for m in acts.mentions if m.text == text)


@pytest.mark.parametrize("text,code", [
    ("Turkish Foreign Minister Hakan Fidan", "TURGOV"),
    ("U.S. Secretary of State Marco Rubio", "USAGOV"),
    ("President Recep Tayyip Erdogan", "TURGOV"),
    ("U.S. President Donald Trump", "USAGOV"),
    ("Ankara", "TURGOV"),
    ("Turkish Foreign Ministry", "TURGOV"),
])
def test_seed_named_actors(seed, text, code):
    _, acts = seed
    assert _first(acts, text).resolve(SEED_DATE).code == code


def test_seed_the_two_nations_are_turkiye_and_usa(seed):
    _, acts = seed
    pair = [m for m in acts.mentions if m.text == "the two nations"]
    assert sorted(m.resolve(SEED_DATE).code for m in pair) == ["TUR", "USA"]


def test_seed_its_acquisition_is_turkiye(seed):
    doc, acts = seed
    acq = next(t for t in doc if t.text == "acquisition")
    its = [m for m in acts.mentions if m.text == "its" and m.start == acq.i - 1]
    assert its and its[0].resolve(SEED_DATE).country == "TUR"
    assert [m.resolve(SEED_DATE).country for m in acts.for_token(acq)] == ["TUR"]


def test_seed_outlet_and_dateline_never_actors(seed):
    doc, acts = seed
    assert not any("Observer" in m.text or "Gulf" in m.text for m in acts.mentions)
    dateline_washington = next(t for t in doc if t.text == "Washington")
    assert not any(m.start <= dateline_washington.i < m.end for m in acts.mentions)


def test_seed_fidan_and_rubio_are_separate_coordinated_actors(seed):
    doc, acts = seed
    fidan = next(t for t in doc if t.text == "Fidan")
    assert [m.resolve(SEED_DATE).code for m in acts.for_token(fidan)] == ["TURGOV", "USAGOV"]


def test_seed_every_mention_resolves_with_a_reason(seed):
    _, acts = seed
    for m in acts.mentions:
        ref = m.resolve(SEED_DATE)
        assert ref is not None and ref.code and ref.why, m


def test_seed_the_diplomats_are_fidan_and_rubio(seed):
    _, acts = seed
    pair = [m for m in acts.mentions if m.text == "The diplomats"]
    assert sorted(m.antecedent.entry_id for m in pair) == ["person:hakan-fidan", "person:marco-rubio"]


def test_seed_biden_after_his_term_is_not_government(seed):
    _, acts = seed
    biden = next(m for m in acts.mentions if "Biden" in m.text)
    assert biden.resolve(SEED_DATE).code != "USAGOV"
