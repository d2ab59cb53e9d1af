"""`detente ingest` never hangs on an input that is not a regular file: a FIFO inside the input folder is
skipped with a recorded reject, a .jsonl link to /dev/zero named directly is refused with one line.
Run as processes with a timeout, so a regression fails (killed) instead of blocking the suite."""
from __future__ import annotations

import json
import os
import subprocess

import pytest
from fault_helpers import detente_cmd, fake_env, stderr_lines

from detente.store import Store

TIMEOUT = 120


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(detente_cmd(*args), env=fake_env(), capture_output=True, text=True, timeout=TIMEOUT)


@pytest.mark.faults
def test_faults_special_inputs_fifo_in_folder_is_a_reject(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.jsonl").write_text(json.dumps({"id": "a", "date": "2025-03-26",
                                              "text": "Lead.\nEVENT TURGOV GRCGOV 111 2025-03-26 day"}) + "\n")
    os.mkfifo(news / "b.jsonl")
    db = tmp_path / "s.duckdb"
    proc = _run("ingest", str(news), "--db", str(db))
    assert proc.returncode == 1, proc.stderr[-2000:]  # 1: stored, some items rejected
    assert "Traceback" not in proc.stderr
    with Store(db, read_only=True) as s:
        assert s.stats()["articles"] == 1
        assert list(s.query("SELECT item, reason, code FROM rejects")) == [
            (str(news / "b.jsonl"), "not a regular file (a FIFO): skipped", "E102")]


@pytest.mark.faults
@pytest.mark.parametrize("command", ["ingest", "code"])
def test_faults_special_inputs_device_named_directly_is_refused(tmp_path, command):
    link = tmp_path / "feed.jsonl"
    link.symlink_to("/dev/zero")
    db = tmp_path / "s.duckdb"
    proc = _run(command, str(link), *(["--db", str(db)] if command == "ingest" else []))
    lines = stderr_lines(proc.stderr)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert lines == [f"detente: error: [E400] {link} is a character device, not a file: refusing to read it"]
    assert not db.exists()
