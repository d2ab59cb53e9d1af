"""What the prefilter costs in events and saves in time, on whole articles, in ONE run.

    .venv/bin/python benchmarks/prefilter_agreement.py [--corpus FILE] [--limit 300] [--json]

The gold sets are single sentences, which the prefilter always keeps (it keeps the first two
sentences of every article), so `detente eval` cannot show its recall loss. Here the same articles are
coded with the prefilter off (every sentence parsed: the reference) and with prefilter variants; for
each we print the share of sentences parsed, the coding CPU seconds, and the recall of the reference
events (same event_id: article, sentence, span, CAMEO code, actors, rule). Variants other than
"current" are proposals for events/prefilter.py, measured here without changing it.
"""
from __future__ import annotations

import argparse
import json
import time

from detente.bench import load_corpus
from detente.events.prefilter import Prefilter
from detente.pipeline import Coder, CoderSettings


class Variant:
    """A ``keep(sentences) -> flags`` from the shipped Prefilter's trigger search alone (no actor test)."""

    def __init__(self, pf: Prefilter, context: bool, first: int):
        self.pf, self.context, self.first = pf, context, first

    def keep(self, sentences: list[str]) -> list[bool]:
        hits = [self.pf.has_trigger(s) for s in sentences]
        keep = list(hits)
        if self.context:
            for i, hit in enumerate(hits):
                if hit and i > 0:
                    keep[i - 1] = True
        for i in range(min(self.first, len(keep))):
            keep[i] = True
        return keep


def run(coder: Coder, articles) -> tuple[float, set[str], int]:
    """(CPU seconds, event ids, sentences parsed). CPU time, not wall time: other jobs on a busy
    machine do not move it (everything runs in this one process)."""
    parsed = sum(len(coder.layout(a).segments) for a in articles)
    start = time.process_time()
    ids = {e.event_id for _, res in coder.code_many(articles) if not isinstance(res, Exception) for e in res}
    return time.process_time() - start, ids, parsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    articles = load_corpus(args.corpus, args.limit)
    off = Coder(settings=CoderSettings(prefilter=False))
    on = Coder(settings=CoderSettings(prefilter=True))
    off.code(articles[0])
    ref_s, ref, total = run(off, articles)
    rows = [{"variant": "off (reference)", "parsed_share": 1.0, "cpu_seconds": round(ref_s, 2), "events": len(ref),
             "recall_vs_off": 1.0, "speedup_vs_off": 1.0}]
    variants = {"current": on.prefilter,
                "trigger only (+ sentence before + first two)": Variant(on.prefilter, context=True, first=2),
                "no_context (hits + first 2)": Variant(on.prefilter, context=False, first=2),
                "hits + context, no first 2": Variant(on.prefilter, context=True, first=0)}
    for name, pf in variants.items():
        on.prefilter = pf
        secs, ids, parsed = run(on, articles)
        rows.append({"variant": name, "parsed_share": round(parsed / total, 3), "cpu_seconds": round(secs, 2),
                     "events": len(ids), "recall_vs_off": round(len(ids & ref) / max(1, len(ref)), 4),
                     "speedup_vs_off": round(ref_s / secs, 3)})
    if args.json:
        print(json.dumps({"articles": len(articles), "sentences": total, "rows": rows}))
        return
    print(f"{len(articles)} articles, {total} sentences")
    for r in rows:
        print("  ".join(f"{k}={v}" for k, v in r.items()))


if __name__ == "__main__":
    main()
