"""Inputs that are not regular files: inside a folder a FIFO, a socket or a link to a device is skipped
with a reason (never opened: a FIFO would block forever, /dev/zero never end); a device named directly
is rejected unread; a FIFO named directly (``<(zcat x.gz)``) is still read."""
from __future__ import annotations

import json
import os
import socket
import threading
from pathlib import Path

import pytest

from detente.ingest import Rejected, read_inputs

TEXT = "Turkey criticised Greece on Monday over the border, officials said in Ankara."


def _unblock(fifo: Path) -> None:
    """If a reader (wrongly) opened the FIFO, give it an end of file instead of a hang."""
    try:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # ENXIO: nobody has it open for reading
        pass


def _read_with_watchdog(paths: list[str], fifo: Path, seconds: float = 20.0) -> list:
    out: list = []
    t = threading.Thread(target=lambda: out.extend(read_inputs(paths, check_language=False)), daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():  # a reader blocked on the FIFO: release it, then fail
        _unblock(fifo)
        t.join(5)
        pytest.fail(f"reading {paths} blocked on the FIFO {fifo}")
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text(TEXT + "\n")
    os.mkfifo(d / "pipe.jsonl")
    (d / "zero.jsonl").symlink_to("/dev/zero")
    return d


def test_ingest_special_files_in_folder_are_skipped_with_reason(folder):
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    try:
        items = _read_with_watchdog([str(folder)], folder / "pipe.jsonl")
    finally:
        sock.close()
    articles = [i for i in items if not isinstance(i, Rejected)]
    rejected = {Path(r.item).name: r for r in items if isinstance(r, Rejected)}
    assert [a.origin for a in articles] == [str(folder / "a.txt")]
    assert rejected["pipe.jsonl"].reason == "not a regular file (a FIFO): skipped"
    assert rejected["sock.txt"].reason == "not a regular file (a socket): skipped"
    assert rejected["zero.jsonl"].reason == "not a regular file (a character device): skipped"
    assert {r.code for r in rejected.values()} == {"E102"}


def test_ingest_special_files_device_named_directly_is_not_read(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    [item] = list(read_inputs([str(link)]))
    assert isinstance(item, Rejected) and item.code == "E102"
    assert item.reason == "not a regular file (a character device): not read"


def test_ingest_special_files_fifo_named_directly_is_read(tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "p1", "text": TEXT, "date": "2025-03-26"}) + "\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    items = list(read_inputs([str(fifo)], check_language=False))
    writer.join(5)
    assert [getattr(i, "id", i) for i in items] == ["p1"]
