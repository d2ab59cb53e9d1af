"""The expectation matcher itself, on hand-made Event objects (no NLP)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.models import Event
from detente.testing import (
    check_article,
    load_expectations,
    match_expected,
    must_not_hits,
    validate_expectations,
)

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed"


def ev(code: str, src: str = "", tgt: str = "", date: str | None = "2025-03-25", *,
       historical: bool = False, mode: str = "", plover: str = "", src_name: str = "",
       tgt_name: str = "") -> Event:
    """A minimal event; agents are read from the code like the actor stage does."""
    return Event(
        event_id=f"{code}-{src}-{tgt}-{date}-{mode}", article_id="a", sentence_index=0,
        sentence_text="test sentence", span_start=0, span_end=1, trigger="t",
        date=dt.date.fromisoformat(date) if date else None,
        date_precision="day" if date else None, historical=historical,
        source_code=src, source_country=src[:3], source_agent=src[3:6], source_name=src_name,
        target_code=tgt, target_country=tgt[:3], target_agent=tgt[3:6], target_name=tgt_name,
        cameo_code=code, cameo_root=code[:2], quad_class=1, goldstein=0.0,
        plover_type=plover, plover_mode=mode, rule="test", confidence=1.0,
    )


MEETING = {"what": "meeting", "source": "TUR", "source_agent": "GOV", "target": "USA",
           "target_agent": "GOV", "either_direction": True, "codes": ["04", "03"],
           "date": "2025-03-25", "historical": False}


def test_expectations_root_code_accepts_children():
    assert match_expected([ev("042", "TURGOV", "USAGOV")], MEETING)[0] is not None
    assert match_expected([ev("036", "TURGOV", "USAGOV")], MEETING)[0] is not None


def test_expectations_three_digit_code_accepts_its_four_digit_children_only():
    spec = {"codes": ["112"], "source": "GBR", "target": "RUS"}
    assert match_expected([ev("1121", "GBRGOV", "RUSGOV")], spec)[0] is not None
    event, why = match_expected([ev("111", "GBRGOV", "RUSGOV")], spec)
    assert event is None and "code 111" in why


def test_expectations_wrong_code_is_reported():
    event, why = match_expected([ev("163", "TURGOV", "USAGOV")], MEETING)
    assert event is None
    assert "code 163 not under 04/03" in why


def test_expectations_either_direction_accepts_swapped_roles():
    assert match_expected([ev("040", "USAGOV", "TURGOV")], MEETING)[0] is not None
    one_way = {**MEETING, "either_direction": False}
    event, why = match_expected([ev("040", "USAGOV", "TURGOV")], one_way)
    assert event is None and "source USAGOV is not TUR" in why


def test_expectations_agent_must_match_when_given():
    event, why = match_expected([ev("040", "TURMIL", "USAGOV")], MEETING)
    assert event is None and "agent" in why
    no_agent = {k: v for k, v in MEETING.items() if not k.endswith("_agent")}
    assert match_expected([ev("040", "TURMIL", "USAGOV")], no_agent)[0] is not None


def test_expectations_agent_found_inside_longer_code():
    spec = {"codes": ["18"], "source": "PSE", "source_agent": "REB", "target": "ISR"}
    hamas = ev("180", "PSEREBHMS", "ISR").model_copy(update={"source_agent": ""})
    assert match_expected([hamas], spec)[0] is not None


def test_expectations_igo_prefix():
    spec = {"codes": ["163"], "source": "IGO", "target": "NER"}
    assert match_expected([ev("163", "IGOWAFWAS", "NERMIL")], spec)[0] is not None
    assert match_expected([ev("163", "NGA", "NERMIL")], spec)[0] is None


def test_expectations_exact_date_year_and_month():
    assert match_expected([ev("040", "TURGOV", "USAGOV", "2025-03-26")], MEETING)[0] is None
    by_year = {"codes": ["16"], "source": "USA", "target": "TUR", "date_year": 2020}
    assert match_expected([ev("163", "USA", "TUR", "2020-12-14")], by_year)[0] is not None
    assert match_expected([ev("163", "USA", "TUR", "2019-12-14")], by_year)[0] is None
    assert match_expected([ev("163", "USA", "TUR", None)], by_year)[0] is None
    by_month = {"codes": ["16"], "source": "USA", "target": "TUR", "date_month": "2020-12"}
    assert match_expected([ev("163", "USA", "TUR", "2020-12-14")], by_month)[0] is not None
    assert match_expected([ev("163", "USA", "TUR", "2020-11-30")], by_month)[0] is None


def test_expectations_historical_flag():
    spec = {"codes": ["16"], "source": "USA", "target": "TUR", "date_year": 2020,
            "historical": True}
    assert match_expected([ev("163", "USA", "TUR", "2020-01-01", historical=True)], spec)[0]
    event, why = match_expected([ev("163", "USA", "TUR", "2020-01-01")], spec)
    assert event is None and "historical" in why


def test_expectations_source_may_be_unknown():
    spec = {"codes": ["16", "17"], "source": "USA", "target": "TUR", "source_may_be_unknown": True}
    assert match_expected([ev("166", "", "TUR")], spec)[0] is not None
    assert match_expected([ev("166", "USAGOV", "TUR")], spec)[0] is not None
    assert match_expected([ev("166", "RUS", "TUR")], spec)[0] is None
    strict = {k: v for k, v in spec.items() if k != "source_may_be_unknown"}
    assert match_expected([ev("166", "", "TUR")], strict)[0] is None


def test_expectations_plover_type_when_given():
    spec = {"codes": ["163"], "source": "CHN", "target": "USA", "plover": "SANCTION"}
    assert match_expected([ev("163", "CHN", "USA", plover="SANCTION")], spec)[0] is not None
    assert match_expected([ev("163", "CHN", "USA", plover="COERCE")], spec)[0] is None


def test_expectations_negated_event_is_not_a_plain_fact():
    negated = ev("040", "TURGOV", "USAGOV", mode="negation")
    event, why = match_expected([negated], MEETING)
    assert event is None and "not a plain fact" in why
    assert match_expected([negated], {**MEETING, "mode": "negation"})[0] is not None
    # and an expectation of a negation is not met by a plain fact
    assert match_expected([ev("040", "TURGOV", "USAGOV")], {**MEETING, "mode": "negation"})[0] is None


def test_expectations_hypothetical_needs_hypothetical_spec():
    spec = {"codes": ["16"], "source": "USA", "target": "RUS"}
    hypo = ev("163", "USA", "RUS", mode="hypothetical")
    assert match_expected([hypo], spec)[0] is None
    assert match_expected([hypo], {**spec, "mode": "hypothetical"})[0] is not None


def test_expectations_future_event_matches_intent_spec_only():
    future = ev("046", "TURGOV", "USAGOV", mode="future")
    assert match_expected([future], MEETING)[0] is not None  # codes include 03
    no_intent = {**MEETING, "codes": ["04"]}
    assert match_expected([future], no_intent)[0] is None
    assert match_expected([future], {**no_intent, "mode": "future"})[0] is not None


def test_expectations_plover_visit_mode_is_a_plain_fact():
    assert match_expected([ev("042", "TURGOV", "USAGOV", mode="visit")], MEETING)[0] is not None


def test_expectations_must_not_codes_and_date():
    spec = {"codes": ["16", "17"], "date": "2025-03-26"}
    bad = ev("163", "USA", "TUR", "2025-03-26")
    good = ev("163", "USA", "TUR", "2020-01-01")
    assert must_not_hits([bad, good], spec) == [bad]


def test_expectations_must_not_actor_name_and_factual():
    outlet = {"actor_name_contains": "gulf observer"}
    e = ev("010", "MED", "TUR", src_name="The Gulf Observer")
    assert must_not_hits([e], outlet) == [e]
    plain = {"codes": ["04"], "actor_name_contains": "Putin", "factual": True}
    met = ev("040", "RUSGOV", "UKRGOV", tgt_name="Vladimir Putin")
    not_met = ev("040", "RUSGOV", "UKRGOV", tgt_name="Vladimir Putin", mode="negation")
    assert must_not_hits([met, not_met], plain) == [met]


def test_expectations_must_not_actors_either_direction():
    spec = {"codes": ["19"], "source": "ISR", "target": "EGY", "either_direction": True}
    assert must_not_hits([ev("190", "EGYMIL", "ISRMIL")], spec)
    assert not must_not_hits([ev("190", "EGYMIL", "ISRMIL")], {**spec, "either_direction": False})


def test_expectations_check_article_pass_and_problems():
    expected = {"publication_date": "2025-03-26", "events": [MEETING],
                "must_not": [{"what": "outlet as actor", "actor_name_contains": "Observer"}]}
    assert check_article([ev("040", "TURGOV", "USAGOV")], expected) == []
    problems = check_article([ev("040", "TURGOV", "USAGOV", src_name="Gulf Observer")], expected)
    assert len(problems) == 1 and problems[0].startswith("must_not: outlet as actor")
    problems = check_article([], expected)
    assert problems == ["missing: meeting: no events were coded"]


def test_expectations_each_expected_event_needs_its_own_event():
    talks = {**MEETING, "what": "talks"}
    expected = {"publication_date": "2025-03-26", "events": [MEETING, talks]}
    problems = check_article([ev("040", "TURGOV", "USAGOV")], expected)
    assert len(problems) == 1 and "used by other expectations" in problems[0]
    both = [ev("040", "TURGOV", "USAGOV"), ev("036", "TURGOV", "USAGOV", mode="future")]
    assert check_article(both, expected) == []


def test_expectations_assignment_finds_a_complete_matching():
    # the first event fits both specs, the second only the first spec: greedy would fail
    wide = {"codes": ["04"], "source": "TUR", "target": "USA", "what": "wide"}
    narrow = {"codes": ["041"], "source": "TUR", "target": "USA", "what": "narrow"}
    events = [ev("041", "TUR", "USA"), ev("042", "TUR", "USA")]
    assert check_article(events, {"publication_date": "2025-03-26", "events": [narrow, wide]}) == []
    assert check_article(events, {"publication_date": "2025-03-26", "events": [wide, narrow]}) == []


def test_expectations_validate_rejects_typos(tmp_path):
    bad = {"publication_date": "2025-13-01",
           "events": [{"codes": ["04"], "sorce": "TUR", "date_month": "2025-3"}],
           "must_not": [{"what": "nothing"}]}
    problems = validate_expectations(bad)
    assert "[publication_date] not an ISO date" in problems
    assert "[events[0].sorce] unknown key" in problems
    assert "[events[0].date_month] must be YYYY-MM" in problems
    assert any("no criteria" in p for p in problems)
    path = tmp_path / "x.expected.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError):
        load_expectations(path)


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared not present")
def test_expectations_seed_file_is_valid():
    data = load_expectations(SEED / "expected.json")
    assert data["publication_date"] == "2025-03-26" and len(data["events"]) == 8
