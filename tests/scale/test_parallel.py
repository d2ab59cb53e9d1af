"""detente.parallel: same output as one coder, input order, failures per article, bounded reading."""
from __future__ import annotations

import itertools

import pytest

from detente.parallel import (ParallelCoder, WorkerCrashed, WorkerError, WorkerInitError,
                              code_parallel)
from detente.pipeline import code_articles

from scale_helpers import article, broken_coder, scripted_coder


def normal(pairs):
    """Comparable form of (article, events | exception) pairs."""
    out = []
    for a, res in pairs:
        if isinstance(res, Exception):
            out.append((a.id, type(res).__name__, str(res)))
        else:
            out.append((a.id, [(e.model_dump(), e.explanation) for e in res]))
    return out


def test_parallel_matches_one_worker(local_coder, articles):
    one = normal(local_coder.code_many(articles))
    two = normal(code_parallel(articles, workers=2, chunk_size=3))
    assert sum(len(r[1]) for r in one if isinstance(r[1], list)) > 20  # the patterns fire: a real check
    assert two == one


def test_parallel_code_articles_workers_matches(local_coder, articles, scale_patterns):
    subset = articles[:12]
    assert normal(code_articles(subset, workers=2)) == normal(local_coder.code_many(subset))


def test_parallel_order_kept_with_uneven_work():
    arts = [article(i, f"SLOW {0.05 if i % 3 == 0 else 0}\nEVENT 04{i % 10}") for i in range(30)]
    with ParallelCoder(2, chunk_size=2, coder_factory=scripted_coder) as pc:
        got = list(pc.code_many(arts))
    assert [a.id for a, _ in got] == [a.id for a in arts]
    assert [r[0].cameo_code for _, r in got] == [f"04{i % 10}" for i in range(30)]


def test_parallel_failing_article_returns_its_exception():
    arts = [article(i, "FAIL" if i in (2, 7) else "EVENT 010") for i in range(10)]
    with ParallelCoder(2, chunk_size=4, coder_factory=scripted_coder) as pc:
        got = list(pc.code_many(arts))
        again = list(pc.code_many(arts[:3]))  # the pool still works afterwards
    failed = [a.id for a, r in got if isinstance(r, Exception)]
    assert failed == ["a0002", "a0007"]
    assert isinstance(got[2][1], ValueError) and "a0002" in str(got[2][1])
    assert all(len(r) == 1 for a, r in got if a.id not in failed)
    assert len(again) == 3 and isinstance(again[2][1], ValueError)


def test_parallel_unpicklable_exception_becomes_worker_error():
    arts = [article(0, "UNPICKLABLE"), article(1, "EVENT 010")]
    got = list(code_parallel(arts, workers=2, chunk_size=1, coder_factory=scripted_coder))
    assert isinstance(got[0][1], WorkerError) and "Unpicklable" in str(got[0][1])
    assert len(got[1][1]) == 1


def test_parallel_worker_crash_hits_only_the_culprit():
    arts = [article(i, "CRASH" if i == 5 else f"EVENT 0{i % 10}0") for i in range(12)]
    with ParallelCoder(2, chunk_size=3, coder_factory=scripted_coder) as pc:
        got = list(pc.code_many(arts))
        assert pc.restarts >= 1
    assert [a.id for a, _ in got] == [a.id for a in arts]
    crashed = [a.id for a, r in got if isinstance(r, WorkerCrashed)]
    assert crashed == ["a0005"]
    assert all(isinstance(r, list) and len(r) == 1 for a, r in got if a.id != "a0005")


def test_parallel_reads_input_lazily():
    pulled = 0

    def stream():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield article(i, "EVENT 010")

    with ParallelCoder(2, chunk_size=4, max_in_flight=3, coder_factory=scripted_coder) as pc:
        got = list(itertools.islice(pc.code_many(stream()), 5))
    assert len(got) == 5
    assert pulled <= 4 * 4  # the window (3 chunks) plus the chunk being refilled, never the whole stream


def test_parallel_worker_start_failure_raises():
    with pytest.raises(WorkerInitError, match="dictionary file is broken"):
        list(code_parallel([article(0, "EVENT 010")], workers=2, coder_factory=broken_coder))


def test_parallel_rejects_bad_arguments():
    with pytest.raises(ValueError):
        ParallelCoder(0)
    with pytest.raises(ValueError):
        ParallelCoder(2, chunk_size=0)


def test_parallel_warm_up_changes_no_output(local_coder, articles):
    with ParallelCoder(2, chunk_size=3) as pc:
        pc.warm_up(articles[:4])
        assert pc.worker_cpu_s == 0.0  # warm-up time is not counted as job time
        two = normal(pc.code_many(articles))
    assert two == normal(local_coder.code_many(articles))
