"""``read_inputs``: paths (files, directories, "-" for stdin) -> a lazy stream of Article | Rejected.

Order is stable: paths as given, directories walked recursively and sorted by path,
records in file order. A bad item becomes a ``Rejected`` with a one-line reason and
the stream goes on; only misuse of the function itself raises ``InputError``.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from functools import partial
from typing import Any, BinaryIO

from ..errors import InputError
from ..models import Article
from ..outfile import file_kind
from .decode import read_bounded, stream_chunks
from .formats import read_csv, read_json, read_jsonl, read_txt
from .items import (
    E_INTERNAL, E_MISSING, E_UNSUPPORTED, ENV_MAX_RECORD_LINES, ENV_MAX_RECORD_MB, MAX_ARTICLE_BYTES,
    MAX_CONTAINER_BYTES, MAX_RECORD_LINES, ReadOptions, Rejected, one_line, too_large,
)
from .markup import read_feed, read_html

__all__ = ["read_inputs", "Rejected", "SUPPORTED_SUFFIXES", "MAX_ARTICLE_BYTES", "STDIN_ITEM"]

log = logging.getLogger(__name__)

Result = Article | Rejected
STDIN_ITEM = "<stdin>"

# suffix -> (how the file is read, reader). "whole": bytes up to a limit; "stream": 64 KiB chunks.
_WHOLE_ARTICLE = {"": read_txt, ".txt": read_txt, ".html": read_html, ".htm": read_html}
_WHOLE_CONTAINER = {".json": read_json, ".xml": read_feed, ".rss": read_feed, ".atom": read_feed}
_STREAMED = {".jsonl": read_jsonl, ".ndjson": read_jsonl, ".csv": read_csv}

#: Lower-cased suffixes read_inputs understands; "" is a file without a suffix (read as .txt).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_WHOLE_ARTICLE) | frozenset(_WHOLE_CONTAINER) | frozenset(_STREAMED)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    default_date: dt.date | None = None,
    check_language: bool = True,
    max_record_bytes: int | None = None,
    max_record_lines: int | None = None,
    date_field: str | None = None,
) -> Iterator[Article | Rejected]:
    """Read every input; yield one Article per good item and one Rejected per bad one.

    ``default_date`` is the publication date of items that carry none (or a bad one).
    ``max_record_bytes`` (default $DETENTE_MAX_RECORD_MB, else 10 MiB) bounds one record: an
    article file, a JSONL line, a CSV record, stdin text; a larger one is rejected (E105) and
    reading goes on with the next. ``max_record_lines`` (default $DETENTE_MAX_RECORD_LINES, else
    1,000) bounds the lines one CSV record may span: a longer quoted field is an unclosed quote.
    ``date_field`` names the JSON/CSV field that holds the publication date (a dotted path such as
    ``meta.published`` reaches into nested objects); it is read before ``date`` / ``published``.
    """
    if isinstance(paths, (str, bytes, Path)):
        raise InputError("read_inputs takes a list of paths, not a single path")
    if isinstance(default_date, dt.datetime):
        default_date = default_date.date()
    elif default_date is not None and not isinstance(default_date, dt.date):
        raise InputError(f"default_date must be a datetime.date, not {type(default_date).__name__}")
    opts = ReadOptions(default_date=default_date, check_language=bool(check_language),
                       max_record_bytes=_limit(max_record_bytes, ENV_MAX_RECORD_MB, MAX_ARTICLE_BYTES,
                                               scale=1024 * 1024),
                       max_record_lines=_limit(max_record_lines, ENV_MAX_RECORD_LINES, MAX_RECORD_LINES),
                       date_field=_date_field(date_field))
    return _read_all(list(paths), opts)


def _date_field(name: str | None) -> str | None:
    """A --date-field name: a field or a dotted path with no empty part (InputError otherwise)."""
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip() or any(not part.strip() for part in name.split(".")):
        raise InputError(f"bad date field {name!r}: give a field name such as published, or a dotted path "
                         "such as meta.published")
    return name.strip()


def _limit(value: int | None, env: str, default: int, scale: int = 1) -> int:
    """An explicit limit, else the environment variable (in units of ``scale``), else the default."""
    if value is None:
        raw = os.environ.get(env, "").strip()
        if not raw:
            return default
        try:
            number = float(raw)
        except ValueError:
            number = float("nan")
        if not (0 < number <= 1e6):  # also refuses nan and inf
            raise InputError(f"{env}={raw!r}: expected a number over 0 (at most 1000000)")
        return max(1, int(number * scale))
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"record limits must be whole numbers over 0, not {value!r}")
    return value


def _read_all(paths: Iterable[object], opts: ReadOptions) -> Iterator[Result]:
    for raw in paths:
        if not isinstance(raw, (str, Path)):
            yield Rejected(repr(raw), f"not a path ({type(raw).__name__})", E_MISSING)
        elif str(raw) == "-":
            yield from _guarded(STDIN_ITEM, lambda: _read_stdin(opts))
        else:
            yield from _read_path(Path(raw), opts)


def _read_path(path: Path, opts: ReadOptions) -> Iterator[Result]:
    item = str(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield Rejected(item, "no such file or directory", E_MISSING)
        return
    except OSError as exc:
        yield Rejected(item, f"cannot read: {exc.strerror or exc}", E_MISSING)
        return
    if stat.S_ISDIR(mode):
        for file, problem in _walk(path):
            if problem:
                yield problem
            else:
                yield from _guarded(str(file), partial(_read_file, file, str(file), opts))
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        # never read: /dev/zero would never end. A FIFO named directly is read (``<(zcat x.gz)``).
        yield Rejected(item, f"not a regular file ({file_kind(mode)}): not read", E_UNSUPPORTED)
    else:
        yield from _guarded(item, lambda: _read_file(path, item, opts))


def _walk(root: Path) -> list[tuple[Path, Rejected | None]]:
    """Files under ``root`` sorted by path; hidden files and folders are skipped, links to
    folders are not followed; an unreadable sub-folder or a file that is not a regular file
    (FIFO, socket, device) is listed with its rejection."""
    found: list[tuple[Path, Rejected | None]] = []

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename or root)
        found.append((where, Rejected(str(where), f"cannot read directory: {exc.strerror or exc}", E_MISSING)))

    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend((Path(folder) / f, _not_regular(Path(folder) / f)) for f in files if not f.startswith("."))
    return sorted(found, key=lambda entry: entry[0].relative_to(root).parts)


def _not_regular(file: Path) -> Rejected | None:
    """A file found in a folder that is skipped unread: a FIFO would block forever, a device never end."""
    try:
        mode = file.stat().st_mode  # links followed: a link to /dev/zero is a device
    except OSError:
        return None  # a broken link: opening it says why
    if stat.S_ISREG(mode):
        return None
    return Rejected(str(file), f"not a regular file ({file_kind(mode)}): skipped", E_UNSUPPORTED)


def _read_file(path: Path, item: str, opts: ReadOptions) -> Iterator[Result]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Rejected(item, f"unsupported file type {suffix}", E_UNSUPPORTED)
        return
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield Rejected(item, f"cannot read: {exc.strerror or exc}", E_MISSING)
        return
    with f:
        if suffix in _STREAMED:
            yield from _STREAMED[suffix](item, stream_chunks(f), opts)
            return
        limit = opts.max_record_bytes if suffix in _WHOLE_ARTICLE else max(MAX_CONTAINER_BYTES, opts.max_record_bytes)
        info = os.fstat(f.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            yield too_large(item, info.st_size, limit)  # decided from the size alone, nothing read
            return
        data, over = read_bounded(f, limit)
        if over is not None:
            yield too_large(item, over, limit)
        elif suffix in _WHOLE_ARTICLE:
            yield _WHOLE_ARTICLE[suffix](item, data, opts)
        else:
            yield from _WHOLE_CONTAINER[suffix](item, data, opts)


def _read_stdin(opts: ReadOptions) -> Iterator[Result]:
    """JSONL when the first non-blank character is "{", else one plain-text article."""
    stream = _stdin_bytes()
    blank = b" \t\r\n\xef\xbb\xbf"  # whitespace and a UTF-8 BOM
    prefix = b""
    while not prefix.lstrip(blank) and len(prefix) <= opts.max_record_bytes:
        chunk = stream.read(64 * 1024)  # read only until the first real character
        if not chunk:
            break
        prefix += chunk
    if prefix.lstrip(blank).startswith(b"{"):
        yield from read_jsonl(STDIN_ITEM, stream_chunks(stream, prefix), opts)
        return
    limit = opts.max_record_bytes
    data, over = read_bounded(io.BufferedReader(_Chained(prefix, stream)), limit)
    yield too_large(STDIN_ITEM, over, limit) if over is not None else read_txt(STDIN_ITEM, data, opts)


class _Chained(io.RawIOBase):
    """``prefix`` then the rest of ``stream``, as one readable stream."""

    def __init__(self, prefix: bytes, stream: BinaryIO):
        self._chunks = stream_chunks(stream, prefix)
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # Any: a writable buffer (collections.abc.Buffer is 3.12+)
        if not self._left:
            self._left = next(self._chunks, b"")
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n


def _stdin_bytes() -> BinaryIO:
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))  # a text-only stand-in


def _guarded(item: str, produce: Callable[[], Iterator[Result]]) -> Iterator[Result]:
    """Run one input's reader; a bug in it becomes a Rejected instead of ending the batch."""
    try:
        yield from produce()
    except Exception as exc:  # noqa: BLE001 - the promise is that one bad item never stops a batch
        log.exception("ingest: unexpected error while reading %s", item)
        yield Rejected(item, f"internal error while reading: {type(exc).__name__}: {one_line(str(exc))}",
                       E_INTERNAL)
