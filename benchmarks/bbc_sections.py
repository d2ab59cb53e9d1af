"""Typed events per article on BBC sport, entertainment and politics (issue #13 targets).

    .venv/bin/python benchmarks/bbc_sections.py [--per-section 60] [--decider auto|on|off] [--json]

A seeded sample of BBC articles per section, leaving out every article of gold/news (train, dev
or test) and the half of BBC that the article relevance model may use as weak negatives, coded with the coder as shipped (``--decider auto``) or with the trained decider forced
on or off. Sport and entertainment should yield almost nothing (target <= 0.10 typed events per
article); politics keeps its events (target >= 2.5). Counts PLOVER-typed events of every mode.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from detente.models import Article
from detente.pipeline import Coder, CoderSettings
from detente.training.sentence_types import weak_half

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc" / "articles.jsonl"
SECTIONS = ("sport", "entertainment", "politics")
SEED = 7


def gold_ids() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "gold" / "news").glob("*.jsonl"):
        ids |= {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}
    return ids


def sample(per_section: int) -> dict[str, list[Article]]:
    skip = gold_ids()
    by_section: dict[str, list[dict]] = {s: [] for s in SECTIONS}
    for line in BBC.open(encoding="utf-8"):
        art = json.loads(line)
        section = (art.get("meta") or {}).get("category")
        # The article relevance model may train on the other half of BBC sport/entertainment.
        if section in by_section and art["id"] not in skip and weak_half(art["id"]) == "heldout":
            by_section[section].append(art)
    rng = random.Random(SEED)
    return {s: [Article(id=a["id"], title=a["title"], text=a["text"], date=None)
                for a in rng.sample(arts, min(per_section, len(arts)))] for s, arts in by_section.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-section", type=int, default=60)
    ap.add_argument("--decider", choices=("auto", "on", "off"), default="auto")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    decider = {"auto": None, "on": True, "off": False}[args.decider]
    coder = Coder(settings=CoderSettings(decider=decider))
    out = {}
    for section, articles in sample(args.per_section).items():
        types: Counter[str] = Counter()
        for _, events in coder.code_many(articles):
            if not isinstance(events, Exception):
                types.update(e.plover_type for e in events if e.plover_type)
        out[section] = {"articles": len(articles), "typed_events": sum(types.values()),
                        "per_article": round(sum(types.values()) / max(1, len(articles)), 3),
                        "top_types": dict(types.most_common(4))}
    if args.json:
        print(json.dumps({"decider": args.decider, "sections": out}, indent=1))
    else:
        for section, row in out.items():
            print(f"{section:14s} {row['articles']:3d} articles  {row['per_article']:.2f} typed events/article  "
                  f"{row['top_types']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
