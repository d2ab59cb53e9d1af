"""Load Parquet shards (written by the Ray runner, detente.scale.shards) into a Store — each exactly once.

Each shard is loaded in ONE transaction together with its row in ``_loaded_shards``, so a shard is
either entirely in the store and recorded, or not at all; a rerun (or a second loader) skips recorded
shards. Items are replayed in input order with the same rules as ``Store.ingest`` — an article whose
content hash is already stored (or seen earlier) is skipped, a known id with a different text is
rejected, a failed coding becomes a reject — so loading the shards of a run gives the same store as
ingesting the same inputs locally.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import StoreError, UsageError
from ..scale.shards import list_shards, read_shard
from . import schema
from .protocol import EventStore
from .store import DuckDBStore as Store
from .writer import Batch, _insert, content_hash, recompute_blocks

LOADED_TABLE = "_loaded_shards"
CREATE_LOADED = f"""
CREATE TABLE IF NOT EXISTS {LOADED_TABLE} (
    shard_id VARCHAR PRIMARY KEY, path VARCHAR, articles INTEGER, mentions INTEGER, rejects INTEGER,
    loaded_at TIMESTAMP NOT NULL
)"""


@dataclass
class ParquetLoadSummary:
    shards_loaded: int = 0
    shards_skipped: int = 0  # already recorded as loaded
    articles_new: int = 0
    articles_skipped: int = 0  # same text already stored
    mentions: int = 0
    rejects: int = 0
    events: int = 0  # rows in the events table after the load
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def loaded_shards(store: Store) -> set[str]:
    """Ids of the shards already loaded into ``store``."""
    exists = store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                               [LOADED_TABLE]).fetchall()[0][0]
    if not exists:
        return set()
    return {r[0] for r in store.con.execute(f"SELECT shard_id FROM {LOADED_TABLE}").fetchall()}


def _batch_for(path: Path, id_hash: dict[str, str], seen: set[str], summary: ParquetLoadSummary) -> Batch:
    """The shard's rows, decided item by item exactly as Store.ingest decides them."""
    batch = Batch()
    now = dt.datetime.now()
    for item in read_shard(path):
        if item.reject is not None:
            batch.add_reject(*item.reject, now)
            continue
        article = item.article
        assert article is not None
        h = content_hash(article.text)
        if h in seen:
            summary.articles_skipped += 1
            continue
        if article.id in id_hash:
            batch.add_reject(article.origin or article.id, f"duplicate id {article.id!r} with different text",
                             "E100", now)
            continue
        seen.add(h)
        id_hash[article.id] = h
        if item.error is not None:
            kind, msg, code = item.error
            batch.add_reject(article.origin or article.id, f"coding failed: {kind}: {msg}", code, now)
            continue
        batch.add_article(article, h, now)
        batch.add_events(article, item.events or [])
    return batch


def load_parquet_shards(store: EventStore, directory: Path | str, *,
                        progress: Callable[[str, bool], None] | None = None) -> ParquetLoadSummary:
    """Load every complete shard under ``directory`` not loaded before; ``progress(shard_id, loaded)``."""
    if not isinstance(store, Store):  # shards are loaded with DuckDB transactions (see _commit_shard)
        raise UsageError(f"the {type(store).__name__} backend cannot load Parquet shards; use a DuckDB store")
    if store.read_only:
        raise StoreError(f"{store.path} is open read-only")
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"no shard directory {directory}")
    start = time.perf_counter()
    summary = ParquetLoadSummary()
    con = store.con
    con.execute(CREATE_LOADED)
    for path in list_shards(directory):
        shard_id = path.name
        if con.execute(f"SELECT count(*) FROM {LOADED_TABLE} WHERE shard_id = ?", [shard_id]).fetchall()[0][0]:
            summary.shards_skipped += 1
            if progress:
                progress(shard_id, False)
            continue
        id_hash = dict(con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        seen = set(id_hash.values())
        counts = ParquetLoadSummary()
        batch = _batch_for(path, id_hash, seen, counts)
        _commit_shard(con, batch, shard_id, str(path), store)
        summary.shards_loaded += 1
        summary.articles_new += len(batch.articles)
        summary.articles_skipped += counts.articles_skipped
        summary.mentions += len(batch.mentions)
        summary.rejects += len(batch.rejects)
        if progress:
            progress(shard_id, True)
    summary.events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    summary.seconds = time.perf_counter() - start
    return summary


def _commit_shard(con: Any, batch: Batch, shard_id: str, path: str, store: Store) -> None:
    """Rows, rebuilt events and the shard's record: one transaction (the PRIMARY KEY stops a double load)."""
    con.execute("BEGIN TRANSACTION")
    try:
        _insert(con, "articles", schema.ARTICLE_COLUMNS, batch.articles)
        _insert(con, "mentions", schema.MENTION_COLUMNS, batch.mentions)
        _insert(con, "rejects", schema.REJECT_COLUMNS, batch.rejects, or_ignore=True)
        recompute_blocks(con, {m["block"] for m in batch.mentions}, store.dedup)
        con.execute(f"INSERT INTO {LOADED_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                    [shard_id, path, len(batch.articles), len(batch.mentions), len(batch.rejects),
                     dt.datetime.now()])
        con.execute("COMMIT")
    except BaseException as exc:
        con.execute("ROLLBACK")
        if isinstance(exc, Exception) and not isinstance(exc, StoreError):
            raise StoreError(f"cannot load shard {shard_id}: {str(exc).splitlines()[0]}") from exc
        raise
