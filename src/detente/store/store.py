"""The event store: the only module that imports duckdb.

``Store`` owns one DuckDB connection. Writes go through ``ingest`` (one transaction per batch, see
writer.py); reads go through ``query`` (guarded), ``events``, ``dyad_timeline`` and ``stats``.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

import duckdb

from ..errors import StoreError, UsageError
from ..models import Article, Event
from . import migrations
from .dedup import DedupConfig
from .event_select import event_select
from .filters import EventFilters
from .query_guard import check_read_only
from .timeline import PERIODS  # noqa: F401  (re-exported: store.PERIODS)
from .writer import Batch, commit_batch, content_hash, split_batch

if TYPE_CHECKING:
    import pandas as pd  # annotations only: importing pandas costs ~0.4 s of every CLI start

    from .analytics import Facet, Series
    from .read_api import EventQuery

log = logging.getLogger(__name__)

DEFAULT_DB = "detente.duckdb"
#: Errors that come from the data of a batch rather than from the store: the batch is retried one
#: article at a time (DataError: a value DuckDB cannot convert; the rest: Python-level bugs or limits).
_DATA_ERRORS = (duckdb.DataError, duckdb.IntegrityError, ArithmeticError, ValueError, TypeError, KeyError)
#: Statement types DuckDB's own parser may report for an allowed query.
_READ_TYPES = {"SELECT", "EXPLAIN"}


class CoderLike(Protocol):
    def code_many(self, articles: Iterable[Article]) -> Iterable[tuple[Article, list[Event] | Exception]]: ...


@dataclass
class IngestSummary:
    articles_new: int = 0
    articles_skipped: int = 0
    mentions: int = 0
    events: int = 0  # events this run added (rows in the events table after it minus before it)
    events_total: int = 0  # rows in the events table after the run
    rejects: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class QueryResult(list[tuple[Any, ...]]):
    """Rows (tuples) of a query, with ``.columns`` and ``.truncated`` (more rows than ``max_rows``)."""

    def __init__(self, rows: Iterable[tuple[Any, ...]], columns: list[str], truncated: bool = False):
        super().__init__(rows)
        self.columns = columns
        self.truncated = truncated


class QueryTimeout(StoreError):
    """A query ran past its time limit and was interrupted."""


def default_db_path() -> Path:
    return Path(os.environ.get("DETENTE_DB") or DEFAULT_DB)


def _is_rejected(item: Any) -> bool:
    return not isinstance(item, Article) and hasattr(item, "item") and hasattr(item, "reason")


class DuckDBStore:
    """The DuckDB event store (backend ``duckdb``; implements ``detente.store.protocol.BrowsableStore``).

    ``DuckDBStore(path, read_only=True)`` opens an existing file for queries only."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False,
                 dedup: DedupConfig | None = None):
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        self.dedup = dedup or DedupConfig()
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path} (run `detente ingest` first)")
        if not read_only and self.path.parent and not self.path.parent.exists():
            raise StoreError(f"directory {self.path.parent} does not exist")
        # No file access from SQL: the store never needs it (exports go through pyarrow/pandas).
        config: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False,
                                                                    "lock_configuration": True}
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only, config=config)
        except (duckdb.IOException, duckdb.Error) as exc:
            raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from None
        try:
            if read_only:
                if migrations.MIGRATIONS and not self._has_table("_migrations"):
                    raise StoreError(f"{self.path} is not a Détente store")
                migrations.check_version(self._con, self.path, read_only=True)
            else:
                migrations.applied(self._con)  # creates _migrations in a new file
                migrations.check_version(self._con, self.path, read_only=False)
                migrations.migrate(self._con)
        except (StoreError, duckdb.Error) as exc:  # e.g. a truncated file: one clear error, no traceback
            self.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot open {self.path}: {str(exc).splitlines()[0]}") from None

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None  # type: ignore[assignment]  # closed: typed for the open store, used only while open

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def con(self) -> Any:
        if self._con is None:
            raise StoreError("store is closed")
        return self._con

    def _has_table(self, name: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchall()[0][0])

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    # -- writing -----------------------------------------------------------------------------------
    def add_rejects(self, rejects: Iterable[Any]) -> int:
        """Record rejected items (objects with .item, .reason, .code); returns how many were new."""
        self._require_writable()
        batch = Batch()
        now = dt.datetime.now()
        for r in rejects:
            batch.add_reject(str(r.item), str(r.reason), str(getattr(r, "code", "") or "E100"), now)
        before = self._count("rejects")
        commit_batch(self.con, batch, self.dedup)
        return self._count("rejects") - before

    def ingest(self, items: Iterable[Any], coder: CoderLike, *, batch_size: int = 50,
               progress: Callable[[int], None] | None = None,
               on_commit: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        """Code and store articles; record rejected items.

        Idempotent: an article whose content hash is already stored (or seen earlier in this run) is
        skipped without coding. Crash-safe: every ``batch_size`` handled items are committed in ONE
        transaction (articles, mentions, rebuilt events and links, rejects), and the fate of each item
        depends only on the items before it, so a killed run followed by a rerun ends in the same state.
        ``progress(n)`` is called as items are handled; ``on_commit(summary)`` after each commit.
        """
        self._require_writable()
        if batch_size < 1:
            raise UsageError("batch_size must be >= 1")
        start = time.perf_counter()
        summary = IngestSummary()
        events_before = self._count("events")
        id_hash = dict(self.con.execute("SELECT article_id, content_hash FROM articles").fetchall())
        seen_hashes = set(id_hash.values())
        hashes: dict[str, str] = {}
        # The coder may pull articles ahead of what it has returned (or from another thread), so the
        # generator only appends notes here; the main loop drains them into the current batch.
        notes: deque[tuple[str, Any]] = deque()

        def to_code() -> Iterator[Article]:
            for item in items:
                if _is_rejected(item):
                    notes.append(("reject", (str(item.item), str(item.reason),
                                             str(getattr(item, "code", "") or "E100"))))
                    continue
                if not isinstance(item, Article):
                    raise UsageError(f"ingest expects Article or Rejected items, got {type(item).__name__}")
                h = content_hash(item.text)
                if h in seen_hashes:
                    notes.append(("skip", None))
                    continue
                if item.id in id_hash:
                    notes.append(("reject", (item.origin or item.id,
                                             f"duplicate id {item.id!r} with different text", "E100")))
                    continue
                seen_hashes.add(h)
                id_hash[item.id] = hashes[item.id] = h
                yield item

        batch = Batch()
        now = dt.datetime.now()

        def drain() -> None:
            n = 0
            while notes:
                kind, payload = notes.popleft()
                n += 1
                if kind == "skip":
                    summary.articles_skipped += 1
                else:
                    item, reason, code = payload
                    batch.add_reject(item, reason, code, now)
                    summary.rejects += 1
            if progress and n:
                progress(n)

        def commit() -> None:
            nonlocal batch, now
            self._commit(batch, summary)
            if on_commit:
                on_commit(summary)
            batch, now = Batch(), dt.datetime.now()

        for article, result in coder.code_many(to_code()):
            drain()
            if isinstance(result, BaseException):
                msg = str(result).splitlines()[0] if str(result) else ""
                batch.add_reject(article.origin or article.id, f"coding failed: {type(result).__name__}: {msg}",
                                 str(getattr(result, "code", "E000")), now)
                summary.rejects += 1
            else:
                batch.add_article(article, hashes[article.id], now)
                batch.add_events(article, result)
            if progress:
                progress(1)
            if len(batch.articles) + len(batch.rejects) >= batch_size:
                commit()
        drain()
        if batch.articles or batch.rejects:
            commit()
        summary.events_total = self._count("events")
        summary.events = max(0, summary.events_total - events_before)
        summary.seconds = time.perf_counter() - start
        return summary

    def _commit(self, batch: Batch, summary: IngestSummary) -> None:
        try:
            self._write(batch)
        except _DATA_ERRORS as exc:  # one article's data (a value DuckDB or dedup cannot take)
            log.warning("batch refused (%s); committing its articles one by one", exc)
            batch = self._commit_each(batch, summary)
        summary.articles_new += len(batch.articles)
        summary.mentions += len(batch.mentions)
        log.info("committed batch: %d articles, %d mentions, %d rejects",
                 len(batch.articles), len(batch.mentions), len(batch.rejects))

    def _write(self, batch: Batch) -> None:
        """One transaction; a failure of the store itself (I/O, lock, disk full) is a StoreError."""
        try:
            commit_batch(self.con, batch, self.dedup)
        except _DATA_ERRORS:
            raise
        except (duckdb.Error, OSError) as exc:  # OSError: e.g. ENOSPC from a Python-level write
            raise StoreError(f"cannot write batch to {self.path}: {str(exc).splitlines()[0]}") from exc

    def _commit_each(self, batch: Batch, summary: IngestSummary) -> Batch:
        """Commit the batch's rejects, then each article alone; an article whose rows cannot be stored
        becomes a reject (so one bad article never stops the batch). Returns what was stored."""
        rejects, singles = split_batch(batch)
        self._write(rejects)
        stored = Batch()
        for article, single in singles:
            try:
                self._write(single)
            except _DATA_ERRORS as exc:
                reason = f"cannot store: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
                failed = Batch()
                failed.add_reject(article.get("origin") or article["article_id"], reason, StoreError.code,
                                  article["ingested_at"])
                self._write(failed)
                summary.rejects += 1
                continue
            stored.articles += single.articles
            stored.mentions += single.mentions
        return stored

    # -- reading -----------------------------------------------------------------------------------
    def _count(self, table: str) -> int:
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])

    def query(self, sql: str, params: list[Any] | None = None, *, max_rows: int | None = None,
              timeout_s: float | None = None) -> QueryResult:
        """Run ONE read-only statement (SELECT/WITH/DESCRIBE/SHOW/EXPLAIN); anything else -> StoreError.

        ``max_rows``: fetch at most this many rows (``.truncated`` says whether there were more).
        ``timeout_s``: interrupt the query after this many seconds (QueryTimeout)."""
        stmt = check_read_only(sql)
        try:
            parsed = duckdb.extract_statements(stmt)
        except duckdb.Error as exc:
            raise StoreError(f"bad SQL: {str(exc).splitlines()[0]}") from None
        if len(parsed) != 1 or parsed[0].type.name not in _READ_TYPES:
            raise StoreError("only one read-only query is allowed")
        cur = self.con.cursor()
        timer = threading.Timer(timeout_s, cur.interrupt) if timeout_s is not None else None
        truncated = False
        try:
            if not self.read_only:  # the writable connection: run inside a transaction we throw away
                cur.execute("BEGIN TRANSACTION")
            if timer is not None:
                timer.start()
            cur.execute(stmt, params or [])
            columns = [d[0] for d in cur.description] if cur.description else []
            rows = (cur.fetchall() if max_rows is None else cur.fetchmany(max_rows + 1)) if cur.description else []
            if max_rows is not None and len(rows) > max_rows:
                rows, truncated = rows[:max_rows], True
        except duckdb.InterruptException:
            if timeout_s is None:  # interrupted by someone else (Ctrl-C)
                raise StoreError("query interrupted") from None
            raise QueryTimeout(f"query interrupted after {timeout_s:g} s: make it cheaper "
                               f"(filter or aggregate first, add a LIMIT)") from None
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {str(exc).splitlines()[0]}") from None
        finally:
            if timer is not None:
                timer.cancel()
            if not self.read_only:
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass
            cur.close()
        return QueryResult(rows, columns, truncated)

    def _events_sql(self, filters: EventFilters) -> tuple[str, list[Any]]:
        where, params = filters.where("e")
        limit = str(int(filters.limit)) if filters.limit is not None else ""
        return event_select(where, order="e.date NULLS LAST, e.event_id", limit=limit), params

    def events(self, filters: EventFilters | None = None, **kwargs: Any) -> pd.DataFrame:
        """Deduplicated events (one row per events row, with anchor provenance) as a DataFrame."""
        if filters is None:
            filters = EventFilters.from_kwargs(**kwargs)
        elif kwargs:
            raise UsageError("pass either an EventFilters or keyword filters, not both")
        sql, params = self._events_sql(filters)
        return self.con.execute(sql, params).df()

    def event_rows(self, filters: EventFilters | None = None, chunk: int = 2048) -> Iterator[dict[str, Any]]:
        """Like ``events`` but streamed as dicts of plain Python values (used by the exporters)."""
        sql, params = self._events_sql(filters or EventFilters())
        cur = self.con.cursor()
        try:
            cur.execute(sql, params)
            names = [d[0] for d in cur.description]
            while rows := cur.fetchmany(chunk):
                for r in rows:
                    yield dict(zip(names, r))
        except duckdb.Error as exc:  # e.g. a truncated or corrupt file
            raise StoreError(f"cannot read {self.path}: {str(exc).splitlines()[0]}") from None
        finally:
            cur.close()

    def event_columns(self) -> list[str]:
        """Column names of ``events`` / ``event_rows`` output."""
        sql, params = self._events_sql(EventFilters(limit=0))
        cur = self.con.execute(sql, params)
        return [d[0] for d in cur.description]

    def events_arrow(self, filters: EventFilters | None = None) -> Any:
        """Like ``events`` but as a pyarrow Table (used by parquet export)."""
        sql, params = self._events_sql(filters or EventFilters())
        try:
            return self.con.sql(sql, params=params).to_arrow_table()
        except duckdb.Error as exc:  # e.g. a truncated or corrupt file
            raise StoreError(f"cannot read {self.path}: {str(exc).splitlines()[0]}") from None

    def mentions_of(self, event_id: str) -> pd.DataFrame:
        """All mentions linked to one event, in (date, article, sentence) order."""
        return self.con.execute(
            "SELECT m.* FROM event_mentions l JOIN mentions m USING (mention_id) WHERE l.event_id = ? "
            "ORDER BY m.date, m.article_id, m.sentence_index, m.span_start", [event_id]).df()

    def dyad_timeline(self, a: str, b: str, by: str = "day", *, directed: bool = False,
                      filters: EventFilters | None = None) -> pd.DataFrame:
        """Factual events between A and B per period: counts, quad-class counts, mean Goldstein."""
        from .timeline import dyad_frame

        return dyad_frame(self, a, b, by, directed=directed, filters=filters)

    def dyad_series(self, a: str, b: str, by: str = "month", *, since: dt.date | None = None,
                    until: dt.date | None = None, max_periods: int = 1000,
                    min_confidence: float = 0.0) -> list[dict[str, Any]]:
        """The dyad timeline per direction with every period present (see timeline.dyad_series)."""
        from .timeline import dyad_series

        return dyad_series(self, a, b, by, since=since, until=until, max_periods=max_periods,
                           min_confidence=min_confidence)

    # -- the HTTP API's reads (store/read_api.py) ----------------------------------------------------------
    def events_page(self, query: EventQuery) -> tuple[list[dict[str, Any]], tuple[Any, str] | None]:
        """One page of events in the query's sort order, and the keyset position of the next page."""
        from . import read_api

        return read_api.events_page(self, query)

    def count_events(self, query: EventQuery | None = None) -> int:
        from . import read_api

        return read_api.count_events(self, query or read_api.EventQuery())

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        from . import read_api

        return read_api.event_detail(self, event_id)

    def actors(self, text: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        from . import read_api

        return read_api.actors(self, text, limit)

    def plover_type_counts(self) -> dict[str, int]:
        from . import read_api

        return read_api.plover_type_counts(self)

    def facet_counts(self, query: EventQuery, field: str, limit: int = 50) -> Facet:
        from . import analytics

        return analytics.facet(self, query, field, limit)

    def actor_series(self, query: EventQuery, actor: str, by: str = "month", *, max_periods: int = 1000) -> Series:
        from . import analytics

        return analytics.series(self, query, actor, by, max_periods=max_periods)

    def rejects(self, limit: int = 5) -> list[dict[str, Any]]:
        return self.read_rows('SELECT item, reason, code, "at" FROM rejects ORDER BY "at" DESC, item LIMIT ?',
                              [limit])

    # -- SQL for the modules of this backend (read_api, timeline): parameterised, no guard ---------------
    def read_rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.con.cursor()
        try:
            cur.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r)) for r in cur.fetchall()]
        finally:
            cur.close()

    def read_frame(self, sql: str, params: list[Any]) -> pd.DataFrame:
        return self.con.execute(sql, params).df()

    def size_bytes(self) -> int:
        """Bytes on disk: the database file plus its write-ahead log. Until DuckDB checkpoints, a fresh
        store's rows are in ``FILE.wal`` and the file itself is only its header blocks."""
        total = 0
        for f in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                total += f.stat().st_size
            except OSError:
                pass
        return total

    def stats(self) -> dict[str, Any]:
        """Row counts and a few totals for the summary screen."""
        out: dict[str, Any] = {t: self._count(t) for t in ("articles", "mentions", "events", "rejects")}
        out["factual_events"] = int(self.con.execute("SELECT count(*) FROM events WHERE factual").fetchall()[0][0])
        out["merged_events"] = int(self.con.execute(
            "SELECT count(*) FROM events WHERE num_articles > 1").fetchall()[0][0])
        out["by_quad_class"] = {int(q): int(n) for q, n in self.con.execute(
            "SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()}
        first, last = self.con.execute("SELECT min(date), max(date) FROM events").fetchall()[0]
        out["first_date"], out["last_date"] = first, last
        out["migrations"] = migrations.applied(self.con) if not self.read_only else [
            r[0] for r in self.con.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]
        out["path"] = str(self.path)
        out["size_bytes"] = self.size_bytes()
        return out


#: The name code and docs used before the Store protocol (store/protocol.py): ``Store(path)`` opens DuckDB.
Store = DuckDBStore
