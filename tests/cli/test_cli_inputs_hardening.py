"""The CLI's item-count pre-pass reads in bounded memory; file names and reject reasons are printed
with control characters escaped (a file name cannot retitle or clear the terminal)."""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.cli.safe_text import safe
from detente.cli.store_cmds import estimate_items

MB = 1024 * 1024
STORE_TESTS = Path(__file__).resolve().parents[1] / "store"
EVIL = "\x1b]0;pwned\x07\x1b[2J\u202eevil\r"


pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


def test_estimate_items_one_line_file_bounded_memory(tmp_path):
    src = tmp_path / "big.jsonl"
    with src.open("wb") as f:
        for _ in range(20):
            f.write(b"a" * MB)
        f.write(b"\n{}\n{}")  # 3 lines, the last without a newline
    tracemalloc.start()
    try:
        n = estimate_items([str(src)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 3
    assert peak < 4 * MB, f"peak {peak / MB:.1f} MB counting a 20 MB line"
    assert estimate_items([str(src)], budget=MB) is None  # past the byte budget: unknown, not read on


def test_estimate_items_never_reads_a_device(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "zero.jsonl").symlink_to("/dev/zero")
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    assert estimate_items([str(tmp_path / "d")]) == 0
    assert estimate_items([str(tmp_path / "zero.csv")]) is None


@pytest.mark.parametrize("command", [["code"], ["ingest", "--db", "s.duckdb"]])
def test_device_symlink_input_refused_one_line(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    Path("zero.jsonl").symlink_to("/dev/zero")
    res = CliRunner().invoke(app, [*command, "zero.jsonl"])
    assert res.exit_code == 2
    assert res.output.strip().count("\n") == 0 and "character device" in res.output


def test_safe_escapes_controls_and_keeps_text():
    assert safe("news/é ü 日本.txt") == "news/é ü 日本.txt"
    assert safe(EVIL) == "\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil\\x0d"
    assert safe("a\nb\tc\udcff\x9b") == "a\\x0ab\\x09c\\udcff\\x9b"


def _evil_folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    (news / f"{EVIL}.pdf").write_bytes(b"%PDF-1.4")
    (news / f"{EVIL}.jsonl").write_text(json.dumps({"text": "x\x1b[31m"}) + "\nnot json\n")
    (news / "ok.jsonl").write_text(json.dumps({"id": "a1", "text": "Officials met in Ankara.\n"
                                               "EVENT TURGOV GRCGOV 036 2025-03-26 day"}) + "\n")
    return news


@pytest.mark.parametrize("command", [["code", "-f", "jsonl"], ["ingest", "--db", "s.duckdb"]])
def test_reject_file_names_printed_escaped(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    news = _evil_folder(tmp_path)
    res = CliRunner().invoke(app, [*command, str(news)])
    assert res.exit_code == 1, res.output
    for raw in ("\x1b", "\x07", "\u202e", "\r"):
        assert raw not in res.output
    if command[0] == "code":  # one line per reject, the name shown escaped
        assert f"detente: rejected {news}/\\x1b]0;pwned\\x07\\x1b[2J\\u202eevil\\x0d.pdf: unsupported" in res.output


def test_error_line_with_file_name_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["code", f"{EVIL}.jsonl"])
    assert res.exit_code == 2
    assert "\x1b" not in res.output and "\\x1b]0;pwned" in res.output
    assert res.output.strip().count("\n") == 0
