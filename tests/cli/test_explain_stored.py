"""`detente explain --event ID --db FILE`: a stored event explained from the reasons the store kept."""
from __future__ import annotations

import json

import duckdb
import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.cli.coding import explain_panel
from detente.cli.explain_stored import NO_REASONS
from detente.store import Store


@pytest.fixture
def db(tmp_path, fake_coder):
    (tmp_path / "a.jsonl").write_text(json.dumps({
        "id": "talks", "title": "Talks in Ankara", "date": "2025-03-26",
        "text": "Lead.\nEVENT TURGOV GRCGOV 036 2025-03-25 day why=he_refers_to_the_minister"}) + "\n")
    path = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.jsonl"), "--db", str(path)])
    assert res.exit_code == 0, res.output
    return path


def _event_id(db) -> str:
    with Store(db, read_only=True) as s:
        return next(s.event_rows())["event_id"]


def test_explain_event_prints_the_stored_reasons(db):
    res = CliRunner().invoke(app, ["explain", "--event", _event_id(db), "--db", str(db)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Talks in Ankara · published 2025-03-26 · id talks" in res.output
    assert "TURGOV -> GRCGOV  CAMEO 036" in res.output
    assert "trigger: line 1: EVENT -> CAMEO 036" in res.output
    assert "source: he refers to the minister" in res.output
    assert NO_REASONS not in res.output


def test_explain_event_stored_without_reasons_says_so(db):
    con = duckdb.connect(str(db))
    con.execute("UPDATE mentions SET explanation = '{}'")
    con.close()
    res = CliRunner().invoke(app, ["explain", "--event", _event_id(db), "--db", str(db)], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "TURGOV -> GRCGOV" in res.output and NO_REASONS in res.output.replace("\n", " ")


@pytest.mark.parametrize(("args", "message"), [
    (["--event", "0123456789abcdef"], "no event 0123456789abcdef in the store"),
    (["--event", "0123456789abcdef", "x.txt"], "not both"),
    ([], "give article files to code (or --event ID to explain a stored event)"),
])
def test_explain_event_errors_are_one_line(db, args, message):
    res = CliRunner().invoke(app, ["explain", *args, "--db", str(db)])
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("detente: error: ") and message in lines[0], res.stderr


def test_explain_panel_highlights_the_trigger_inside_its_article():
    from detente.models import Event

    body = "First sentence here. Turkey met Greece on Monday."
    start = body.index("met")
    e = Event(event_id="e", article_id="a", sentence_index=1, sentence_text="Turkey met Greece on Monday.",
              span_start=start, span_end=start + 3, trigger="met", date=None, date_precision=None,
              cameo_code="036", cameo_root="03", quad_class=1, goldstein=4.0, rule="r", confidence=0.5)
    sentence = explain_panel(1, e, body).renderable
    spans = [(s.start, s.end) for s in sentence.spans if str(s.style) == "bold black on yellow"]
    assert spans == [(7, 10)]  # "met" in its sentence, also when the sentence is not the first
