"""Build a store of >= 100k events quickly for the load test: synthetic articles whose EVENT lines the
store tests' fake coder turns into events (no NLP), ingested through the ordinary Store.ingest path.

    .venv/bin/python benchmarks/load/build_store.py /tmp/load.duckdb --events 100000
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "store"))

from fake_coder import FakeCoder  # noqa: E402

from detente.models import Article  # noqa: E402
from detente.store import Store  # noqa: E402
from detente.testing.corpus import AGENTS, COUNTRIES, SOURCES, VERBS  # noqa: E402

EPOCH = dt.date(2022, 1, 1)


def articles(n_events: int, per_article: int, seed: int, days: int):
    rnd = random.Random(seed)
    for i in range((n_events + per_article - 1) // per_article):
        day = EPOCH + dt.timedelta(days=rnd.randrange(days))
        lines = [f"Synthetic load-test article {i} about diplomatic contacts, officials said."]
        for _ in range(per_article):
            (_, s), (_, t) = rnd.sample(COUNTRIES, 2)
            _, code = rnd.choice(VERBS)
            when = day - dt.timedelta(days=rnd.randrange(3))
            lines.append(f"EVENT {s}{rnd.choice(AGENTS)} {t}{rnd.choice(AGENTS)} {code} {when.isoformat()} day")
        yield Article(id=f"load{i:07d}", text="\n".join(lines), title=f"Load {i}", date=day,
                      source=rnd.choice(SOURCES), url=f"https://load.example/{i}", origin=f"load:{i}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("db", type=Path)
    ap.add_argument("--events", type=int, default=100_000, help="mentions to generate (events ~ the same)")
    ap.add_argument("--per-article", type=int, default=8)
    ap.add_argument("--days", type=int, default=1460)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    with Store(args.db) as store:
        store.ingest(articles(args.events, args.per_article, args.seed, args.days), FakeCoder(), batch_size=500)
        stats = store.stats()
    print(f"{args.db}: {stats['articles']:,} articles, {stats['mentions']:,} mentions, {stats['events']:,} events "
          f"in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
