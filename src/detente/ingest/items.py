"""What a reader yields: ``Article`` or ``Rejected``, plus the shared article builder.

Every format reader ends in :func:`build_article`, so normalisation, the empty /
binary / language checks and the id rule are the same for .txt, JSONL, CSV, HTML
and feeds.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import Article, stable_id
from .decode import has_nul, normalise_text
from .language import detect_non_english

#: Largest article (or JSONL line / CSV record) accepted, in bytes: the default record size limit.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
#: Most physical lines one CSV record (a quoted field with line breaks) may span before its quote
#: is taken for an unclosed one; the default of ``max_record_lines``.
MAX_RECORD_LINES = 1000
#: Environment variables that change the two limits above for ``read_inputs`` (and so the CLI).
ENV_MAX_RECORD_MB = "DETENTE_MAX_RECORD_MB"
ENV_MAX_RECORD_LINES = "DETENTE_MAX_RECORD_LINES"
#: Largest container file (.json list, RSS/Atom feed) parsed in one piece.
MAX_CONTAINER_BYTES = 5 * MAX_ARTICLE_BYTES

# Reason codes: one per kind of rejection, so a caller can count or filter them.
E_MISSING = "E101"  # path does not exist / cannot be read
E_UNSUPPORTED = "E102"  # file type we do not read
E_BINARY = "E103"  # NUL bytes or a binary magic number
E_ENCODING = "E104"  # not valid UTF-8
E_TOO_LARGE = "E105"  # over MAX_ARTICLE_BYTES / MAX_CONTAINER_BYTES
E_EMPTY = "E106"  # no text at all
E_MALFORMED = "E107"  # not JSON / not an object / bad CSV / no text column
E_LANGUAGE = "E108"  # not English
E_UNSAFE_XML = "E109"  # XML refused by defusedxml (entities, DTD tricks) or unparseable
E_INTERNAL = "E199"  # a reader bug: reported, never raised, so the batch goes on


@dataclass(frozen=True)
class Rejected:
    """An input item that did not become an Article, with a one-line reason."""

    item: str  # "path/to/file.jsonl:17", "path/file.txt", "<stdin>", "feed.xml#3"
    reason: str  # one line, e.g. "empty text", "not English (detected: de)"
    code: str = "E100"

    def __str__(self) -> str:
        return f"[{self.code}] {self.item}: {self.reason}"


@dataclass(frozen=True)
class ReadOptions:
    """Settings every format reader receives (passed along, never global)."""

    default_date: dt.date | None = None
    check_language: bool = True
    #: Largest record (article file, JSONL line, CSV record, stdin text) read, in bytes.
    max_record_bytes: int = MAX_ARTICLE_BYTES
    #: Most lines one CSV record may span (a longer quoted field is an unclosed quote).
    max_record_lines: int = MAX_RECORD_LINES
    #: JSON/CSV records: the field that holds the publication date, read before the usual ``date`` /
    #: ``published``; a dotted path reaches into nested objects (``meta.published``).
    date_field: str | None = None


def content_id(title: str | None, text: str) -> str:
    """The id of an article that brings none: a hash of its normalised title and text."""
    return stable_id(title or "", text)


def format_mb(n_bytes: int) -> str:
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def format_limit(n_bytes: int) -> str:
    """A limit as people set it: "10 MB", "0.5 MB"."""
    mb = n_bytes / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 0.1 else f"{n_bytes:,} bytes"


def too_large(item: str, n_bytes: int | None, limit: int = MAX_ARTICLE_BYTES) -> Rejected:
    size = format_mb(n_bytes) if n_bytes is not None else "more than that"
    return Rejected(item, f"too large: {size} > {format_limit(limit)} limit", E_TOO_LARGE)


def one_line(text: str, limit: int = 200) -> str:
    """Squash an error message onto one short line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def build_article(
    item: str,
    text: str,
    opts: ReadOptions,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    article_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Article | Rejected:
    """Normalise and check one article's text; the last step of every reader."""
    text = normalise_text(text).strip()
    title = normalise_text(title).strip() if title else None
    if has_nul(text) or (title and has_nul(title)):
        return Rejected(item, "binary content (NUL bytes in text)", E_BINARY)
    if not text:
        return Rejected(item, "empty text", E_EMPTY)
    if len(text) > opts.max_record_bytes // 4 and (
            size := len(text.encode("utf-8", "surrogatepass"))) > opts.max_record_bytes:
        return too_large(item, size, opts.max_record_bytes)
    if opts.check_language:
        lang = detect_non_english(f"{title}\n{text}" if title else text)
        if lang:
            return Rejected(item, f"not English (detected: {lang})", E_LANGUAGE)
    title = " ".join(title.split()) if title else None  # a title is one line
    return Article(
        id=(article_id or "").strip() or content_id(title, text),
        text=text,
        title=title or None,
        date=date if date is not None else opts.default_date,
        source=(source or "").strip() or None,
        url=(url or "").strip() or None,
        origin=item,
    )
