"""--out never destroys data: the store, its WAL, an input or a device is refused (exit 2, one line), and a
full disk gives one line, a non-zero exit and no file (code, events, query, export in every format)."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente import outfile
from detente.cli import app
from detente.store import Store

STORE_TESTS = Path(__file__).resolve().parents[1] / "store"
EXPORT_FORMATS = ("gdelt", "plover", "csv", "parquet")


pytestmark = pytest.mark.usefixtures("fake_coder")  # tests/cli/conftest.py


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """tmp/x is the working folder; the store is tmp/s.duckdb with a few events."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({
        "id": f"a{i}", "date": "2025-03-26", "title": f"T{i}",
        "text": f"Officials met in story {i}.\nEVENT TURGOV {t}GOV 036 2025-03-2{i} day"}) + "\n" for i, t in enumerate(("USA", "GRC", "RUS", "CHN"))))
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 0, res.output
    (tmp_path / "x").mkdir()
    monkeypatch.chdir(tmp_path / "x")
    return tmp_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_error_line(res, needle: str) -> str:
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("detente: error:"), res.stderr
    assert needle in lines[0], lines[0]
    assert "Traceback" not in res.output
    return lines[0]


def _store_intact(db: Path, digest: str) -> None:
    assert _digest(db) == digest
    with Store(db, read_only=True) as s:
        assert s.stats()["events"] == 4


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("spelling", ["../s.duckdb", "./../x/../s.duckdb", "{abs}", "link.out"])
def test_out_safety_export_onto_store_refused(work, fmt, spelling):
    db = work / "s.duckdb"
    (work / "x" / "link.out").symlink_to(db)
    before = _digest(db)
    res = CliRunner().invoke(app, ["export", "--db", str(db), "-f", fmt, "--out", spelling.format(abs=db)])
    assert res.exit_code == 2
    _one_error_line(res, "is the store")
    assert "wrote" not in res.output
    _store_intact(db, before)


@pytest.mark.parametrize("command", [["events"], ["query", "SELECT 1"], ["export", "-f", "csv"]])
def test_out_safety_events_query_export_onto_store_or_wal_refused(work, command):
    db = work / "s.duckdb"
    before = _digest(db)
    for out, needle in (("../s.duckdb", "is the store"), ("./../s.duckdb.wal", "write-ahead log")):
        res = CliRunner().invoke(app, [*command, "--db", "../s.duckdb", "--out", out])
        assert res.exit_code == 2, res.output
        _one_error_line(res, needle)
    assert not (work / "s.duckdb.wal").exists()
    _store_intact(db, before)


def test_out_safety_default_store_is_protected_too(work, monkeypatch):
    monkeypatch.setenv("DETENTE_DB", str(work / "s.duckdb"))
    res = CliRunner().invoke(app, ["events", "-f", "csv", "--out", "../s.duckdb"])
    assert res.exit_code == 2
    _one_error_line(res, "is the store")


def test_out_safety_code_onto_its_input_refused(work):
    src = work / "in.jsonl"
    before = src.read_bytes()
    for out in (str(src), "../in.jsonl"):
        res = CliRunner().invoke(app, ["code", str(src), "-f", "jsonl", "--out", out])
        assert res.exit_code == 2
        _one_error_line(res, "is the input file")
    assert src.read_bytes() == before


def test_out_safety_code_into_input_folder_refused(work):
    news = work / "news"
    news.mkdir()
    (news / "a.txt").write_text("Turkey criticised Greece on Monday.\n")
    res = CliRunner().invoke(app, ["code", str(news), "-f", "jsonl", "--out", "../news/out.jsonl"])
    assert res.exit_code == 2
    _one_error_line(res, "inside the input folder")
    assert sorted(p.name for p in news.iterdir()) == ["a.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
@pytest.mark.parametrize("command", [["events", "--db", "../s.duckdb"], ["query", "SELECT 1", "--db", "../s.duckdb"],
                                     *(["export", "-f", f, "--db", "../s.duckdb"] for f in EXPORT_FORMATS)])
def test_out_safety_device_refused_and_kept(work, command):
    """A character device made for the test (major/minor of /dev/null): refused, still a device after."""
    dev = work / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    res = CliRunner().invoke(app, [*command, "--out", str(dev)])
    assert res.exit_code == 2
    _one_error_line(res, "is a character device, not a regular file")
    assert stat.S_ISCHR(dev.stat().st_mode)


def test_out_safety_dev_full_refused():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    res = CliRunner().invoke(app, ["export", "-f", "csv", "--db", "none.duckdb", "--out", "/dev/full"])
    assert res.exit_code == 2
    _one_error_line(res, "/dev/full is a character device")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# -- full disk --------------------------------------------------------------------------------------------------
@pytest.fixture
def full_disk(monkeypatch):
    """Every atomic output writes to /dev/full (the kernel's ENOSPC), its temp file still in the folder."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")

    def to_dev_full(fd: int, binary: bool):
        os.close(fd)
        return open("/dev/full", "wb") if binary else open("/dev/full", "w", encoding="utf-8")

    monkeypatch.setattr(outfile, "_fdopen", to_dev_full)


@pytest.mark.parametrize("command", [
    ["events", "-f", "csv"], ["events", "-f", "jsonl"], ["events"], ["query", "SELECT * FROM events", "-f", "csv"],
    *(["export", "-f", f] for f in EXPORT_FORMATS)])
def test_out_safety_full_disk_is_one_line_and_no_file(work, full_disk, command):
    out = work / "x" / "out.dat"
    res = CliRunner().invoke(app, [*command, "--db", "../s.duckdb", "--out", str(out)])
    assert res.exit_code == 2, res.output
    line = _one_error_line(res, "No space left on device")
    assert line == f"detente: error: [E500] cannot write {out}: No space left on device"
    assert sorted(os.listdir(work / "x")) == []


def test_out_safety_full_disk_keeps_the_old_file(work, full_disk):
    out = work / "x" / "old.csv"
    out.write_text("previous export\n")
    res = CliRunner().invoke(app, ["export", "-f", "csv", "--db", "../s.duckdb", "--out", str(out)])
    assert res.exit_code == 2
    assert out.read_text() == "previous export\n" and os.listdir(work / "x") == ["old.csv"]


def test_out_safety_code_full_disk(work, full_disk, monkeypatch):
    from fake_coder import FakeCoder

    @contextlib.contextmanager
    def fake_open_coder(*args, **kwargs):
        yield FakeCoder()

    monkeypatch.setattr("detente.scale.engines.open_coder", fake_open_coder)
    res = CliRunner().invoke(app, ["code", str(work / "in.jsonl"), "-f", "jsonl", "--out", "out.jsonl"])
    assert res.exit_code == 2, res.output
    _one_error_line(res, "[E500] cannot write out.jsonl: No space left on device")
    assert os.listdir(work / "x") == []


def test_out_safety_outputs_still_written(work):
    """The guard lets ordinary outputs through; each is complete and no temp file stays."""
    for command in (["events", "-f", "csv"], ["query", "SELECT count(*) AS n FROM events", "-f", "jsonl"],
                    *(["export", "-f", f] for f in EXPORT_FORMATS)):
        out = work / "x" / f"o-{command[0]}-{command[-1]}"
        res = CliRunner().invoke(app, [*command, "--db", "../s.duckdb", "--out", str(out)])
        assert res.exit_code == 0, (command, res.output)
        assert out.stat().st_size > 0
    assert [p for p in os.listdir(work / "x") if p.endswith(".tmp")] == []
    assert (work / "x" / "o-query-jsonl").read_text() == '{"n": 4}\n'
