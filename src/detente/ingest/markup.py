"""Markup formats: HTML pages (trafilatura) and RSS/Atom feeds (defusedxml check, then feedparser)."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from typing import Any
from html.parser import HTMLParser

from ..models import Article, stable_id
from .decode import decode_utf8, sniff_binary
from .items import (
    E_BINARY, E_EMPTY, E_ENCODING, E_MALFORMED, E_UNSAFE_XML, ReadOptions, Rejected, build_article, one_line,
)

Result = Article | Rejected

# Elements whose content is never article text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                         "blockquote", "section", "article", "pre", "hr", "ul", "ol", "table"})
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DECLARED_CHARSET = re.compile(rb"charset\s*=", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    """HTML -> plain text: drops scripts/styles, turns block elements into line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def strip_html(markup: str) -> str:
    """Visible text of an HTML fragment, one paragraph per line."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def read_html(item: str, data: bytes, opts: ReadOptions) -> Result:
    """Main text, title and date via trafilatura; our own stripper when it finds no main text."""
    if not data.strip():
        return Rejected(item, "empty file", E_EMPTY)
    if kind := sniff_binary(data):
        return Rejected(item, f"binary file ({kind})", E_BINARY)
    text, reason = decode_utf8(data)
    if text is None and not _DECLARED_CHARSET.search(data[:4096]):
        # Only a page that names its charset may be in another encoding; no silent guessing.
        return Rejected(item, f"{reason} and no charset declared", E_ENCODING)
    import trafilatura  # slow import: only when there is HTML to read
    from trafilatura.utils import decode_file

    doc = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    page = text if text is not None else decode_file(data)
    title = getattr(doc, "title", None) if doc else None
    text = (getattr(doc, "text", None) or "") if doc else ""
    date = _iso_date(getattr(doc, "date", None)) if doc else None
    url = getattr(doc, "url", None) if doc else None
    if not text.strip():
        # trafilatura skips short pages; fall back to all visible text of the body.
        text = strip_html(page)
    if title and text.startswith(title):  # trafilatura repeats the <h1> as the first line
        text = text[len(title):].lstrip("\n")
    return build_article(item, text, opts, title=title, date=date, url=url)


def _iso_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def refuse_unsafe_xml(data: bytes) -> str | None:
    """Why defusedxml refuses this XML (entity declarations, external references), else None.

    A document that is merely not well-formed is left to feedparser's lenient parser,
    unless it declares entities at all: those are refused before any parser sees them.
    """
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    if _ENTITY_DECL.search(data):
        return "unsafe XML refused: the document declares entities (entity expansion is off)"
    try:
        safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"unsafe XML refused: {type(exc).__name__}"
    except ParseError:
        return None
    return None


def read_feed(item: str, data: bytes, opts: ReadOptions) -> Iterator[Result]:
    """One Article per RSS/Atom entry, named feed#n (1-based); HTML in entries is stripped."""
    if not data.strip():
        yield Rejected(item, "empty file", E_EMPTY)
        return
    if kind := sniff_binary(data):
        yield Rejected(item, f"binary file ({kind})", E_BINARY)
        return
    if reason := refuse_unsafe_xml(data):
        yield Rejected(item, reason, E_UNSAFE_XML)
        return
    import feedparser

    # A stream, never bytes: feedparser would treat bytes that look like a path or URL as one.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        why = one_line(str(parsed.get("bozo_exception", ""))) if parsed.bozo else ""
        yield Rejected(item, f"not an RSS/Atom feed with items{': ' + why if why else ''}",
                       E_MALFORMED)
        return
    source = strip_html(parsed.feed.get("title", "") or "") or None
    for n, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(f"{item}#{n}", entry, source, opts)


def _entry_article(where: str, entry: dict[str, Any], source: str | None, opts: ReadOptions) -> Result:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = "\n".join(contents) or entry.get("summary", "") or ""
    text = strip_html(body)
    if not text:
        return Rejected(where, "empty text (feed item has no content or summary)", E_EMPTY)
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    date = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
    guid = entry.get("id") or entry.get("link")
    return build_article(
        where, text, opts,
        title=strip_html(entry.get("title", "") or "") or None,
        date=date,
        article_id=stable_id("feed", guid) if guid else None,
        source=source,
        url=entry.get("link"),
    )
