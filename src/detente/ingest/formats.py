"""Plain-text and record formats: .txt, JSONL, .json lists and CSV -> Article | Rejected.

Each reader gets the item name used in messages, the bytes (or chunks, for the
line-based formats) and the ReadOptions, and never raises for bad content.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from email.utils import parsedate_to_datetime
from typing import Any

from ..models import Article
from .decode import decode_utf8, iter_lines, lone_surrogate, normalise_text, sniff_binary
from .items import (
    E_BINARY, E_EMPTY, E_ENCODING, E_MALFORMED, ReadOptions, Rejected, build_article, format_limit,
    one_line, too_large,
)

Result = Article | Rejected

# CSV/JSON column names, in order of preference, for each Article field.
TEXT_KEYS = ("text", "body", "content")
FIELD_KEYS = {"id": ("id",), "title": ("title", "headline"), "date": ("date", "published"),
              "source": ("source",), "url": ("url", "link")}

# csv refuses fields over 128 KiB by default; read_csv bounds whole records itself (in bytes,
# opts.max_record_bytes), so the csv module's own per-field limit must never fire first.
if csv.field_size_limit() < sys.maxsize // 2:
    csv.field_size_limit(sys.maxsize // 2)


def binary_reason(data: bytes) -> str | None:
    kind = sniff_binary(data)
    return f"binary file ({kind})" if kind else None


def parse_date(value: Any) -> dt.date | None:
    """YYYY-MM-DD, an ISO datetime or an RFC 2822 date (feeds, e-mail: "Tue, 10 Mar 2004 09:00:00 GMT");
    anything else is None (the caller falls back)."""
    if isinstance(value, dt.datetime):
        return value.date()
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
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def field_at(record: dict[str, Any], path: str) -> Any:
    """The value at ``path`` in a record: the key itself (CSV headers are lower-cased, so also its lower
    case), else a dotted path into nested objects (``meta.published``); None when absent."""
    for key in (path, path.lower()):
        if key in record:
            return record[key]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def record_date(record: dict[str, Any], opts: ReadOptions) -> dt.date | None:
    """The record's publication date: ``opts.date_field`` first, then the usual fields (None: undated;
    build_article then falls back to ``opts.default_date``)."""
    if opts.date_field and (found := parse_date(field_at(record, opts.date_field))) is not None:
        return found
    return parse_date(next((record[k] for k in FIELD_KEYS["date"] if record.get(k) not in (None, "")), None))


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
        date=record_date(record, opts),
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
    for lineno, line in iter_lines(chunks, opts.max_record_bytes):
        where = f"{item}:{lineno}"
        if isinstance(line, int):
            yield too_large(where, line, opts.max_record_bytes)
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
    """A header row, then one article per row; rows are named file:line (line of the row's start).

    A quoted field that never closes would swallow every row after it. A record is taken for one
    with an unclosed quote when it spans more than ``opts.max_record_lines`` lines or more than
    ``opts.max_record_bytes`` bytes, runs into the end of the file inside quotes, or spans several
    lines and has more fields than the header. Then only its first line is rejected and reading
    starts again on the line after it, so the rows it had swallowed come through as rows.
    """
    limit = opts.max_record_bytes
    lines = iter_lines(chunks, limit)
    first = next(lines, None)
    if first is None or first[1] == b"":
        yield Rejected(item, "empty file", E_EMPTY)
        return
    head = first[1]
    if isinstance(head, int):
        yield too_large(f"{item}:1", head, limit)
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
    feed = _CsvFeed(item, lines, opts)
    reader = csv.reader(feed)
    while True:
        feed.new_record()
        try:
            row = next(reader)
        except StopIteration:
            break
        except _RunawayQuote as runaway:
            yield from feed.take_pending()
            yield feed.recover(runaway.why)
            reader = csv.reader(feed)  # a fresh parser, from the line after the broken one
            continue
        except csv.Error as exc:
            yield from feed.take_pending()
            yield Rejected(f"{item}:{feed.start}", f"bad CSV row: {one_line(str(exc))}", E_MALFORMED)
            continue
        if len(feed.record) > 1 and (feed.at_end or len(row) > len(header)):
            yield from feed.take_pending()
            why = "to the end of the file" if feed.at_end else \
                f"across {len(feed.record)} lines into a row of {len(row)} fields (header: {len(header)})"
            yield feed.recover(why)
            reader = csv.reader(feed)
            continue
        if feed.at_end and row and _opens_quote(feed.record[0][1]):
            yield from feed.take_pending()  # the last line opens a quote it never closes
            yield feed.recover("to the end of the file")
            break
        yield from feed.take_pending()
        if row and any(cell.strip() for cell in row):
            yield _csv_row(f"{item}:{feed.start}", header, row, opts)
    yield from feed.take_pending()


class _RunawayQuote(Exception):
    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def _opens_quote(line: str) -> bool:
    """True if ``line`` leaves a quoted field open (the csv module's rules, non-strict)."""
    try:
        next(csv.reader([line], strict=True))
    except csv.Error:
        return True
    except StopIteration:
        return False
    return False


class _CsvFeed:
    """Decoded lines for csv.reader, numbered; watches the record being parsed and keeps its lines
    (at most max_record_lines lines / max_record_bytes bytes) so that, after an unclosed quote, the
    lines it swallowed can be parsed again. Bad bytes survive as surrogate escapes (rejected per
    row); an over-long line becomes a blank line plus a pending rejection."""

    def __init__(self, item: str, lines: Iterator[tuple[int, bytes | int]], opts: ReadOptions):
        self.item = item
        self.lines = lines
        self.max_bytes = opts.max_record_bytes
        self.max_lines = opts.max_record_lines
        self.replay: deque[tuple[int, str, int]] = deque()  # (line number, text, size) to read again
        self.record: list[tuple[int, str, int]] = []  # the lines of the record being parsed
        self.record_bytes = 0
        self.pending: list[Rejected] = []  # over-long lines, reported in line order between rows
        self.next_line = 2  # the header was line 1
        self.at_end = False  # the parser asked for a line after the last one

    def __iter__(self) -> "_CsvFeed":
        return self

    def __next__(self) -> str:
        if self.replay:
            entry = self.replay.popleft()
        else:
            nxt = next(self.lines, None)
            if nxt is None:
                self.at_end = True
                raise StopIteration
            lineno, line = nxt
            if isinstance(line, int):
                self.pending.append(too_large(f"{self.item}:{lineno}", line, self.max_bytes))
                entry = (lineno, "\n", line)
            else:
                entry = (lineno, line.decode("utf-8", "surrogateescape") + "\n", len(line) + 1)
        self.record.append(entry)
        self.next_line = entry[0] + 1
        if not entry[1].strip("\r\n") and entry[2] > 1 and len(self.record) == 1:
            return entry[1]  # an over-long line on its own: a blank row
        self.record_bytes += entry[2]
        if len(self.record) > self.max_lines:
            raise _RunawayQuote(f"past {self.max_lines:,} lines")
        if self.record_bytes > self.max_bytes and len(self.record) > 1:
            raise _RunawayQuote(f"past the {format_limit(self.max_bytes)} record limit")
        return entry[1]

    @property
    def start(self) -> int:
        return self.record[0][0] if self.record else self.next_line

    def new_record(self) -> None:
        self.record = []
        self.record_bytes = 0

    def take_pending(self) -> list[Rejected]:
        out, self.pending = self.pending, []
        return out

    def recover(self, why: str) -> Rejected:
        """Reject the record's first line; its other lines are read again, as new rows."""
        first, rest = self.record[0], self.record[1:]
        self.replay.extendleft(reversed(rest))
        self.at_end = False
        self.new_record()
        return Rejected(f"{self.item}:{first[0]}",
                        f"unclosed quote: the quoted field runs {why}; row skipped, "
                        f"reading goes on at line {first[0] + 1}", E_MALFORMED)


def _csv_row(where: str, header: list[str], row: list[str], opts: ReadOptions) -> Result:
    for name, cell in zip(header, row):
        if m := _ESCAPED_BYTE.search(cell):
            byte = ord(m.group()) - 0xDC00
            return Rejected(where, f"not valid UTF-8 (byte 0x{byte:02x} in column '{name}')",
                            E_ENCODING)
    return record_to_article(where, dict(zip(header, row)), opts)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
