"""`detente bench` and the engine options of `detente code`, called in the test process."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from detente.cli import app
from detente.cli.bench_cmds import JSON_KEYS
from detente.nlp.segment import split_sentences

from conftest import REUTERS, reuters

runner = CliRunner()


def write_corpus(path, n=4):
    arts = reuters(n, skip=100)
    lines = REUTERS.read_text(encoding="utf-8").splitlines()[100:100 + n]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return arts


def test_bench_json_has_the_promised_keys(tmp_path, scale_patterns):
    arts = write_corpus(tmp_path / "c.jsonl")
    res = runner.invoke(app, ["bench", "--corpus", str(tmp_path / "c.jsonl"), "--limit", "3", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)  # the one-line summary goes to stderr
    assert "detente: benchmarked 3 articles (" in res.stderr
    assert list(data)[:len(JSON_KEYS)] == list(JSON_KEYS)
    assert data["articles"] == 3 and data["workers"] == 1
    assert data["sentences"] == sum(len(split_sentences(a.body)) for a in arts[:3])
    assert data["parse_only_sentences_per_s"] > 0 and data["end_to_end_sentences_per_s"] > 0
    assert abs(data["ratio"] - data["end_to_end_sentences_per_s"] / data["parse_only_sentences_per_s"]) < 0.01
    assert 50 < data["peak_rss_mb"] < 4000
    assert data["parsed_sentences"] <= data["sentences"]


def test_bench_missing_corpus_is_a_clear_error(tmp_path):
    res = runner.invoke(app, ["bench", "--corpus", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 2
    assert "benchmark corpus not found" in res.output


def test_code_workers_output_equals_one_worker(tmp_path, scale_patterns, monkeypatch):
    import detente.pipeline

    monkeypatch.setattr(detente.pipeline, "_DEFAULT", None)  # one worker: a coder built with the test patterns
    write_corpus(tmp_path / "c.jsonl", n=6)
    one = runner.invoke(app, ["code", str(tmp_path / "c.jsonl"), "-f", "jsonl"])
    two = runner.invoke(app, ["code", str(tmp_path / "c.jsonl"), "-f", "jsonl", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert one.stdout.count("\n") > 0 and two.stdout == one.stdout  # stderr has the (timed) summary


def test_code_address_needs_ray_engine(tmp_path):
    write_corpus(tmp_path / "c.jsonl", n=1)
    res = runner.invoke(app, ["code", str(tmp_path / "c.jsonl"), "--address", "auto"])
    assert res.exit_code == 2 and "--address needs --engine ray" in res.output
    res = runner.invoke(app, ["code", str(tmp_path / "c.jsonl"), "--engine", "spark"])
    assert res.exit_code == 2 and "unknown engine" in res.output
