"""Parquet shards: the coded output of one slice of an input stream, written by a worker.

A shard is a directory ``<shard_id>/`` holding three Parquet files, all keyed by ``seq`` (the item's
position in the input stream, so the loader can replay items exactly in input order):

* ``articles.parquet`` — every article given to the coder (its text too: the store computes the
  content hash and skips duplicates at load time), with ``error_*`` set when coding failed;
* ``events.parquet`` — the coded events (``EVENT_FIELDS`` + ``explanation`` as JSON);
* ``rejects.parquet`` — items the reader rejected before coding.

A shard is written under a hidden temporary name and renamed into place when complete, so a reader
never sees half a shard (``list_shards`` ignores names starting with "."). Shard ids sort in input
order: ``shard-<run>-<index:06d>``.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..models import EVENT_FIELDS, Article, Event

FILES = ("articles.parquet", "events.parquet", "rejects.parquet")

ARTICLE_SCHEMA = pa.schema([
    ("seq", pa.int64()), ("id", pa.string()), ("text", pa.string()), ("title", pa.string()),
    ("date", pa.date32()), ("source", pa.string()), ("url", pa.string()), ("origin", pa.string()),
    ("error_type", pa.string()), ("error_message", pa.string()), ("error_code", pa.string()),
])
_EVENT_TYPES = {"sentence_index": pa.int32(), "span_start": pa.int32(), "span_end": pa.int32(),
                "date": pa.date32(), "historical": pa.bool_(), "quad_class": pa.int32(),
                "goldstein": pa.float64(), "lat": pa.float64(), "lon": pa.float64(), "confidence": pa.float64()}
EVENT_SCHEMA = pa.schema([("seq", pa.int64())]
                         + [(f, _EVENT_TYPES.get(f, pa.string())) for f in EVENT_FIELDS]
                         + [("explanation", pa.string())])
REJECT_SCHEMA = pa.schema([("seq", pa.int64()), ("item", pa.string()), ("reason", pa.string()),
                           ("code", pa.string())])


def new_run_id() -> str:
    """A sortable id for one coding job: UTC time + a random suffix."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def shard_name(run_id: str, index: int) -> str:
    return f"shard-{run_id}-{index:06d}"


@dataclass(frozen=True)
class ShardItem:
    """One input item as the loader replays it: an article with its result, or a reject."""

    seq: int
    article: Article | None = None
    events: list[Event] | None = None  # None with an article: coding failed (see error)
    error: tuple[str, str, str] | None = None  # (type name, first line of message, error code)
    reject: tuple[str, str, str] | None = None  # (item, reason, code)


@dataclass(frozen=True)
class ShardInfo:
    shard_id: str
    articles: int
    events: int
    rejects: int
    failed: int


def _error_of(exc: BaseException) -> tuple[str, str, str]:
    msg = str(exc).splitlines()[0] if str(exc) else ""
    return type(exc).__name__, msg, str(getattr(exc, "code", "E000"))


def write_shard(directory: Path | str, shard_id: str, coded: Iterable[tuple[int, Article, Any]],
                rejects: Iterable[tuple[int, str, str, str]] = ()) -> ShardInfo:
    """Write ``(seq, article, events | exception)`` and ``(seq, item, reason, code)`` as shard ``shard_id``."""
    directory = Path(directory)
    arts: list[dict[str, Any]] = []
    evs: list[dict[str, Any]] = []
    failed = 0
    for seq, article, result in coded:
        err = _error_of(result) if isinstance(result, BaseException) else (None, None, None)
        failed += err[0] is not None
        arts.append({"seq": seq, "id": article.id, "text": article.text, "title": article.title,
                     "date": article.date, "source": article.source, "url": article.url,
                     "origin": article.origin, "error_type": err[0], "error_message": err[1],
                     "error_code": err[2]})
        if not isinstance(result, BaseException):
            for ev in result:
                row = ev.model_dump(mode="python")
                evs.append({"seq": seq, **{f: row[f] for f in EVENT_FIELDS},
                            "explanation": json.dumps(ev.explanation, ensure_ascii=False)})
    rej = [{"seq": s, "item": i, "reason": r, "code": c} for s, i, r, c in rejects]
    tmp = directory / f".{shard_id}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir(parents=True)
    try:
        for name, rows, schema in zip(FILES, (arts, evs, rej), (ARTICLE_SCHEMA, EVENT_SCHEMA, REJECT_SCHEMA)):
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp / name)
        os.replace(tmp, directory / shard_id)  # atomic: the shard appears whole or not at all
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ShardInfo(shard_id, len(arts), len(evs), len(rej), failed)


def list_shards(directory: Path | str) -> list[Path]:
    """Complete shards in ``directory``, in input order."""
    directory = Path(directory)
    return sorted(p for p in directory.iterdir()
                  if p.is_dir() and p.name.startswith("shard-") and all((p / f).exists() for f in FILES))


def read_shard(path: Path | str) -> Iterator[ShardItem]:
    """The shard's items in input (seq) order."""
    path = Path(path)
    arts = pq.read_table(path / FILES[0]).to_pylist()
    events: dict[int, list[Event]] = {}
    for row in pq.read_table(path / FILES[1]).to_pylist():
        seq = row.pop("seq")
        row["explanation"] = json.loads(row["explanation"] or "{}")
        events.setdefault(seq, []).append(Event.model_validate(row))
    items = [ShardItem(seq=r["seq"], reject=(r["item"], r["reason"], r["code"]))
             for r in pq.read_table(path / FILES[2]).to_pylist()]
    for r in arts:
        article = Article(id=r["id"], text=r["text"], title=r["title"], date=r["date"], source=r["source"],
                          url=r["url"], origin=r["origin"] or "")
        if r["error_type"] is not None:
            items.append(ShardItem(seq=r["seq"], article=article,
                                   error=(r["error_type"], r["error_message"] or "", r["error_code"] or "E000")))
        else:
            items.append(ShardItem(seq=r["seq"], article=article, events=events.get(r["seq"], [])))
    return iter(sorted(items, key=lambda it: it.seq))
