"""Plain-text and record formats: .txt, JSONL, .json lists and CSV -> Article | Rejected.

Each reader gets the item name used in messages, the bytes (or chunks, for the
line-based formats) and the ReadOptions, and never raises for bad content.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..models import Article
from .decode import decode_utf8, iter_lines, lone_surrogate, normalise_text, sniff_binary
from .items import (
    E_BINARY, E_EMPTY, E_ENCODING, E_MALFORMED, MAX_ARTICLE_BYTES, ReadOptions, Rejected,
    build_article, one_line, too_large,
)

Result = Article | Rejected

# CSV/JSON column names, in order of preference, for each Article field.
TEXT_KEYS = ("text", "body", "content")
FIELD_KEYS = {"id": ("id",), "title": ("title", "headline"), "date": ("date", "published"),
              "source": ("source",), "url": ("url", "link")}

# csv refuses fields over 128 KiB by default; an article may be up to MAX_ARTICLE_BYTES.
if csv.field_size_limit() < MAX_ARTICLE_BYTES:
    csv.field_size_limit(MAX_ARTICLE_BYTES)


def binary_reason(data: bytes) -> str | None:
    kind = sniff_binary(data)
    return f"binary file ({kind})" if kind else None


def parse_date(value: Any) -> dt.date | None:
    """YYYY-MM-DD or an ISO datetime; anything else is None (the caller falls back)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return value if isinstance(value, str) else str(value)


def record_to_article(item: str, record: dict[str, Any], opts: ReadOptions) -> Result:
    """One JSON object or CSV row (keys already lower-cased for CSV) -> Article."""
    text_key = next((k for k in TEXT_KEYS if k in record and record[k] is not None), None)
    if text_key is None:
        return Rejected(item, "no 'text' field", E_EMPTY)
    text = record[text_key]
    if not isinstance(text, str):
        return Rejected(item, f"'{text_key}' is not a string ({type(text).__name__})", E_MALFORMED)
    fields = {name: next((record[k] for k in keys if record.get(k) not in (None, "")), None)
              for name, keys in FIELD_KEYS.items()}
    strings = [text] + [v for v in fields.values() if isinstance(v, str)]
    for s in strings:
        if bad := lone_surrogate(s):
            return Rejected(item, f"invalid Unicode (lone surrogate {bad})", E_ENCODING)
    return build_article(
        item, text, opts,
        title=_text_or_none(fields["title"]),
        date=parse_date(fields["date"]),
        article_id=_text_or_none(fields["id"]),
        source=_text_or_none(fields["source"]),
        url=_text_or_none(fields["url"]),
    )


def read_txt(item: str, data: bytes, opts: ReadOptions) -> Result:
    """First non-empty line = title, the rest = body (a one-line file is all body)."""
    if not data:
        return Rejected(item, "empty file", E_EMPTY)
    if reason := binary_reason(data):
        return Rejected(item, reason, E_BINARY)
    text, reason = decode_utf8(data)
    if text is None:
        return Rejected(item, reason or "undecodable", E_ENCODING)
    lines = normalise_text(text).strip().split("\n", 1)
    if len(lines) == 2 and lines[1].strip():
        return build_article(item, lines[1], opts, title=lines[0])
    return build_article(item, lines[0], opts)


def read_jsonl(item: str, chunks: Iterable[bytes], opts: ReadOptions) -> Iterator[Result]:
    """One JSON object per line; blank lines are skipped, every other bad line is reported."""
    for lineno, line in iter_lines(chunks, MAX_ARTICLE_BYTES):
        where = f"{item}:{lineno}"
        if isinstance(line, int):
            yield too_large(where, line)
            continue
        if not line.strip():
            continue
        if lineno == 1 and (reason := binary_reason(line[:16])):
            yield Rejected(item, reason, E_BINARY)
            return
        yield _jsonl_line(where, line, opts)


def _jsonl_line(where: str, line: bytes, opts: ReadOptions) -> Result:
    if b"\x00" in line:
        return Rejected(where, "binary content (NUL bytes)", E_BINARY)
    text, reason = decode_utf8(line)
    if text is None:
        return Rejected(where, reason or "undecodable", E_ENCODING)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejected(where, f"line is not JSON: {exc.msg} (col {exc.colno})", E_MALFORMED)
    except ValueError as exc:  # e.g. an integer over Python's 4300-digit conversion limit
        return Rejected(where, f"line is not JSON: {one_line(str(exc))}", E_MALFORMED)
    except RecursionError:
        return Rejected(where, "line is not JSON: nested too deeply", E_MALFORMED)
    if not isinstance(record, dict):
        return Rejected(where, f"line is not a JSON object (got {_json_type(record)})", E_MALFORMED)
    return record_to_article(where, record, opts)


def _json_type(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


def read_json(item: str, data: bytes, opts: ReadOptions) -> Iterator[Result]:
    """A .json file: a list of article objects (or one object); items are named file#n."""
    if reason := binary_reason(data):
        yield Rejected(item, reason, E_BINARY)
        return
    text, reason = decode_utf8(data)
    if text is None:
        yield Rejected(item, reason or "undecodable", E_ENCODING)
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(item, f"not JSON: {exc.msg} (line {exc.lineno}, col {exc.colno})", E_MALFORMED)
        return
    except ValueError as exc:  # e.g. an integer over Python's 4300-digit conversion limit
        yield Rejected(item, f"not JSON: {one_line(str(exc))}", E_MALFORMED)
        return
    except RecursionError:
        yield Rejected(item, "not JSON: nested too deeply", E_MALFORMED)
        return
    if isinstance(doc, dict):
        yield record_to_article(item, doc, opts)
        return
    if not isinstance(doc, list):
        yield Rejected(item, f"JSON must be a list of objects (got {_json_type(doc)})", E_MALFORMED)
        return
    for n, record in enumerate(doc, start=1):
        where = f"{item}#{n}"
        if isinstance(record, dict):
            yield record_to_article(where, record, opts)
        else:
            yield Rejected(where, f"not a JSON object (got {_json_type(record)})", E_MALFORMED)


def read_csv(item: str, chunks: Iterable[bytes], opts: ReadOptions) -> Iterator[Result]:
    """A header row, then one article per row; rows are named file:line (line of the row's start)."""
    lines = iter_lines(chunks, MAX_ARTICLE_BYTES)
    first = next(lines, None)
    if first is None or first[1] == b"":
        yield Rejected(item, "empty file", E_EMPTY)
        return
    head = first[1]
    if isinstance(head, int):
        yield too_large(f"{item}:1", head)
        return
    if reason := binary_reason(head[:16]):
        yield Rejected(item, reason, E_BINARY)
        return
    header_text, reason = decode_utf8(head)
    if header_text is None:
        yield Rejected(f"{item}:1", reason or "undecodable", E_ENCODING)
        return
    try:
        header = [h.strip().lower() for h in next(csv.reader([header_text]), [])]
    except csv.Error as exc:  # e.g. a bare carriage return inside the header line
        yield Rejected(f"{item}:1", f"bad CSV header: {one_line(str(exc))}", E_MALFORMED)
        return
    if not any(k in header for k in TEXT_KEYS):
        yield Rejected(item, "no 'text' column (expected text, body or content)", E_MALFORMED)
        return
    pending: list[Rejected] = []  # over-long lines, reported in line order between rows
    reader = csv.reader(_csv_text_lines(item, lines, pending))
    last_line = 1
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row = None
            yield Rejected(f"{item}:{start}", f"bad CSV row: {one_line(str(exc))}", E_MALFORMED)
        last_line = reader.line_num + 1  # +1: the csv reader never saw the header line
        yield from pending
        pending.clear()
        if row and any(cell.strip() for cell in row):
            yield _csv_row(f"{item}:{start}", header, row, opts)
    yield from pending


def _csv_row(where: str, header: list[str], row: list[str], opts: ReadOptions) -> Result:
    for name, cell in zip(header, row):
        if m := _ESCAPED_BYTE.search(cell):
            byte = ord(m.group()) - 0xDC00
            return Rejected(where, f"not valid UTF-8 (byte 0x{byte:02x} in column '{name}')",
                            E_ENCODING)
    return record_to_article(where, dict(zip(header, row)), opts)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _csv_text_lines(item: str, lines: Iterator[tuple[int, bytes | int]],
                    pending: list[Rejected]) -> Iterator[str]:
    """Decoded lines for the csv module. Bad bytes survive as surrogate escapes (rejected per
    row); an over-long line becomes a blank line plus a pending rejection, so the rows after
    it still come through."""
    for lineno, line in lines:
        if isinstance(line, int):
            pending.append(too_large(f"{item}:{lineno}", line))
            yield "\n"
        else:
            yield line.decode("utf-8", "surrogateescape") + "\n"
