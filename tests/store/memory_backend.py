"""A second store backend, kept in memory: the smallest real implementation of EventStore, and a toy
export format (``ARROWS``): what a plug-in package would register through its entry points.

Used by test_store_registries.py to show that a backend registered in ``detente.registry.stores`` is
used by ``open_store``, ``read_events`` and the CLI. Named stores live for the process (as a file would
between commands); events are the coder's mentions, one event per mention (no cross-article dedup).
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa

from detente.errors import StoreError, UsageError
from detente.models import EVENT_FIELDS, Article
from detente.store import EventFilters, EventStore, Exporter, IngestSummary, QueryResult, SqlUnavailable
from detente.store.timeline import check_period, period_start
from detente.store.writer import content_hash

STORES: dict[str, dict[str, Any]] = {}
COLUMNS = [*EVENT_FIELDS, "factual"]


def matches(row: dict[str, Any], f: EventFilters) -> bool:
    """EventFilters applied to one row in Python (the DuckDB backend turns them into SQL)."""
    def actor(side: str, code: str) -> bool:
        return str(row[f"{side}_code"] or "").startswith(code) or row[f"{side}_country"] == code

    if f.dyad:
        a, b = f.dyad
        fwd = actor("source", a) and actor("target", b)
        if not (fwd or (not f.directed and actor("source", b) and actor("target", a))):
            return False
    if f.country and f.country not in (row["source_country"], row["target_country"], row["location_country"]) \
            and not any(str(row[k] or "").startswith(f.country) for k in ("source_code", "target_code")):
        return False
    date = dt.date.fromisoformat(row["date"]) if row["date"] else None
    return ((not f.type or row["plover_type"] == f.type)
            and (not f.cameo or str(row["cameo_code"]).startswith(f.cameo))
            and (not f.since or (date is not None and date >= f.since))
            and (not f.until or (date is not None and date <= f.until))
            and (f.factual is None or row["factual"] == f.factual)
            and row["confidence"] >= f.min_confidence)


class MemoryStore:
    def __init__(self, name: str, *, read_only: bool = False):
        if read_only and name not in STORES:
            raise StoreError(f"no memory store {name!r}")
        self.path = Path(f"memory:{name}")
        self.read_only = read_only
        self.data = STORES.setdefault(name, {"hashes": set(), "events": [], "rejects": []})

    def close(self) -> None:
        pass

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, items: Iterable[Any], coder: Any, *, batch_size: int = 50,
               progress: Callable[[int], None] | None = None,
               on_commit: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        start, summary = time.perf_counter(), IngestSummary()
        fresh = []
        for item in items:
            if not isinstance(item, Article):  # a Rejected item (ingest/items.py)
                summary.rejects += 1
                self._reject(str(getattr(item, "item", item)), str(getattr(item, "reason", "not an article")),
                             getattr(item, "code", None))
            elif content_hash(item.text) in self.data["hashes"]:
                summary.articles_skipped += 1
            else:
                self.data["hashes"].add(content_hash(item.text))
                fresh.append(item)
        for article, result in coder.code_many(fresh):
            if isinstance(result, Exception):
                summary.rejects += 1
                self._reject(article.id, f"coding failed: {result}", "E500")
                continue
            summary.articles_new += 1
            summary.mentions += len(result)
            self.data["events"] += [{**e.to_row(), "factual": e.is_factual} for e in result]
        summary.events = summary.mentions
        summary.events_total = len(self.data["events"])
        summary.seconds = time.perf_counter() - start
        if on_commit:
            on_commit(summary)
        return summary

    def event_rows(self, filters: EventFilters | None = None) -> Iterator[dict[str, Any]]:
        f = (filters or EventFilters()).validated()
        rows = sorted((r for r in self.data["events"] if matches(r, f)),
                      key=lambda r: (r["date"] is None, r["date"] or "", r["event_id"]))
        yield from rows[: f.limit] if f.limit is not None else rows

    def event_columns(self) -> list[str]:
        return list(COLUMNS)

    def events(self, filters: EventFilters | None = None, **kwargs: Any) -> pd.DataFrame:
        flt = filters or EventFilters.from_kwargs(**kwargs)
        return pd.DataFrame(list(self.event_rows(flt)), columns=COLUMNS)

    def events_arrow(self, filters: EventFilters | None = None) -> pa.Table:
        return pa.Table.from_pylist(list(self.event_rows(filters)))

    def dyad_timeline(self, a: str, b: str, by: str = "day", *, directed: bool = False,
                      filters: EventFilters | None = None) -> pd.DataFrame:
        check_period(by)
        base = filters or EventFilters()
        flt = EventFilters(dyad=(a, b), directed=directed, since=base.since, until=base.until, factual=True)
        periods: dict[dt.date, list[dict[str, Any]]] = {}
        for r in self.event_rows(flt):
            if r["date"]:
                periods.setdefault(period_start(dt.date.fromisoformat(r["date"]), by), []).append(r)
        return pd.DataFrame([{
            "period": p, "events": len(rs), "mentions": len(rs),
            **{f"q{q}": sum(r["quad_class"] == q for r in rs) for q in (1, 2, 3, 4)},
            "goldstein_mean": round(sum(r["goldstein"] for r in rs) / len(rs), 2),
        } for p, rs in sorted(periods.items())],
            columns=["period", "events", "mentions", "q1", "q2", "q3", "q4", "goldstein_mean"])

    def _reject(self, item: str, reason: str, code: str | None) -> None:
        self.data["rejects"].append({"item": item, "reason": reason, "code": code, "at": dt.datetime.now()})

    def rejects(self, limit: int = 5) -> list[dict[str, Any]]:
        return list(reversed(self.data["rejects"]))[:limit]

    def query(self, sql: str, params: list[Any] | None = None, **limits: Any) -> QueryResult:
        raise SqlUnavailable("the memory backend has no SQL")

    def size_bytes(self) -> int | None:
        return None

    def stats(self) -> dict[str, Any]:
        events = self.data["events"]
        dates = sorted(r["date"] for r in events if r["date"])
        quads: dict[int, int] = {}
        for r in events:
            quads[r["quad_class"]] = quads.get(r["quad_class"], 0) + 1
        return {"articles": len(self.data["hashes"]), "mentions": len(events), "events": len(events),
                "rejects": len(self.data["rejects"]), "factual_events": sum(r["factual"] for r in events), "merged_events": 0,
                "by_quad_class": dict(sorted(quads.items())), "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None, "migrations": [], "path": str(self.path),
                "size_bytes": None}


def open_memory(location: str, *, read_only: bool = False, **options: Any) -> MemoryStore:
    if options:
        raise UsageError(f"the memory backend takes no options ({', '.join(options)})")
    return MemoryStore(location, read_only=read_only)


def write_arrows(store: EventStore, filters: EventFilters, fh: IO[Any]) -> int:
    """One line per event: SOURCE>TARGET CAMEO."""
    n = 0
    for row in store.event_rows(filters):
        fh.write(f"{row['source_code']}>{row['target_code']} {row['cameo_code']}\n")
        n += 1
    return n


ARROWS = Exporter(write_arrows, help="source>target CAMEO, one line per event")
