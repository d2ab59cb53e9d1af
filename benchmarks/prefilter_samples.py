"""How much recall the prefilter costs: the same gold files and sample articles coded with the
prefilter on and off, in one run.

    .venv/bin/python benchmarks/prefilter_samples.py
"""
from __future__ import annotations

import json
from pathlib import Path

from detente.evaluation import evaluate
from detente.models import Article
from detente.pipeline import Coder, CoderSettings

REPO = Path(__file__).resolve().parents[1]
GOLD = [REPO.parent / "shared" / "data" / "plover_gsr" / "sentences.jsonl", REPO / "gold" / "detente_gold.jsonl"]


def sample_articles() -> list[Article]:
    out = []
    for line in (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.append(Article(id=r["id"], title=r["title"], text=r["text"],
                           date=r["date"] and __import__("datetime").date.fromisoformat(r["date"])))
    return out


def main() -> None:
    on, off = Coder(), Coder(settings=CoderSettings(prefilter=False))
    for gold in GOLD:
        if not gold.exists():
            continue
        a = evaluate([gold], coder=on).summary()
        b = evaluate([gold], coder=off).summary()
        print(f"{gold.name}: event-type recall with prefilter {a['event_type']['recall']:.4f}, "
              f"without {b['event_type']['recall']:.4f}; full-event recall {a['full_event']['recall']:.4f} vs "
              f"{b['full_event']['recall']:.4f}")
    arts = sample_articles()
    keys = lambda evs: {(e.sentence_index, e.trigger, e.cameo_code, e.source_code, e.target_code) for e in evs}  # noqa: E731
    with_pf = set().union(*(keys(r) for _, r in on.code_many(arts)))
    without = set().union(*(keys(r) for _, r in off.code_many(arts)))
    lost = without - with_pf
    print(f"sample articles ({len(arts)}): {len(without)} events without prefilter, {len(with_pf)} with; "
          f"lost {len(lost)} ({len(lost) / max(1, len(without)):.1%})")


if __name__ == "__main__":
    main()
