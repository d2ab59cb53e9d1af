"""Table layouts of the event store (DuckDB). Column lists are data so that inserts and docs share them."""
from __future__ import annotations

from ..models import EVENT_FIELDS

#: articles: one row per distinct article text (identity = content_hash of the normalised text).
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "content_hash", "title", "source", "url", "pub_date", "language",
    "ingested_at", "n_sentences", "origin",
)

#: mentions as migration m001 created them (frozen: m001 must build the same table forever).
MENTION_COLUMNS_V1: tuple[str, ...] = ("mention_id", *EVENT_FIELDS[1:], "cameo_base", "factual", "block")
#: mentions: every coded event occurrence (all Event fields; mention_id = Event.event_id), plus the
#: coder's reasons (``Event.explanation`` as a JSON object of strings; '{}' for mentions stored before m002).
MENTION_COLUMNS: tuple[str, ...] = (*MENTION_COLUMNS_V1, "explanation")

#: events: deduplicated real-world events; representative fields come from the anchor mention.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "anchor_mention_id", "anchor_article_id", "block", "date", "date_precision", "historical",
    "source_code", "source_country", "source_agent", "source_name",
    "target_code", "target_country", "target_agent", "target_name",
    "cameo_code", "cameo_base", "cameo_root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context",
    "location_name", "location_country", "lat", "lon", "factual", "confidence",
    "num_mentions", "num_sources", "num_articles", "added_at",
)

#: rejects: items that could not be ingested; reject_id = hash(item, reason, code) keeps reruns idempotent.
REJECT_COLUMNS: tuple[str, ...] = ("reject_id", "item", "reason", "code", "at")

_SQL_TYPES = {
    "sentence_index": "INTEGER", "span_start": "INTEGER", "span_end": "INTEGER",
    "date": "DATE", "historical": "BOOLEAN", "quad_class": "INTEGER", "goldstein": "DOUBLE",
    "lat": "DOUBLE", "lon": "DOUBLE", "confidence": "DOUBLE", "factual": "BOOLEAN",
}


def _col(name: str) -> str:
    return f"{name} {_SQL_TYPES.get(name, 'VARCHAR')}"


CREATE_ARTICLES = """
CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    title VARCHAR, source VARCHAR, url VARCHAR, pub_date DATE, language VARCHAR,
    ingested_at TIMESTAMP NOT NULL, n_sentences INTEGER, origin VARCHAR
)"""

CREATE_MENTIONS = (
    "CREATE TABLE mentions (\n    mention_id VARCHAR PRIMARY KEY,\n    "
    + ",\n    ".join(_col(c) for c in MENTION_COLUMNS_V1[1:])
    + "\n)"
)

#: m002: the explanation column; existing mentions get an empty explanation.
ADD_MENTION_EXPLANATION = "ALTER TABLE mentions ADD COLUMN explanation VARCHAR DEFAULT '{}'"

CREATE_EVENTS = """
CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, anchor_mention_id VARCHAR NOT NULL, anchor_article_id VARCHAR NOT NULL,
    block VARCHAR NOT NULL, date DATE, date_precision VARCHAR, historical BOOLEAN,
    source_code VARCHAR, source_country VARCHAR, source_agent VARCHAR, source_name VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_agent VARCHAR, target_name VARCHAR,
    cameo_code VARCHAR, cameo_base VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, factual BOOLEAN,
    confidence DOUBLE, num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, added_at TIMESTAMP
)"""

CREATE_EVENT_MENTIONS = """
CREATE TABLE event_mentions (
    event_id VARCHAR NOT NULL, mention_id VARCHAR NOT NULL PRIMARY KEY, block VARCHAR NOT NULL
)"""

CREATE_REJECTS = """
CREATE TABLE rejects (
    reject_id VARCHAR PRIMARY KEY, item VARCHAR NOT NULL, reason VARCHAR NOT NULL, code VARCHAR,
    "at" TIMESTAMP NOT NULL
)"""

CREATE_INDEXES = (
    "CREATE INDEX mentions_block ON mentions(block)",
    "CREATE INDEX mentions_article ON mentions(article_id)",
    "CREATE INDEX event_mentions_block ON event_mentions(block)",
    "CREATE INDEX events_block ON events(block)",
)
