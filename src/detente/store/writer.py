"""Write one ingest batch (articles + mentions + rejects + recomputed events) inside one transaction.

Functions here receive an open DuckDB connection; only store.py opens connections.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..models import Article, Event, location_inferred, stable_id
from . import schema
from .dedup import Cluster, DedupConfig, MentionKey, block_key, cameo_base, cluster_block

_WS = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def content_hash(text: str) -> str:
    """Article identity: sha256 of the text, NFC-normalised, zero-width characters dropped,
    whitespace collapsed (so re-wrapped or re-encoded copies are the same article)."""
    norm = _WS.sub(" ", _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def count_sentences(article: Article) -> int:
    """The articles table's sentence count: the sentences the coder numbers (nlp.segment), at least 1."""
    from ..nlp.segment import split_sentences  # here, not above: importing detente.nlp loads spaCy

    return max(1, len(split_sentences(article.body)))


def reject_id(item: str, reason: str, code: str) -> str:
    return stable_id("reject", item, reason, code)


@dataclass
class Batch:
    """Rows waiting to be committed together."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def add_article(self, article: Article, chash: str, at: dt.datetime) -> None:
        self.articles.append({
            "article_id": article.id, "content_hash": chash, "title": article.title,
            "source": article.source, "url": article.url, "pub_date": article.date, "language": "en",
            "ingested_at": at, "n_sentences": count_sentences(article), "origin": article.origin,
        })

    def add_events(self, article: Article, events: Iterable[Event]) -> None:
        seen: set[str] = set()
        for ev in events:
            if ev.event_id in seen:  # the same mention twice from the coder: keep the first
                continue
            seen.add(ev.event_id)
            row = ev.to_row()
            row["mention_id"] = row.pop("event_id")
            row["article_id"] = article.id  # provenance always points at the stored article
            row["date"] = ev.date
            row["cameo_base"] = cameo_base(ev.cameo_code)
            row["factual"] = ev.is_factual
            row["explanation"] = json.dumps(ev.explanation, ensure_ascii=False)  # key order = the coder's
            row["block"] = block_key(ev.source_code, ev.target_code, ev.cameo_code, ev.plover_mode,
                                     str(row["mention_id"]))
            self.mentions.append(row)

    def add_reject(self, item: str, reason: str, code: str, at: dt.datetime) -> None:
        rid = reject_id(item, reason, code)
        if any(r["reject_id"] == rid for r in self.rejects):
            return
        self.rejects.append({"reject_id": rid, "item": item,
                             "reason": reason, "code": code, "at": at})


def _insert(con: Any, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]],
            or_ignore: bool = False) -> None:
    if not rows:
        return
    import pyarrow as pa  # here: every CLI start imports this module, only a write needs pyarrow

    data = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows])
    con.register("_detente_rows", data)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _detente_rows")
    finally:
        con.unregister("_detente_rows")


_LOCATION_FIELDS = ("location_name", "location_country", "lat", "lon")


def _event_row(c: Cluster, anchor: dict[str, Any], located: dict[str, Any] | None, added_at: Any,
               block: str) -> dict[str, Any]:
    """Representative fields come from the anchor mention; the place from the first located member."""
    row = {k: anchor.get(k) for k in schema.EVENT_COLUMNS if k in anchor}
    if located is not None:
        row.update({k: located.get(k) for k in _LOCATION_FIELDS})
    row.update(event_id=c.event_id, anchor_mention_id=c.anchor.mention_id,
               anchor_article_id=c.anchor.article_id, block=block,
               location_country=c.location or anchor.get("location_country") or "",  # else the anchor's guess
               num_mentions=c.num_mentions, num_sources=c.num_sources, num_articles=c.num_articles,
               added_at=added_at)
    return row


def recompute_blocks(con: Any, blocks: Iterable[str], config: DedupConfig) -> int:
    """Rebuild events and event_mentions of the given blocks from all their mentions; returns #events."""
    blocks = sorted(set(blocks))
    if not blocks:
        return 0
    cur = con.execute(
        "SELECT m.*, a.source AS _article_source, a.ingested_at AS _ingested_at FROM mentions m "
        "JOIN articles a USING (article_id) WHERE m.block IN (SELECT UNNEST(?::VARCHAR[]))", [blocks])
    names = [d[0] for d in cur.description]
    by_block: dict[str, list[dict[str, Any]]] = {}
    for tup in cur.fetchall():
        row = dict(zip(names, tup))
        by_block.setdefault(row["block"], []).append(row)
    con.execute("DELETE FROM event_mentions WHERE block IN (SELECT UNNEST(?::VARCHAR[]))", [blocks])
    con.execute("DELETE FROM events WHERE block IN (SELECT UNNEST(?::VARCHAR[]))", [blocks])
    events: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for block, rows in by_block.items():
        by_id = {r["mention_id"]: r for r in rows}
        # an inferred place (geo/infer.py) is a guess: it neither splits an event nor places its cluster
        keys = [MentionKey(r["mention_id"], r["article_id"], r["sentence_index"], r["span_start"], r["date"],
                           r["date_precision"],
                           "" if location_inferred(r.get("explanation")) else r["location_country"] or "",
                           r["_article_source"] or "")
                for r in rows]
        for c in cluster_block(keys, config):
            anchor = by_id[c.anchor.mention_id]
            located = by_id.get(c.location_from) if c.location_from else None
            events.append(_event_row(c, anchor, located, anchor["_ingested_at"], block))
            links.extend({"event_id": c.event_id, "mention_id": m.mention_id, "block": block}
                         for m in c.members)
    _insert(con, "events", schema.EVENT_COLUMNS, events)
    _insert(con, "event_mentions", ("event_id", "mention_id", "block"), links)
    return len(events)


def commit_batch(con: Any, batch: Batch, config: DedupConfig) -> int:
    """Write the batch and its recomputed events in ONE transaction; returns #events rebuilt."""
    con.execute("BEGIN TRANSACTION")
    try:
        _insert(con, "articles", schema.ARTICLE_COLUMNS, batch.articles)
        _insert(con, "mentions", schema.MENTION_COLUMNS, batch.mentions)
        _insert(con, "rejects", schema.REJECT_COLUMNS, batch.rejects, or_ignore=True)
        n = recompute_blocks(con, {m["block"] for m in batch.mentions}, config)
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except Exception:  # a failed COMMIT (e.g. disk full) already ended it: keep the real error
            pass
        raise
    return n


def split_batch(batch: Batch) -> tuple[Batch, list[tuple[dict[str, Any], Batch]]]:
    """The batch as its rejects alone plus one batch per article (with the article's mentions), so
    that a data error can be pinned on the article that causes it."""
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in batch.mentions:
        mentions.setdefault(m["article_id"], []).append(m)
    return Batch(rejects=list(batch.rejects)), [
        (a, Batch(articles=[a], mentions=mentions.get(a["article_id"], []))) for a in batch.articles]
