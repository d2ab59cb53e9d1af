"""Behaviour is preserved: the coder's output on a fixed article set equals the committed snapshot.

The snapshot (tests/pipeline/snapshots/behaviour.jsonl.gz) is written by tools/behaviour_snapshot.py.
The quick test codes the sample articles and the seed; the slow one also 500 Reuters articles.
"""
from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from detente.models import Event

ROOT = Path(__file__).resolve().parents[2]

HOW_TO_RECORD = (
    "\nThe coder's output differs from tests/pipeline/snapshots/behaviour.jsonl.gz (above: per article, "
    "'-' gone, '+' new, '~' changed field by field).\nIf the change is a mistake, fix the code. If it is "
    "intended, record it: run `.venv/bin/python tools/behaviour_snapshot.py`, add a line to "
    "docs/behaviour-changes.md (date, commit, what changed and why) and commit both together."
)


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("behaviour_snapshot", ROOT / "tools" / "behaviour_snapshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _compare(groups: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    for var in tool.USER_SETTINGS:
        monkeypatch.delenv(var, raising=False)
    seed = tool.SHARED / "acceptance" / "seed" / "article.txt"
    if "seed" in groups and not seed.is_file():
        pytest.fail(f"acceptance seed not found at {seed}")
    reuters = tool.SHARED / "data" / "reuters21578" / "articles.jsonl"
    if "reuters" in groups and not reuters.is_file():
        pytest.skip(f"shared data missing: {reuters}")
    old = [r for r in tool.read_snapshot() if r["set"] in groups]
    new = list(tool.code_items(tool.snapshot_items(groups)))
    assert len(old) == len(new), f"snapshot has {len(old)} articles of {groups}, the set now {len(new)}"
    problems = tool.diff_records(old, new)
    assert not problems, "\n".join(problems) + HOW_TO_RECORD


def test_behaviour_samples_and_seed_match_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(("sample", "seed"), monkeypatch)


@pytest.mark.slow
def test_behaviour_whole_set_with_reuters_matches_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    _compare(tool.SETS, monkeypatch)


# ------------------------------------------------------------------------------ the tool itself (no NLP)
def _event(**changes: Any) -> Event:
    base: dict[str, Any] = dict(
        event_id="e1", article_id="a", sentence_index=2, sentence_text="Turkey met the United States.",
        span_start=10, span_end=13, trigger="met", date="2025-03-25", date_precision="day",
        source_code="TURGOV", target_code="USAGOV", cameo_code="040", cameo_root="04", quad_class=1,
        goldstein=1.0, rule="core.meet", confidence=0.9, explanation={"trigger": "met: core.meet"})
    return Event(**{**base, **changes})


def _rec(*events: Event) -> dict[str, Any]:
    item = tool.Item("sample", tool.Article(id="a", text="t"))
    result: dict[str, Any] = tool.record(item, list(events))
    return result


def test_behaviour_record_covers_every_field_including_the_explanation() -> None:
    rec = _rec(_event())
    assert rec["n"] == 1
    assert rec["events"] == [["core.meet", "040", "TURGOV", "USAGOV", "2025-03-25"]]
    assert rec["sha256"] != _rec(_event(explanation={"trigger": "other"}))["sha256"]
    assert rec["sha256"] != _rec(_event(confidence=0.8))["sha256"]
    assert rec["detail"][0]["explanation_sha"] != _rec(_event(explanation={}))["detail"][0]["explanation_sha"]


def test_behaviour_diff_reports_changed_fields_new_and_gone_events() -> None:
    old = _rec(_event(), _event(sentence_index=5, trigger="said", cameo_code="010", rule="core.say"))
    new = _rec(_event(confidence=0.5), _event(sentence_index=7, trigger="threatened", cameo_code="130"))
    text = "\n".join(tool.diff_records([old], [new]))
    assert "sample a: 2 -> 2 events" in text
    assert "confidence: 0.9 -> 0.5" in text
    assert "- [s5 'said'] core.say 010" in text
    assert "+ [s7 'threatened'] core.meet 130" in text


def test_behaviour_diff_of_identical_runs_is_empty_and_order_counts() -> None:
    a, b = _event(), _event(sentence_index=3, event_id="e2")
    assert tool.diff_records([_rec(a, b)], [_rec(a, b)]) == []
    assert "other order" in tool.diff_records([_rec(a, b)], [_rec(b, a)])[1]
    assert "article missing" in tool.diff_records([_rec(a)], [])[0]


def test_behaviour_error_is_recorded_as_behaviour() -> None:
    item = tool.Item("reuters", tool.Article(id="r", text="t"))
    rec = tool.record(item, ValueError("bad"))
    assert rec == {"set": "reuters", "id": "r", "error": "ValueError: bad"}
    assert "outcome: coded -> ValueError: bad" in "\n".join(tool.diff_records([_rec(_event())], [{**rec, "set": "sample", "id": "a"}]))


def test_behaviour_snapshot_bytes_depend_only_on_the_records(tmp_path: Path) -> None:
    recs = [_rec(_event()), _rec(_event(confidence=0.1))]
    first, second = tmp_path / "1.jsonl.gz", tmp_path / "2.jsonl.gz"
    tool.write_snapshot(recs, first)
    tool.write_snapshot(recs, second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime
    assert tool.read_snapshot(first) == recs
    with gzip.open(first, "rt", encoding="utf-8") as f:
        assert len(f.read().splitlines()) == 2


def test_behaviour_committed_snapshot_has_the_whole_set() -> None:
    recs = tool.read_snapshot()
    counts = {g: sum(r["set"] == g for r in recs) for g in tool.SETS}
    assert counts["seed"] == 1 and counts["reuters"] == tool.REUTERS_COUNT
    assert counts["sample"] == len(tool.sample_items())
    assert tool.SNAPSHOT.stat().st_size < 400_000
