"""Behaviour snapshot: what the coder makes of a fixed set of articles, to prove a refactor changed nothing.

    python tools/behaviour_snapshot.py              # code the set, (re)write the snapshot
    python tools/behaviour_snapshot.py --compare    # code the set, print how it differs from the snapshot
    python tools/behaviour_snapshot.py --compare --only sample,seed   # the quick part only

The set: every article of samples/articles.jsonl, the acceptance seed article (publication date
2025-03-26) and 500 Reuters-21578 articles drawn with a fixed seed from the sorted ids of
../shared/data/reuters21578/articles.jsonl. The snapshot (tests/pipeline/snapshots/behaviour.jsonl.gz,
gzip with mtime 0, so the same behaviour gives the same bytes) has one line per article: its set and
id, the sha256 of the canonical JSON of all its events (every Event field, the explanation included,
in output order), the event count, a compact (rule, cameo, source, target, date) list that makes a
diff readable, and per event the short fields plus hashes of the long ones (sentence text,
explanation), so that a changed event is reported field by field.

tests/pipeline/test_behaviour_snapshot.py compares the current coder with the snapshot. An intended
change is recorded by rerunning this tool and committing the new snapshot with a line in
docs/behaviour-changes.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.models import Article, Event

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SNAPSHOT = REPO / "tests" / "pipeline" / "snapshots" / "behaviour.jsonl.gz"
SAMPLES = REPO / "samples" / "articles.jsonl"
SEED_DATE = dt.date(2025, 3, 26)
SEED_ID = "acceptance-seed"
REUTERS_COUNT = 500
REUTERS_SEED = 1987  # the draw is part of the snapshot's definition: changing it needs a new snapshot
SETS = ("sample", "seed", "reuters")
#: Settings that change what the coder does; a snapshot is only comparable without them.
USER_SETTINGS = ("DETENTE_PATTERNS", "DETENTE_ACTORS", "DETENTE_SPACY_MODEL")
#: Event fields too long to keep in the snapshot: stored as a short hash instead.
LONG_FIELDS = ("sentence_text", "explanation")
KEY_FIELDS = ("rule", "cameo_code", "source_code", "target_code", "date")


@dataclass(frozen=True)
class Item:
    """One article of the snapshot set; ``group`` is one of SETS."""

    group: str
    article: Article


# ---------------------------------------------------------------------------------------- the set
def sample_items(path: Path = SAMPLES) -> list[Item]:
    """Every article of samples/articles.jsonl, in file order."""
    return [Item("sample", _article(json.loads(line))) for line in _lines(path)]


def seed_item(shared: Path = SHARED) -> Item:
    """The acceptance seed article: first line title, the rest body, published 2025-03-26."""
    path = shared / "acceptance" / "seed" / "article.txt"
    title, _, body = _read(path).partition("\n")
    return Item("seed", Article(id=SEED_ID, title=title.strip(), text=body.strip(), date=SEED_DATE,
                                origin=str(path)))


def reuters_items(shared: Path = SHARED, count: int = REUTERS_COUNT, seed: int = REUTERS_SEED) -> list[Item]:
    """``count`` Reuters articles drawn with ``seed`` from the sorted ids, coded in id order."""
    path = shared / "data" / "reuters21578" / "articles.jsonl"
    records = {d["id"]: d for d in (json.loads(line) for line in _lines(path))}
    chosen = sorted(random.Random(seed).sample(sorted(records), count))
    return [Item("reuters", _article(records[i])) for i in chosen]


def snapshot_items(groups: Iterable[str] = SETS, shared: Path = SHARED) -> list[Item]:
    """The articles of the chosen sets, in snapshot order (samples, seed, Reuters)."""
    wanted = set(groups)
    unknown = wanted - set(SETS)
    if unknown:
        raise SystemExit(f"error: unknown set(s) {sorted(unknown)}; choose from {', '.join(SETS)}")
    items: list[Item] = []
    if "sample" in wanted:
        items += sample_items()
    if "seed" in wanted:
        items.append(seed_item(shared))
    if "reuters" in wanted:
        items += reuters_items(shared)
    return items


def _article(d: dict[str, Any]) -> Article:
    return Article(id=d["id"], text=d["text"], title=d.get("title"), date=d.get("date"),
                   source=d.get("source"), url=d.get("url"), origin=str(d["id"]))


def _read(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"snapshot input not found: {path} (shared data is read from {SHARED})")
    return path.read_text(encoding="utf-8")


def _lines(path: Path) -> list[str]:
    return [line for line in _read(path).splitlines() if line.strip()]


# ------------------------------------------------------------------------------------ the records
def event_data(event: Event) -> dict[str, Any]:
    """Every field of an event as JSON data, the explanation included (the flat output leaves it out)."""
    data: dict[str, Any] = event.model_dump(mode="json")
    data["explanation"] = dict(event.explanation)
    return data


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256(value: object) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def event_detail(data: dict[str, Any]) -> dict[str, Any]:
    """The event as stored: short fields as they are, long ones as a 12-character hash."""
    detail = {k: v for k, v in data.items() if k not in LONG_FIELDS}
    for k in LONG_FIELDS:
        detail[f"{k}_sha"] = sha256(data.get(k))[:12]
    return detail


def record(item: Item, outcome: list[Event] | Exception) -> dict[str, Any]:
    """The snapshot line of one article; an exception is behaviour too and is recorded as such."""
    rec: dict[str, Any] = {"set": item.group, "id": item.article.id}
    if isinstance(outcome, Exception):
        rec["error"] = f"{type(outcome).__name__}: {outcome}"
        return rec
    events = [event_data(e) for e in outcome]
    rec["sha256"] = sha256(events)
    rec["n"] = len(events)
    rec["events"] = [[e.get(k) for k in KEY_FIELDS] for e in events]
    rec["detail"] = [event_detail(e) for e in events]
    return rec


def code_items(items: Sequence[Item]) -> Iterator[dict[str, Any]]:
    """Code the articles with the default coder (detente.code_articles) and yield their records."""
    from detente import code_articles

    by_id = {it.article.id: it for it in items}
    if len(by_id) != len(items):
        raise SystemExit("error: the snapshot set has duplicate article ids")
    for article, outcome in code_articles(it.article for it in items):
        yield record(by_id[article.id], outcome)


def check_environment() -> None:
    """A user's extra patterns or actors would be recorded as the coder's behaviour: refuse."""
    set_vars = [v for v in USER_SETTINGS if os.environ.get(v)]
    if set_vars:
        raise SystemExit(f"error: unset {', '.join(set_vars)} first; the snapshot records the shipped coder")


# ------------------------------------------------------------------------------------- reading and writing
def write_snapshot(records: Iterable[dict[str, Any]], path: Path = SNAPSHOT) -> int:
    """Write the records as gzip'd JSONL with a zero mtime and no file name: same records, same bytes."""
    buf = io.BytesIO()
    n = 0
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        for rec in records:
            # keys in record order (set, id, sha256, n, events, detail): the line reads as it is built
            line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
            gz.write((line + "\n").encode("utf-8"))
            n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return n


def read_snapshot(path: Path = SNAPSHOT) -> list[dict[str, Any]]:
    if not path.is_file():
        raise FileNotFoundError(f"no behaviour snapshot at {path}; make one with `python tools/behaviour_snapshot.py`")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------------------------------------ the diff
def diff_records(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> list[str]:
    """Readable differences between two lists of records (empty: identical behaviour).

    Articles are matched by (set, id); within an article, identical events are paired first, then
    events at the same place (sentence, span, trigger) are reported as changed field by field; the
    rest appeared or disappeared.
    """
    out: list[str] = []
    old_by = {(r["set"], r["id"]): r for r in old}
    new_by = {(r["set"], r["id"]): r for r in new}
    for key in old_by.keys() - new_by.keys():
        out.append(f"{key[0]} {key[1]}: article missing from the new run")
    for key in new_by.keys() - old_by.keys():
        out.append(f"{key[0]} {key[1]}: article not in the snapshot")
    for key, o in old_by.items():
        n = new_by.get(key)
        if n is None or canonical(o) == canonical(n):
            continue
        lines = _article_diff(o, n)
        out.append(f"{key[0]} {key[1]}: {o.get('n', 'error')} -> {n.get('n', 'error')} events")
        out.extend("    " + line for line in lines)
    return out


def _article_diff(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    if "error" in old or "error" in new:
        return [f"outcome: {old.get('error', 'coded')} -> {new.get('error', 'coded')}"]
    before: list[dict[str, Any]] = list(old["detail"])
    after: list[dict[str, Any]] = list(new["detail"])
    lines: list[str] = []
    for e in list(before):  # identical events: only their order may differ
        same = next((a for a in after if canonical(a) == canonical(e)), None)
        if same is not None:
            before.remove(e)
            after.remove(same)
    if not before and not after:
        return ["same events, other order: " + " | ".join(_compact(e) for e in new["detail"])]
    for e in before:
        twin = next((a for a in after if _place(a) == _place(e)), None)
        if twin is None:
            lines.append(f"- {_compact(e)}")
            continue
        after.remove(twin)
        lines.append(f"~ {_compact(e)}")
        for field in sorted(e.keys() | twin.keys()):
            if e.get(field) != twin.get(field):
                lines.append(f"      {field}: {e.get(field)!r} -> {twin.get(field)!r}")
    lines.extend(f"+ {_compact(a)}" for a in after)
    if not lines:  # only the long fields' hash changed for the article as a whole
        lines.append(f"sha256 {old['sha256'][:12]} -> {new['sha256'][:12]}")
    return lines


def _place(e: dict[str, Any]) -> tuple[Any, ...]:
    return (e.get("sentence_index"), e.get("span_start"), e.get("span_end"), e.get("trigger"),
            e.get("source_code"), e.get("target_code"))


def _compact(e: dict[str, Any]) -> str:
    return (f"[s{e.get('sentence_index')} {e.get('trigger')!r}] {e.get('rule')} {e.get('cameo_code')} "
            f"{e.get('source_code') or '-'} -> {e.get('target_code') or '-'} {e.get('date')}")


# ------------------------------------------------------------------------------------------- the CLI
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--compare", action="store_true",
                        help="compare with the snapshot instead of writing it; exit 1 when they differ")
    parser.add_argument("--only", default=",".join(SETS),
                        help=f"comma-separated sets to code (default: all of {', '.join(SETS)}); writing needs all")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT, help=f"snapshot file (default: {SNAPSHOT})")
    parser.add_argument("--shared", type=Path, default=SHARED, help=f"shared data folder (default: {SHARED})")
    args = parser.parse_args(argv)
    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    if not args.compare and set(groups) != set(SETS):
        parser.error("writing the snapshot codes every set; --only is for --compare")
    check_environment()
    items = snapshot_items(groups, args.shared)
    new = list(code_items(items))
    if not args.compare:
        n = write_snapshot(new, args.snapshot)
        print(f"wrote {n} articles, {sum(r.get('n', 0) for r in new)} events to {args.snapshot}")
        return 0
    old = [r for r in read_snapshot(args.snapshot) if r["set"] in groups]
    problems = diff_records(old, new)
    print("\n".join(problems) if problems else f"identical: {len(new)} articles")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
