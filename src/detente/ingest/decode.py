"""Bytes -> clean text: bounded reads, line splitting, binary sniffing, strict UTF-8, normalisation.

Nothing here reads more than ``limit + 1`` bytes of one item into memory, so a
50 MB one-line file costs one pass of 64 KiB chunks, not 50 MB of RAM.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import BinaryIO

CHUNK = 64 * 1024

# Magic numbers of binary formats people drop into a folder of articles by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office document"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"{\\rtf", "RTF"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Zero-width characters and BOMs carry no text and break word matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, "NUL bytes" if it has any, else None."""
    head = data[:16]
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(_UTF16_BOMS):
        return "UTF-16 text; convert it to UTF-8"
    if b"\x00" in data:
        return "NUL bytes"
    return None


def decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason). UTF-8 with or without BOM; never a silent latin-1 guess."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        return None, f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})"


def normalise_text(text: str) -> str:
    """NFC, no zero-width characters or BOMs, Unix newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def has_nul(text: str) -> bool:
    return "\x00" in text


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate (only JSON escapes can produce one), as \\uXXXX."""
    m = _SURROGATE.search(text)
    return f"\\u{ord(m.group()):04x}" if m else None


def read_bounded(stream: BinaryIO, limit: int) -> tuple[bytes, int | None]:
    """Read at most ``limit`` bytes: (data, None), or (b"", total size) when there is more.

    The total is counted by reading on in chunks (nothing kept), capped at 64 x limit so
    an endless stream such as /dev/zero still ends.
    """
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data, None
    total = len(data)
    while total < 64 * limit and (chunk := stream.read(CHUNK * 16)):
        total += len(chunk)
    return b"", total


def iter_lines(chunks: Iterable[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line bytes without the newline) or (line number, size) for a line over ``limit``."""
    lineno = 1
    buf = bytearray()
    skipped: int | None = None  # bytes of an over-long line seen so far
    for chunk in chunks:
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            end = len(chunk) if nl < 0 else nl
            piece = chunk[start:end]
            if skipped is not None:
                skipped += len(piece)
            elif len(buf) + len(piece) > limit:
                skipped = len(buf) + len(piece)
                buf.clear()
            else:
                buf += piece
            if nl < 0:
                break
            yield lineno, (skipped if skipped is not None else bytes(buf))
            lineno, skipped, start = lineno + 1, None, nl + 1
            buf.clear()
    if skipped is not None:
        yield lineno, skipped
    elif buf:
        yield lineno, bytes(buf)


def stream_chunks(stream: BinaryIO, prefix: bytes = b"") -> Iterator[bytes]:
    """The stream as 64 KiB chunks, after ``prefix`` (bytes already read to sniff the format)."""
    if prefix:
        yield prefix
    while chunk := stream.read(CHUNK):
        yield chunk
