"""Every command registered on the Typer app, given bad arguments, prints ONE clear line on stderr and
exits non-zero, without a traceback. Commands without a case here fail the walk, so new commands get one."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))  # fake_coder.py

NOWHERE = "/nonexistent-dir-detente/sub"

#: command -> bad argument lists; "{store}" is a real store, "{txt}" a good article file, "{tmp}" a folder.
APP_CASES: dict[str, list[list[str]]] = {
    "code": [["{tmp}/missing.txt"], ["{txt}", "--date", "2025-13-45"], ["{txt}", "--format", "xml"],
             ["{txt}", "--format", "jsonl", "--out", f"{NOWHERE}/out.jsonl"], ["{txt}", "--format", "csv", "--out", "{txt}"],
             ["/dev/zero"], ["{txt}", "--min-confidence", "1.5"], ["{txt}", "--min-confidence", "high"]],
    "explain": [["{tmp}/missing.txt"], ["{txt}", "--date", "yesterday"]],
    "validate": [],  # takes no arguments: only the generic cases below apply
    "ingest": [["{tmp}/missing.jsonl", "--db", "{tmp}/new.duckdb"], ["{txt}", "--date", "26/03/2025", "--db", "{tmp}/n.duckdb"],
               ["{txt}", "--db", f"{NOWHERE}/x.duckdb"], ["{txt}", "--db", "{tmp}"],
               ["--from-parquet", "{tmp}", "--db", "{tmp}/p.duckdb"], ["/dev/zero", "--db", "{tmp}/z.duckdb"],
               ["{txt}", "--db", "{tmp}/c.duckdb", "--min-confidence", "-0.1"],
               ["--from-parquet", "{tmp}", "--db", "{tmp}/p.duckdb", "--min-confidence", "0.5"]],
    "query": [["SELECT 1", "--db", "{tmp}/missing.duckdb"], ["SELECT 1", "--db", "{store}", "--format", "xml"],
              ["SELECT 1", "--db", "{store}", "--out", f"{NOWHERE}/q.csv", "--format", "csv"],
              ["DELETE FROM events", "--db", "{store}"], ["SELECT * FROM nosuchtable", "--db", "{store}"],
              ["SELECT 1", "--db", "{store}", "--out", "{store}"]],
    "events": [["--db", "{tmp}/missing.duckdb"], ["--db", "{store}", "--since", "2025-02-30"],
               ["--db", "{store}", "--format", "yaml"], ["--db", "{store}", "--type", "NOPE"],
               ["--db", "{store}", "--cameo", "abc"], ["--db", "{store}", "--since", "2025-05-01", "--until", "2025-01-01"],
               ["--db", "{store}", "--format", "csv", "--out", f"{NOWHERE}/e.csv"],
               ["--db", "{store}", "--out", "{store}.wal"], ["--db", "{store}", "--min-confidence", "nan"],
               ["--db", "{store}", "--min-confidence", "2"]],
    "dyad": [["TUR", "USA", "--db", "{tmp}/missing.duckdb"], ["TUR", "USA", "--db", "{store}", "--by", "decade"],
             ["TUR", "USA", "--db", "{store}", "--since", "March"], ["TUR", "USA", "--db", "{store}", "--format", "xml"]],
    "export": [["--format", "xml", "--out", "{tmp}/e.xml", "--db", "{store}"],
               ["--format", "csv", "--out", f"{NOWHERE}/e.csv", "--db", "{store}"],
               ["--format", "csv", "--out", "{tmp}/e.csv", "--db", "{tmp}/missing.duckdb"],
               ["--format", "csv", "--out", "{tmp}/e.csv", "--db", "{store}", "--until", "tomorrow"],
               ["--format", "gdelt", "--out", "{tmp}/e.tsv", "--db", "{store}", "--type", "WHATEVER"],
               ["--format", "parquet", "--out", "{store}", "--db", "{store}"], ["--format", "csv", "--out", "/dev/full"],
               ["--format", "csv", "--out", "{tmp}/m.csv", "--db", "{store}", "--min-confidence", "x"]],
    "serve": [["--db", "{tmp}/missing.duckdb"], ["--db", f"{NOWHERE}/x.duckdb", "--create"],
              ["--db", "{txt}"]],
    "token": [["--db", f"{NOWHERE}/x.duckdb"], ["--db", "{tmp}/t.duckdb", "--expires-days", "inf"],
              ["--db", "{tmp}/t.duckdb", "--expires-days", "1e10"], ["--db", "{tmp}/t.duckdb", "--expires-days", "nan"],
              ["--db", "{tmp}/t.duckdb", "--expires-days", "-1"]],
    "eval": [["{tmp}/missing-gold.jsonl"], ["{txt}"], ["{txt}", "--report", "{txt}"]],
    "bench": [["--corpus", "{tmp}/missing.jsonl", "--limit", "5"]],
}

#: Click-level mistakes, tried on every command (the parser rejects them before the command runs).
GENERIC = [["--no-such-option"], ["--limit", "not-a-number"], ["--workers", "0"], ["--port", "99999"]]


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> dict[str, str]:
    from fake_coder import FakeCoder

    from detente.models import Article
    from detente.store import Store

    tmp = tmp_path_factory.mktemp("badargs")
    txt = tmp / "article.txt"
    txt.write_text("Headline\nTurkey criticised Greece on Monday, officials said.\n", encoding="utf-8")
    store = tmp / "store.duckdb"
    with Store(store) as s:
        s.ingest([Article(id="a1", text="Lead.\nEVENT TURGOV GRCGOV 111 2025-03-26 day", title="T")], FakeCoder())
    return {"tmp": str(tmp), "txt": str(txt), "store": str(store)}


def _commands() -> list[str]:
    return sorted(c.name or c.callback.__name__.removesuffix("_cmd") for c in app.registered_commands)


def _invoke(args: list[str]):
    result = CliRunner().invoke(app, args)
    return result, [ln for ln in result.stderr.splitlines() if ln.strip()]


def test_bad_args_every_command_has_cases():
    assert set(_commands()) <= set(APP_CASES), f"add bad-argument cases for {set(_commands()) - set(APP_CASES)}"


#: (command, case index) -> why it is a known failure (reported; strict xfail so a fix is noticed).
KNOWN_BAD = {
    ("eval", 1): "a file that is not gold JSONL: one 'skipped:' line per bad record, then the error line "
                 "(by design a per-record report, but not one line); cli/eval_cmds.py",
}


def _cases() -> list:
    out = []
    for command in _commands():
        for i, case in enumerate(APP_CASES.get(command, [])):
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BAD[(command, i)])] if (command, i) in KNOWN_BAD else []
            out.append(pytest.param(command, case, id=f"{command}-{i}", marks=marks))
    return out


@pytest.mark.parametrize("command,case", _cases())
def test_bad_args_one_clear_line(command, case, paths, monkeypatch):
    monkeypatch.delenv("DETENTE_DB", raising=False)
    monkeypatch.setenv("DETENTE_CODER", "fake_coder:FakeCoder")
    args = [command] + [a.format(**paths) for a in case]
    result, lines = _invoke(args)
    assert not (isinstance(result.exception, Exception) and not isinstance(result.exception, SystemExit)), \
        f"raised {type(result.exception).__name__}: {result.exception}"
    assert result.exit_code != 0
    assert len(lines) == 1 and lines[0].startswith(("detente: error:", "error:")), lines


@pytest.mark.parametrize("command", _commands())
def test_bad_args_parser_errors_exit_2_without_traceback(command):
    """Unknown options and unparseable values: exit 2, the error named, no traceback."""
    for case in GENERIC:
        result, lines = _invoke([command, *case])
        assert result.exit_code == 2, (command, case, result.output)
        assert not (isinstance(result.exception, Exception) and not isinstance(result.exception, SystemExit))
        assert "Traceback" not in result.stderr
        assert any("No such option" in ln or "Invalid value" in ln or "Missing" in ln for ln in lines), lines


def test_bad_args_parser_errors_are_one_line():
    result, lines = _invoke(["ingest"])
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("detente: error:"), lines
