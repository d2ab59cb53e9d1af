"""Reading gold files: both formats, legacy names, bad lines reported with line numbers and skipped."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from detente.evaluation.gold import FORMAT_DETENTE, FORMAT_GSR, read_gold

from .conftest import SHARED

GSR = SHARED / "data" / "plover_gsr" / "sentences.jsonl"


def write(tmp_path, lines, name="gold.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


GSR_LINE = {"id": "G-1", "date": "2000-01-01", "event": "DISAPPROVE", "text": "x criticised y.", "mode": "",
            "source": [{"actorText": "x", "code": "JAP", "sector": "GOV"}, {"actorText": "z", "code": "USA"}],
            "target": ""}
OWN_LINE = {"id": "D-1", "text": "y will meet x.", "date": "2025-03-26",
            "events": [{"source": ["TURGOV"], "target": "usa", "cameo": "036", "date": "2025-03-27",
                        "mode": "future"},
                       {"source": "IGO", "target": "SDN", "plover": "demand"}]}


def test_gold_both_formats_detected_per_line(tmp_path):
    gs = read_gold([write(tmp_path, [GSR_LINE, OWN_LINE])])
    assert gs.problems == []
    gsr, own = gs.records
    assert (gsr.format, own.format) == (FORMAT_GSR, FORMAT_DETENTE)
    assert gsr.date is None and not gsr.modes_annotated  # the placeholder date is dropped
    ev = gsr.events[0]
    assert ev.plover == "ACCUSE" and [a.code for a in ev.sources] == ["JPNGOV", "USA"] and ev.targets == ()
    assert own.date == dt.date(2025, 3, 26) and own.modes_annotated
    e1, e2 = own.events
    assert (e1.plover, e1.cameo, e1.cameo_root, e1.mode, e1.date) == ("AGREE", "036", "03", "future",
                                                                     dt.date(2025, 3, 27))
    assert [a.code for a in e1.targets] == ["USA"]
    assert e2.plover == "REQUEST" and e2.sources[0].generic and not e1.sources[0].generic


@pytest.mark.parametrize("line, message", [
    ('{"id": "b1", "text": "x", "events": [', "broken JSON"),
    ({"id": "b2", "events": []}, "missing text"),
    ({"id": "b3", "text": "x", "event": "FROWN", "source": []}, "unknown event type 'FROWN'"),
    ({"id": "b4", "text": "x", "events": [{"plover": "SHOUT"}]}, "unknown event type 'SHOUT'"),
    ({"id": "b5", "text": "x", "events": [{"cameo": "999"}]}, "unknown CAMEO code '999'"),
    ({"id": "b6", "text": "x", "events": [{"source": "USA"}]}, "needs 'plover' or 'cameo'"),
    ({"id": "b7", "text": "x", "date": "26/03/2025", "events": []}, "bad date"),
    ({"id": "b8", "text": "x", "events": [{"plover": "AID", "mode": "maybe"}]}, "unknown mode"),
    ({"id": "b9", "text": "x"}, "unknown record format"),
    ({"id": "b10", "text": "x", "events": [{"plover": "AID", "source": "U S"}]}, "bad source code"),
    ("[1, 2]", "must be a JSON object"),
])
def test_gold_bad_line_reported_with_id_and_line_and_skipped(tmp_path, line, message):
    path = write(tmp_path, [OWN_LINE, "", line, GSR_LINE])
    gs = read_gold([path])
    assert [r.id for r in gs.records] == ["D-1", "G-1"]
    assert len(gs.problems) == 1
    problem = gs.problems[0]
    assert problem.startswith(f"{path}:3 [") and message in problem
    rid = line["id"] if isinstance(line, dict) else ("b1" if "b1" in line else "?")
    assert f"[{rid}]" in problem


def test_gold_missing_file_is_a_problem_not_a_crash(tmp_path):
    gs = read_gold([tmp_path / "nope.jsonl", write(tmp_path, [OWN_LINE])])
    assert len(gs.records) == 1 and "cannot read" in gs.problems[0]


def test_gold_limit_counts_good_records(tmp_path):
    gs = read_gold([write(tmp_path, ["{bad", OWN_LINE, GSR_LINE])], limit=1)
    assert [r.id for r in gs.records] == ["D-1"]


@pytest.mark.skipif(not GSR.exists(), reason="shared PLOVER GSR data not present")
def test_gold_plover_gsr_file_reads_completely():
    gs = read_gold([GSR])
    assert gs.problems == [] and len(gs.records) == 322
    types = {e.plover for r in gs.records for e in r.events}
    assert not types & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"}
    assert len(types) == 16
    assert all(r.date is None for r in gs.records)
