"""Assemble gold/news/{train,dev,test}.jsonl from the batches and their annotation passes.

    python tools/news_gold/merge.py            # needs gold/news/.work (tools/news_gold/sample.py)

For each batch the adjudicated pass (``BATCH.adj.jsonl``) is used when there is one, else pass A.
Every pass must pass tools/news_gold/check.py. Two normalisations, both documented in
docs/annotation.md: sentence indices become the verbatim sentence, and the PLOVER type of the four
CAMEO codes whose type Détente's ontology takes from the PLOVER manual rather than the CAMEO2PLOVER
table (163, 0813, 0814, 0831; tools/build_ontology.py OVERRIDES) follows the ontology.
Prints the sha256 of each split file.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLD = ROOT / "gold" / "news"
WORK = GOLD / ".work"
ANN = GOLD / "annotations"


sys.path.insert(0, str(HERE))
import check  # noqa: E402 - the annotation checker beside this file


def annotation_for(batch: str) -> Path | None:
    for suffix in ("adj", "A"):
        path = ANN / f"{batch}.{suffix}.jsonl"
        if path.exists():
            return path
    return None


def gold_event(ev: dict, sentences: list[str]) -> dict:
    plover = check.MANUAL_TYPES.get(ev["cameo"], ev["plover"])
    out = {"sentence": sentences[ev["s"]], "plover": plover, "cameo": ev["cameo"], "mode": ev["mode"],
           "historical": ev["historical"], "date": ev["date"], "trigger": ev["trigger"],
           "source": ev["source"], "target": ev["target"], "location": ev["location"]}
    if ev.get("note"):
        out["note"] = ev["note"]
    return out


def merge_split(split: str) -> tuple[int, int, int, list[str]]:
    records, missing = [], []
    for batch_path in sorted(WORK.glob(f"{split}_*.jsonl")):
        batch = check.read_jsonl(batch_path)
        ann_path = annotation_for(batch_path.stem)
        if ann_path is None:
            missing.append(batch_path.stem)
            continue
        anns = check.read_jsonl(ann_path)
        problems = check.check(batch, anns)
        if problems:
            raise SystemExit(f"{ann_path}: {len(problems)} problem(s), first: {problems[0]}")
        by_id = {a["id"]: a for a in anns}
        for art in batch:
            events = sorted(by_id[art["id"]]["events"], key=lambda e: e["s"])
            records.append({"id": art["id"], "title": art["title"], "date": art["date"], "source": art["source"],
                            "topic": art["topic"], "text": art["text"], "sentences": art["sentences"],
                            "events": [gold_event(e, art["sentences"]) for e in events]})
    if records:
        out = GOLD / f"{split}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    n_sent = sum(len(r["sentences"]) for r in records)
    n_ev = sum(len(r["events"]) for r in records)
    return len(records), n_sent, n_ev, missing


def main() -> int:
    for split in ("train", "dev", "test"):
        n_art, n_sent, n_ev, missing = merge_split(split)
        path = GOLD / f"{split}.jsonl"
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if n_art else "-"
        print(f"{split}: {n_art} articles, {n_sent} sentences, {n_ev} events; sha256 {digest}"
              + (f"; not yet annotated: {', '.join(missing)}" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
