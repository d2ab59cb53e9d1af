"""Output files (``--out``, ``--report``): which paths may be written, and writing them whole or not at all.

``check_out`` is the ONE guard every command with an output file calls before it opens anything: it
refuses a path that resolves (symlinks followed) to the store or its WAL, to an input file or into an
input folder, or to an existing file that is not a regular file (/dev/null, /dev/full, a FIFO, a
folder): replacing any of those destroys data or a device. ``open_atomic`` writes through a temp file
in the target's folder, renamed onto the target only when writing succeeded; on any failure the temp
is removed and the target is left as it was.
"""
from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from .errors import OutputError, UsageError

STDOUT = "-"


def file_kind(mode: int) -> str:
    """What a ``st_mode`` is, in words ("a regular file", "a FIFO", "a character device", ...)."""
    for test, name in ((stat.S_ISREG, "a regular file"), (stat.S_ISDIR, "a directory"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def check_out(out: Path | str | None, *, store: Path | str | None = None,
              inputs: Iterable[Path | str] = (), option: str = "--out") -> None:
    """Refuse (UsageError) an output path that would overwrite the store, its WAL, an input or a
    non-regular file. ``None`` and ``-`` (stdout) are always fine."""
    if out is None or str(out) == STDOUT:
        return
    target = os.path.realpath(out)
    if store is not None:
        real = os.path.realpath(store)
        if target in (real, real + ".wal"):
            what = "the store" if target == real else "the store's write-ahead log"
            raise UsageError(f"{option} {out} is {what} ({store}): refusing to overwrite it; choose another file")
    for p in inputs:
        if str(p) == STDOUT:
            continue
        real = os.path.realpath(p)
        if target == real:
            raise UsageError(f"{option} {out} is the input file {p}: refusing to overwrite it; choose another file")
        if os.path.isdir(real) and target.startswith(real.rstrip(os.sep) + os.sep):
            raise UsageError(f"{option} {out} is inside the input folder {p} (it would be read as input); "
                             f"choose a file elsewhere")
    try:
        mode = os.stat(target).st_mode
    except OSError:  # not there yet (or unreadable: opening it will say why)
        return
    if not stat.S_ISREG(mode):
        raise UsageError(f"{option} {out} is {file_kind(mode)}, not a regular file: refusing to replace it")


@contextmanager
def open_atomic(out: Path | str, *, binary: bool = False) -> Iterator[IO[Any]]:
    """An open temp file next to ``out``; renamed onto ``out`` when the block ends without error.

    Any failure (an exception in the block, a full disk on write, flush or rename) removes the temp and
    leaves ``out`` untouched; an OSError while writing comes out as one-line ``OutputError``.
    """
    path = Path(out)
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {out}: directory {folder} does not exist")
    tmp = folder / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:  # O_EXCL: never through a planted link; 0o666 less the umask, like any new file
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    fh = _Watched(_fdopen(fd, binary))
    try:
        try:
            yield cast(IO[Any], fh)  # _Watched passes every other attribute through to the file
        finally:
            fh.close()  # the last buffered write: a full disk often shows here
        try:
            os.replace(tmp, path)
        except OSError as exc:
            fh.failed = exc
            raise
    except OSError as exc:
        if fh.failed is None:
            raise  # not an error of this file (e.g. the coder could not read its model): as it was
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)


class _Watched:
    """The temp file, remembering whether a write, flush or close of it failed (so that only those
    failures become OutputError); everything else is passed through to the file object."""

    def __init__(self, fh: IO[Any]):
        self._fh = fh
        self.failed: OSError | None = None

    def _watched(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except OSError as exc:
            self.failed = exc
            raise

    def write(self, data: Any) -> int:
        written: int = self._watched(self._fh.write, data)
        return written

    def flush(self) -> None:
        self._watched(self._fh.flush)

    def close(self) -> None:
        self._watched(self._fh.close)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def _fdopen(fd: int, binary: bool) -> IO[Any]:
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8", newline="")
