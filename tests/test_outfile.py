"""detente.outfile: the one --out guard (store, WAL, inputs, non-regular files) and atomic writing."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from detente import outfile
from detente.errors import OutputError, UsageError
from detente.outfile import check_out, open_atomic


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "x").mkdir()
    (tmp_path / "s.duckdb").write_bytes(b"store")
    (tmp_path / "s.duckdb.wal").write_bytes(b"wal")
    (tmp_path / "in.jsonl").write_text("{}\n")
    (tmp_path / "news").mkdir()
    monkeypatch.chdir(tmp_path / "x")
    return tmp_path


@pytest.mark.parametrize("spelling", ["../s.duckdb", "./../x/../s.duckdb", "{abs}/s.duckdb", "link.csv"])
def test_outfile_refuses_the_store_however_spelled(folder, spelling):
    (folder / "x" / "link.csv").symlink_to(folder / "s.duckdb")
    out = spelling.format(abs=folder)
    with pytest.raises(UsageError, match="is the store"):
        check_out(out, store=folder / "s.duckdb")
    with pytest.raises(UsageError, match="is the store"):
        check_out(Path(out), store="../s.duckdb")


def test_outfile_refuses_the_wal_inputs_and_input_folders(folder):
    with pytest.raises(UsageError, match="write-ahead log"):
        check_out("./../s.duckdb.wal", store=folder / "s.duckdb")
    with pytest.raises(UsageError, match="is the input file"):
        check_out(folder / "in.jsonl", inputs=["../in.jsonl"])
    with pytest.raises(UsageError, match="inside the input folder"):
        check_out("../news/sub/out.jsonl", inputs=[str(folder / "news")])


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_outfile_refuses_devices(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(UsageError, match="character device, not a regular file"):
        check_out(device)


def test_outfile_refuses_fifo_and_directory(folder):
    os.mkfifo(folder / "pipe")
    with pytest.raises(UsageError, match="a FIFO"):
        check_out(folder / "pipe")
    with pytest.raises(UsageError, match="a directory"):
        check_out(folder / "news")


def test_outfile_allows_new_and_regular_files_and_stdout(folder):
    for ok in (None, "-", "new.csv", folder / "in.jsonl", "../news.csv"):
        check_out(ok, store=folder / "s.duckdb", inputs=["-", str(folder / "news")])
    check_out(folder / "in.jsonl")  # an existing regular file that is not an input may be replaced


def test_outfile_message_is_one_line(folder):
    with pytest.raises(UsageError) as info:
        check_out("../s.duckdb", store=folder / "s.duckdb")
    assert "\n" not in str(info.value) and str(info.value).startswith("[E400]")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_outfile_atomic_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with open_atomic(target) as fh:
        fh.write("new\n")
        assert target.read_text() == "old\n" and len(_leftovers(tmp_path)) == 1
    assert target.read_text() == "new\n" and _leftovers(tmp_path) == []
    with pytest.raises(RuntimeError):
        with open_atomic(target) as fh:
            fh.write("half")
            raise RuntimeError("coding failed")
    assert target.read_text() == "new\n" and _leftovers(tmp_path) == []


def test_outfile_atomic_new_file_gets_the_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        with open_atomic(tmp_path / "o.txt") as fh:
            fh.write("x")
    finally:
        os.umask(old)
    assert (tmp_path / "o.txt").stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("binary", [False, True])
def test_outfile_atomic_full_disk_is_one_line_and_leaves_nothing(tmp_path, monkeypatch, binary):
    """The temp file's writes go to /dev/full: the kernel's own ENOSPC, at write or at close."""
    def to_dev_full(fd: int, binary: bool):
        os.close(fd)
        return open("/dev/full", "wb") if binary else open("/dev/full", "w", encoding="utf-8")

    monkeypatch.setattr(outfile, "_fdopen", to_dev_full)
    target = tmp_path / "out.bin"
    with pytest.raises(OutputError) as info:
        with open_atomic(target, binary=binary) as fh:
            fh.write(b"x" * 10 if binary else "x" * 10)
    assert str(info.value) == f"[E500] cannot write {target}: No space left on device"
    assert not target.exists() and _leftovers(tmp_path) == []


def test_outfile_atomic_enospc_on_write(tmp_path, monkeypatch):
    class Full:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.fh.close()

    real = outfile._fdopen
    monkeypatch.setattr(outfile, "_fdopen", lambda fd, binary: Full(real(fd, binary)))
    target = tmp_path / "o.jsonl"
    target.write_text("keep\n")
    with pytest.raises(OutputError, match="No space left on device"):
        with open_atomic(target) as fh:
            fh.write("{}\n")
    assert target.read_text() == "keep\n" and _leftovers(tmp_path) == []


def test_outfile_atomic_other_oserror_passes_through(tmp_path):
    """An OSError that is not about the output (say the coder cannot read its model) keeps its type."""
    with pytest.raises(FileNotFoundError):
        with open_atomic(tmp_path / "o.csv") as fh:
            fh.write("partial")
            open(tmp_path / "no-such-model.bin", "rb")
    assert os.listdir(tmp_path) == []


def test_outfile_atomic_rename_failure_is_output_error(tmp_path):
    (tmp_path / "o.csv").mkdir()  # os.replace cannot put a file over a directory
    with pytest.raises(OutputError, match="cannot write"):
        with open_atomic(tmp_path / "o.csv") as fh:
            fh.write("x")
    assert _leftovers(tmp_path) == []


def test_outfile_atomic_missing_folder_is_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        with open_atomic(tmp_path / "nope" / "o.csv"):
            pass
