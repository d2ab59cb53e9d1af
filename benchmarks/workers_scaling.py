"""1 worker vs N workers, measured in ONE run on the same articles (models loaded before the clock).

    .venv/bin/python benchmarks/workers_scaling.py [--limit 400] [--workers 2] [--repeats 2] [--json]

Runs, in turn and ``--repeats`` times: the in-process coder (what `detente code` uses with one
worker), a pool of 1 worker process, and a pool of N worker processes; prints the median articles/s
of each and the ratios N-pool / in-process and N-pool / 1-pool. Timing claims come from here, not
from the tests.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time

from detente.bench import default_corpus, load_corpus
from detente.parallel import ParallelCoder
from detente.pipeline import Coder


def timed(coder, articles) -> tuple[float, float]:
    """(wall s, CPU s of every process that coded: this one + the pool's workers)."""
    if isinstance(coder, ParallelCoder):
        coder.worker_cpu_s = 0.0
    start, cpu0 = time.perf_counter(), time.process_time()
    for _ in coder.code_many(articles):
        pass
    cpu = time.process_time() - cpu0 + (coder.worker_cpu_s if isinstance(coder, ParallelCoder) else 0.0)
    return time.perf_counter() - start, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    articles = load_corpus(args.corpus or default_corpus(), args.limit)
    local = Coder()
    local.code(articles[0])
    runs: dict[str, list[float]] = {"in_process": [], "pool_1": [], f"pool_{args.workers}": []}
    cpus: dict[str, list[float]] = {k: [] for k in runs}
    with ParallelCoder(1) as one, ParallelCoder(args.workers) as many:
        for pool in (one, many):  # start the workers and load their models before timing
            list(pool.code_many(articles[:1] * pool.workers * pool.chunk_size))
        for _ in range(args.repeats):
            for key, coder in (("in_process", local), ("pool_1", one), (f"pool_{args.workers}", many)):
                wall, cpu = timed(coder, articles)
                runs[key].append(wall)
                cpus[key].append(cpu)
        rss = max(many.worker_peak_rss_mb.values())
    med = {k: statistics.median(v) for k, v in runs.items()}
    n = len(articles)
    out = {"articles": n, "workers": args.workers, "repeats": args.repeats,
           **{f"{k}_articles_per_s": round(n / s, 2) for k, s in med.items()},
           "speedup_vs_in_process": round(med["in_process"] / med[f"pool_{args.workers}"], 3),
           "speedup_vs_pool_1": round(med["pool_1"] / med[f"pool_{args.workers}"], 3),
           # CPU seconds per article: equal figures mean no parallel overhead, so on idle cores the
           # speedup is the worker count; wall-time speedups above need idle cores to mean anything
           **{f"{k}_cpu_ms_per_article": round(1000 * statistics.median(v) / n, 1) for k, v in cpus.items()},
           "peak_rss_mb_per_worker": round(rss, 1), "seconds": {k: [round(x, 2) for x in v] for k, v in runs.items()}}
    if args.json:
        print(json.dumps(out))
        return
    for k, v in out.items():
        print(f"{k:32} {v}")


if __name__ == "__main__":
    main()
