"""`detente eval` through the Typer app, with a fake coder swapped in."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.cli import eval_cmds

from .conftest import FakeCoder, make_event

REQUIRED = {"n", "event_type", "cameo_root", "source_actor", "target_actor", "full_event", "by_type"}
LINES = [
    {"id": "a", "text": "Alpha.", "date": "2025-02-01",
     "events": [{"source": "USAGOV", "target": "IRNGOV", "cameo": "163", "plover": "SANCTION"}]},
    {"id": "b", "text": "Beta.", "date": "2025-02-02",
     "events": [{"source": "UKRMIL", "target": "RUS", "cameo": "190"}]},
]


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in LINES) + "\n{oops\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    table = {"Alpha.": [make_event("SANCTION", "163", "USAGOV", "IRN")], "Beta.": []}
    monkeypatch.setattr(eval_cmds, "CODER_FACTORY", lambda: FakeCoder(table))


def run(*args):
    return CliRunner().invoke(app, ["eval", *map(str, args)])


def test_eval_cmds_json_has_required_keys(gold_file):
    res = run(gold_file, "--json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert REQUIRED <= set(out)
    assert set(out["event_type"]) == set(out["cameo_root"]) == set(out["full_event"]) == {"precision", "recall", "f1"}
    assert set(out["source_actor"]) == set(out["target_actor"]) == {"country_accuracy", "code_accuracy"}
    assert set(out["by_type"]["SANCTION"]) == {"precision", "recall", "f1", "support"}
    assert out["n"] == 2 and out["event_type"]["recall"] == 0.5 and out["by_type"]["ASSAULT"]["support"] == 1


def test_eval_cmds_bad_line_goes_to_stderr_with_line_number(gold_file):
    res = run(gold_file, "--json")
    assert res.exit_code == 0
    assert f"{gold_file}:3" in res.stderr and "broken JSON" in res.stderr
    assert "Traceback" not in res.output


def test_eval_cmds_exit_2_when_nothing_scored(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "events": []}\n', encoding="utf-8")
    res = run(bad)
    assert res.exit_code == 2
    assert "missing text" in res.stderr and "no gold record" in res.stderr
    assert run(tmp_path / "absent.jsonl").exit_code == 2


def test_eval_cmds_limit(gold_file):
    out = json.loads(run(gold_file, "--json", "--limit", "1").stdout)
    assert out["n"] == 1 and out["event_type"]["f1"] == 1.0


def test_eval_cmds_table_and_report(gold_file, tmp_path):
    report = tmp_path / "report.md"
    res = run(gold_file, "--report", report)
    assert res.exit_code == 0, res.output
    assert "event type" in res.stdout and "SANCTION" in res.stdout
    text = report.read_text(encoding="utf-8")
    for heading in ("## Summary", "## By PLOVER type", "## Type confusion", "## Misses (1)", "## False alarms (0)"):
        assert heading in text
    assert "Beta." in text and f"detente eval {gold_file}" in text


def test_eval_cmds_coder_unavailable_is_one_line_exit_1(gold_file, monkeypatch):
    from detente.errors import UsageError

    def broken():
        raise UsageError("the event coder is not available: no model")

    monkeypatch.setattr(eval_cmds, "CODER_FACTORY", broken)
    res = run(gold_file)
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines()[-1].startswith("error: [E400] the event coder is not available")
    assert "Traceback" not in res.output


def test_eval_coder_variants_set_the_coder_settings(gold_file, monkeypatch):
    monkeypatch.setattr(eval_cmds, "CODER_FACTORY", None)
    built = []

    def fake_variant(variant):
        built.append(eval_cmds.CODER_VARIANTS[variant])
        return FakeCoder({})
    monkeypatch.setattr(eval_cmds, "_variant_coder", fake_variant)
    assert run(gold_file, "--json", "--coder", "rules").exit_code == 0
    assert built[-1] == {"decider": False, "propose": False, "headline_once": False, "carry_locations": False,
                         "infer_locations": False}
    assert run(gold_file, "--json", "--coder", "candidates").exit_code == 0 and built[-1] == {"decider": False}
    res = run(gold_file, "--coder", "bogus")
    assert res.exit_code == 2 and "--coder must be one of" in res.stderr
