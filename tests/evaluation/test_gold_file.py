"""Détente's own gold file: well-formed, consistent with the codebook, and as broad as the brief asks."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from detente.evaluation.gold import read_gold
from detente.ontology import PLOVER_TYPES, load_codebook

from .conftest import REPO

GOLD = REPO / "gold" / "detente_gold.jsonl"


@pytest.fixture(scope="module")
def gold():
    gs = read_gold([GOLD])
    assert gs.problems == []
    return gs.records


def test_gold_file_size_ids_and_dates(gold):
    assert len(gold) >= 160
    assert len({r.id for r in gold}) == len(gold)
    assert all(r.date is not None for r in gold)
    raw = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len({r["text"] for r in raw}) == len(raw)


def test_gold_file_covers_every_plover_type(gold):
    sentences = Counter(t for r in gold for t in {e.plover for e in r.events})
    assert {t: sentences[t] for t in PLOVER_TYPES if sentences[t] < 6} == {}


def test_gold_file_cameo_codes_agree_with_plover_types(gold):
    codebook = load_codebook()
    bad = [(r.id, e.cameo, e.plover) for r in gold for e in r.events
           if e.cameo and codebook.get(e.cameo).plover_type != e.plover]
    assert bad == []


def test_gold_file_has_hard_cases(gold):
    modes = Counter(e.mode for r in gold for e in r.events)
    assert modes["negation"] >= 3 and modes["future"] >= 3 and modes["hypothetical"] >= 3
    assert modes["historical"] >= 3
    assert sum(1 for r in gold if not r.events) >= 3  # sentences that must yield nothing
    assert any(len(e.sources) > 1 for r in gold for e in r.events)  # compound actors


def test_gold_file_event_dates_are_plausible(gold):
    for r in gold:
        for e in r.events:
            if e.date is not None and e.mode != "future":
                assert e.date <= r.date, r.id
            if e.mode == "future" and e.date is not None:
                assert e.date >= r.date, r.id


def test_gold_file_spans_regions(gold):
    countries = {a.country for r in gold for e in r.events for a in (*e.sources, *e.targets)}
    for region in ({"USA", "BRA", "ARG", "VEN", "MEX", "COL"}, {"RUS", "UKR", "FRA", "DEU", "HUN", "SRB"},
                   {"ISR", "PSE", "IRN", "SAU", "TUR", "YEM"}, {"SDN", "COD", "KEN", "NER", "ZAF", "BFA"},
                   {"CHN", "IND", "PAK", "JPN", "KOR", "PRK"}, {"AUS", "TUV"}, {"IGO", "NGO"}):
        assert region & countries, region
    assert len(countries) >= 60
