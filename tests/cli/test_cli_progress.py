"""Progress and summaries of long commands (issue #15): a one-line summary on stderr, stdout unchanged,
a progress bar only on a terminal, --quiet silences both."""
from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from detente.cli import app, progress
from detente.cli.progress import CountingCoder, Tally, count_articles, format_duration, format_size, run_progress
from detente.ingest import read_inputs

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _jsonl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return path


@pytest.fixture
def corpus(tmp_path):
    return _jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "date": "2025-03-26", "text": "Officials met in story a.\nEVENT TURGOV USAGOV 036 2025-03-25 day"},
        {"id": "b", "date": "2025-03-26", "text": "Officials met in story b.\nEVENT RUSMIL UKR 190 2025-02-10 day\n"
                                                   "EVENT USA TUR 163 2025-03-02 day"},
        {"id": "c", "text": "Officials met in story c, which has no date.\nEVENT USA IRN 163 - day"},
    ])


@pytest.mark.parametrize(("seconds", "text"), [(0.42, "0.4 s"), (12.4, "12 s"), (400, "6 min 40 s"),
                                               (3725, "1 h 02 min")])
def test_progress_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize(("n", "text"), [(512, "512 bytes"), (40_960, "41.0 KB"), (7_900_000, "7.9 MB"),
                                         (1_234_000_000, "1.2 GB")])
def test_progress_format_size(n, text):
    assert format_size(n) == text


def test_progress_tally_summary_and_undated_warning():
    tally = Tally(articles=2225, undated=412, coded=2225, events=5561, rejects=3)
    tally.started -= 400
    assert tally.summary("coded") == "coded 2,225 articles → 5,561 events, 3 rejected, 6 min 40 s"
    warning = tally.undated_warning()
    assert warning is not None and warning.startswith("412 of 2,225 articles have no date")
    assert "--date YYYY-MM-DD or --date-field FIELD" in warning
    assert Tally(articles=3).undated_warning() is None


def test_progress_bar_on_a_forced_terminal(corpus, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "store"))
    from fake_coder import FakeCoder

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=120)
    tally = Tally()
    with run_progress(console, "code", tally, total=3) as bar:
        results = list(CountingCoder(FakeCoder(), tally, bar).code_many(
            a for a in count_articles(read_inputs([str(corpus)]), tally)))
    shown = ANSI.sub("", buf.getvalue())
    assert len(results) == 3 and (tally.coded, tally.events, tally.undated) == (3, 4, 1)
    assert "3/3" in shown and "4 events · 0 rejected" in shown and "articles/s" in shown


def test_progress_no_bar_when_not_a_terminal_or_quiet(corpus):
    for console, quiet in ((Console(file=io.StringIO(), force_terminal=False), False),
                           (Console(file=io.StringIO(), force_terminal=True), True)):
        with run_progress(console, "code", Tally(), total=3, quiet=quiet) as bar:
            bar.update()
        assert console.file.getvalue() == ""  # type: ignore[attr-defined]


@pytest.mark.usefixtures("fake_coder")
def test_progress_ingest_summary_on_stderr_and_quiet(corpus, tmp_path):
    res = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 0, res.output
    assert res.stdout == ""  # everything ingest says goes to stderr
    first = res.stderr.splitlines()[0]
    assert re.fullmatch(r"ingested 3 articles → 4 events, 0 rejected, [0-9.]+ s\s*", first), res.stderr
    assert "1 of 3 articles has no date" in res.stderr
    quiet = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "q.duckdb"), "--quiet"])
    assert quiet.exit_code == 0 and "ingested" not in quiet.stderr and "articles added" not in quiet.stderr
    assert "has no date" in quiet.stderr  # a warning is not progress: --quiet keeps it


@pytest.mark.usefixtures("fake_coder")
def test_progress_ingest_bar_on_a_terminal(corpus, tmp_path, monkeypatch):
    buf = io.StringIO()
    monkeypatch.setattr(progress, "stderr_console", lambda: Console(file=buf, force_terminal=True, width=120))
    monkeypatch.setattr("detente.cli.store_cmds.stderr_console", progress.stderr_console)
    res = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 0, res.output
    shown = ANSI.sub("", buf.getvalue())
    assert "ingest" in shown and "3/3" in shown and "4 events" in shown


@pytest.mark.usefixtures("fake_coder")
def test_progress_ingest_reports_the_store_size_on_disk(tmp_path):
    # the summary said "0.0 MB" for a 7.9 MB store: it was measured before DuckDB checkpointed its WAL
    recs = [{"id": str(i), "date": "2025-03-26", "text": f"Story {i} " + "word " * 400
             + f"\nEVENT TURGOV USAGOV 036 2025-03-{1 + i % 28:02d} day"} for i in range(300)]
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(_jsonl(tmp_path / "big.jsonl", recs)), "--db", str(db)])
    assert res.exit_code == 0, res.output
    on_disk = sum(p.stat().st_size for p in tmp_path.glob("s.duckdb*"))
    assert on_disk > 1_000_000
    assert f"({format_size(on_disk)})" in res.stderr, (on_disk, res.stderr)


def test_progress_code_summary_on_stderr_stdout_unchanged(tmp_path):
    article = SAMPLES / "abraham_accords_signing.txt"
    loud = CliRunner().invoke(app, ["code", str(article), "--date", "2020-09-15", "--format", "jsonl"])
    quiet = CliRunner().invoke(app, ["code", str(article), "--date", "2020-09-15", "--format", "jsonl", "--quiet"])
    assert loud.exit_code == 0 and quiet.exit_code == 0, loud.output
    n = len(loud.stdout.splitlines())
    assert n > 0 and loud.stdout == quiet.stdout  # the summary never reaches stdout
    assert all(json.loads(line)["event_id"] for line in loud.stdout.splitlines())
    assert re.search(rf"^detente: coded 1 article → {n:,} events?, 0 rejected, [0-9.]+ s$", loud.stderr, re.M), loud.stderr
    assert quiet.stderr == ""
    undated = CliRunner().invoke(app, ["code", str(article), "--format", "jsonl", "--quiet"])
    assert "1 of 1 article has no date" in undated.stderr


def test_progress_bench_status_names_each_step_on_a_terminal_only():
    from detente.cli.bench_cmds import bench_status

    buf = io.StringIO()
    with bench_status(Console(file=buf, force_terminal=True, width=100)) as on_phase:
        on_phase("(a) parse-only: 3 articles, 40 sentences")
        time.sleep(0.2)  # the spinner redraws several times a second
    assert "bench: (a) parse-only: 3 articles, 40 sentences" in ANSI.sub("", buf.getvalue())
    for console, quiet in ((Console(file=io.StringIO(), force_terminal=False), False),
                           (Console(file=io.StringIO(), force_terminal=True), True)):
        with bench_status(console, quiet=quiet) as on_phase:
            on_phase("(b) end-to-end coding")
        assert console.file.getvalue() == ""  # type: ignore[attr-defined]


def test_progress_code_bar_on_a_terminal_leaves_stdout_clean(monkeypatch):
    buf = io.StringIO()
    monkeypatch.setattr("detente.cli.coding.stderr_console", lambda: Console(file=buf, force_terminal=True, width=120))
    article = SAMPLES / "abraham_accords_signing.txt"
    res = CliRunner().invoke(app, ["code", str(article), "--date", "2020-09-15", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert all(json.loads(line) for line in res.stdout.splitlines())  # only JSON lines on stdout
    shown = ANSI.sub("", buf.getvalue())
    assert "1/1" in shown and "rejected" in shown and "detente: coded 1 article →" in shown
