"""--min-confidence on code, ingest, events and export (issue #13): one filter, validated (exit 2)."""
from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app

STORE_TESTS = Path(__file__).resolve().parents[1] / "store"


pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


@pytest.fixture
def corpus(tmp_path):
    recs = [{"id": i, "title": f"T {i}", "date": "2025-03-26",
             "text": f"Officials met on Wednesday in story {i}, the agency reported.\n{line}"}
            for i, line in (("a", "EVENT TURGOV USAGOV 036 2025-03-25 day conf=0.2"),
                            ("b", "EVENT RUSMIL UKR 190 2025-02-10 day conf=0.6"),
                            ("c", "EVENT USA TUR 163 2025-03-02 day conf=0.9"))]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return path


def ingest(corpus, db, *extra):
    r = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), *extra])
    assert r.exit_code == 0, r.output
    return db


def cameos(args) -> list[str]:
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    return sorted(json.loads(ln)["cameo_code"] for ln in r.stdout.splitlines() if ln.strip())


def test_events_min_confidence(corpus, tmp_path):
    db = ingest(corpus, tmp_path / "s.duckdb")
    base = ["events", "--db", str(db), "--format", "jsonl"]
    assert cameos(base) == ["036", "163", "190"]
    assert cameos([*base, "--min-confidence", "0"]) == ["036", "163", "190"]
    assert cameos([*base, "--min-confidence", "0.6"]) == ["163", "190"]  # inclusive
    assert cameos([*base, "--min-confidence", "0.61"]) == ["163"]
    assert cameos([*base, "--min-confidence", "1"]) == []


def test_export_min_confidence(corpus, tmp_path):
    db = ingest(corpus, tmp_path / "s.duckdb")
    out = tmp_path / "e.csv"
    r = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", str(db),
                                 "--min-confidence", "0.5"])
    assert r.exit_code == 0, r.output
    assert len(out.read_text().strip().splitlines()) == 1 + 2


def test_ingest_min_confidence_does_not_store_low_events(corpus, tmp_path):
    db = ingest(corpus, tmp_path / "s.duckdb", "--min-confidence", "0.5")
    assert cameos(["events", "--db", str(db), "--format", "jsonl"]) == ["163", "190"]
    r = CliRunner().invoke(app, ["query", "SELECT count(*) AS n FROM articles", "--db", str(db), "--format", "jsonl"])
    assert json.loads(r.stdout.splitlines()[0])["n"] == 3  # the articles are stored, only the events are not


def test_code_passes_min_confidence_to_the_coder_settings(corpus, monkeypatch):
    from detente.scale import engines

    seen = {}

    @contextlib.contextmanager
    def fake_open_coder(engine, *, workers=1, address=None, settings=None):
        from fake_coder import FakeCoder

        seen["settings"] = settings
        yield FakeCoder()

    monkeypatch.setattr(engines, "open_coder", fake_open_coder)
    r = CliRunner().invoke(app, ["code", str(corpus), "--format", "jsonl", "--min-confidence", "0.75"])
    assert r.exit_code == 0, r.output
    assert seen["settings"].min_confidence == 0.75
    r = CliRunner().invoke(app, ["code", str(corpus), "--format", "jsonl"])
    assert r.exit_code == 0 and seen["settings"] is None  # default: the shared default coder


@pytest.mark.parametrize("cmd", ["code", "ingest", "events", "export"])
@pytest.mark.parametrize("bad", ["1.01", "-1", "abc", "nan", "inf", ""])
def test_bad_min_confidence_exits_2_with_one_line(cmd, bad, corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    args = {"code": ["code", str(corpus)], "ingest": ["ingest", str(corpus), "--db", str(db)],
            "events": ["events", "--db", str(ingest(corpus, db))],
            "export": ["export", "--format", "csv", "--out", str(tmp_path / "o.csv"), "--db", str(ingest(corpus, db))],
            }[cmd]
    r = CliRunner().invoke(app, [*args, "--min-confidence", bad])
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    if bad == "":  # an empty value means the default
        return
    assert r.exit_code == 2, r.output
    assert len(lines) == 1 and lines[0].startswith("detente: error:") and "bad --min-confidence" in lines[0], lines
