"""Recall with and without the prefilter, on the gold sets, in ONE run (same model, same patterns).

    .venv/bin/python benchmarks/prefilter_recall.py [GOLD ...] [--json]

Default gold sets: gold/detente_gold.jsonl (repository) and ../shared/data/plover_gsr/sentences.jsonl.
Prints event-type precision/recall/F1 for each setting and the recall lost by the prefilter (target:
at most 1 percentage point). Also prints the seconds each pass took.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from detente.bench import repo_root
from detente.evaluation import evaluate
from detente.pipeline import Coder, CoderSettings


def default_gold() -> list[Path]:
    root = repo_root()
    return [p for p in (root / "gold" / "detente_gold.jsonl",
                        root.parent / "shared" / "data" / "plover_gsr" / "sentences.jsonl") if p.exists()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = args.gold or default_gold()
    rows = {}
    coders = {p: Coder(settings=CoderSettings(prefilter=p)) for p in (True, False)}
    for name in map(str, gold):
        for prefilter, coder in coders.items():
            s = evaluate([Path(name)], coder=coder).summary()
            et = s["event_type"]
            rows[(name, prefilter)] = {"precision": et.get("precision"), "recall": et.get("recall"),
                                       "f1": et.get("f1"), "cameo_root_recall": s["cameo_root"].get("recall"),
                                       "n": s.get("n"), "seconds": s.get("seconds")}
    out = []
    for name in map(str, gold):
        on, off = rows[(name, True)], rows[(name, False)]
        out.append({"gold": name, "prefilter_on": on, "prefilter_off": off,
                    "recall_lost_points": round(100 * ((off["recall"] or 0) - (on["recall"] or 0)), 2)})
    if args.json:
        print(json.dumps(out))
        return
    for r in out:
        print(f"{r['gold']}\n  prefilter on : {r['prefilter_on']}\n  prefilter off: {r['prefilter_off']}\n"
              f"  recall lost  : {r['recall_lost_points']} points")


if __name__ == "__main__":
    main()
