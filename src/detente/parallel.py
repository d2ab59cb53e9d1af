"""Code articles on all cores: one process (and one spaCy model) per worker, output in input order.

``code_parallel(articles, workers=N)`` and ``ParallelCoder(N).code_many(articles)`` give exactly what
``Coder().code_many`` gives — the same (article, events | exception) pairs in the same order — but the
coding runs in N worker processes. Design choices:

* Workers start with the ``forkserver`` method (``spawn`` where it is missing): no forked copy of a
  parent that may hold threads, DuckDB connections or a half-used model. The forkserver builds the
  default Coder once (scale/_preload.py), so workers fork with the model already loaded; each worker
  then holds ONE coder for its whole life (its own, if the job's config differs). Workers receive the
  resolved coder config (detente/config.py: settings, data files, model), not the environment.
* Input is read lazily in chunks and at most ``max_in_flight`` chunks are submitted at a time, so a
  19k-article stream never sits in memory; chunks come back in submission order.
* A Python exception while coding an article comes back as that article's result (the coder already
  does this); an exception that cannot be pickled is replaced by a ``WorkerError`` with its text.
* A worker that dies outright (segfault, OOM kill) breaks the pool: the pool is restarted and the
  unfinished chunks are retried one article at a time, so only the article that kills a worker again
  gets a ``WorkerCrashed`` result and the rest of the stream goes on.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import pickle
import resource
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable

from .models import Article, Event
from .config import DetenteConfig, as_dict, merge, resolve_config
from .pipeline import Coder, CoderSettings

Result = list[Event] | Exception
DEFAULT_CHUNK_SIZE = 32  # articles per task; 16, 32 and 64 measured within 2% of each other, 32 best (docs/performance.md)


class WorkerError(RuntimeError):
    """An article's coding failed with an exception that could not be sent back as it was."""


class WorkerCrashed(RuntimeError):
    """The worker process died while coding this article (e.g. killed for memory)."""


# ---------------------------------------------------------------------------- worker side
_CODER: Any = None  # a Coder, or what the factory built
_INIT_ERROR: Exception | None = None


class WorkerInitError(RuntimeError):
    """A worker could not build its Coder (bad data files, missing model): the whole job stops."""


def worker_config(settings: CoderSettings | None = None, config: DetenteConfig | None = None) -> dict[str, Any]:
    """The resolved config every worker builds its coder from (the parent's environment applied)."""
    return resolve_config(merge((settings or CoderSettings()).as_config(), as_dict(config)))


def _init_worker(factory: Callable[[], Any] | None, config: dict[str, Any]) -> None:
    # An exception here would only break the pool; keep it and report it with the first chunk.
    global _CODER, _INIT_ERROR
    preload = sys.modules.get("detente.scale._preload")
    try:
        if factory is not None:
            _CODER = factory()
        elif preload is not None and preload.CODER is not None and preload.CODER.config == config:
            _CODER = preload.CODER  # forked with the model already loaded
        else:
            _CODER = Coder(config=config)
    except Exception as exc:
        _INIT_ERROR = WorkerInitError(f"{type(exc).__name__}: {exc}")


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (stdlib; ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _sendable(exc: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return WorkerError(f"{type(exc).__name__}: {exc}")


def _code_chunk(chunk: list[Article]) -> tuple[list[Result], int, float, float]:
    """Code one chunk in a worker: (results in chunk order, worker pid, peak RSS MB, CPU seconds)."""
    cpu0 = time.process_time()
    if _CODER is None:
        raise _INIT_ERROR or WorkerInitError("worker not initialised")
    results: list[Result] = []
    try:
        for _, res in _CODER.code_many(chunk):
            results.append(_sendable(res) if isinstance(res, Exception) else res)
    except Exception:  # the batch itself failed (e.g. in nlp.pipe): retry article by article
        results = []
        for article in chunk:
            try:
                results.append(_CODER.code(article))
            except Exception as one:
                results.append(_sendable(one))
    return results, os.getpid(), peak_rss_mb(), time.process_time() - cpu0


# ---------------------------------------------------------------------------- parent side
def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        # the server imports the package and builds the default Coder once; workers fork from it
        ctx.set_forkserver_preload(["detente.scale._preload"])
        return ctx
    return mp.get_context("spawn")


@dataclass
class _Pending:
    chunk: list[Article]
    future: Future[tuple[list[Result], int, float, float]]


class ParallelCoder:
    """A coder with the interface of ``Coder.code_many`` that runs ``workers`` processes.

    Use it as a context manager (or call ``close``) to stop the workers; the pool starts on first use
    and is reused across ``code_many`` calls. ``worker_peak_rss_mb`` holds the peak RSS each worker
    reported (pid -> MB). ``settings`` and ``config`` (detente/config.py) choose the workers' coder;
    ``coder_factory`` (a picklable callable) replaces it, e.g. a test's scripted coder.
    """

    def __init__(self, workers: int, *, settings: CoderSettings | None = None,
                 chunk_size: int = DEFAULT_CHUNK_SIZE, max_in_flight: int | None = None,
                 coder_factory: Callable[[], Any] | None = None, config: DetenteConfig | None = None):
        if workers < 1:
            raise ValueError("workers must be >= 1")
        if chunk_size < 1:
            raise ValueError("chunk_size must be >= 1")
        self.workers = workers
        self.settings = settings
        self.config = worker_config(settings, config) if coder_factory is None else {}
        self.coder_factory = coder_factory  # picklable; builds the per-worker coder (default: Coder)
        self.chunk_size = chunk_size
        self.max_in_flight = max_in_flight or 2 * workers + 1
        self.worker_peak_rss_mb: dict[int, float] = {}
        self.worker_cpu_s = 0.0  # CPU seconds the workers spent coding (robust to a busy machine)
        self.restarts = 0
        self._pool: ProcessPoolExecutor | None = None

    # -- lifecycle
    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context(),
                                             initializer=_init_worker, initargs=(self.coder_factory, self.config))
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self.restarts += 1

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "ParallelCoder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def warm_up(self, articles: list[Article]) -> None:
        """Code ``articles`` once in every worker (results dropped): each worker starts the real job
        with warm caches, as a long-running coder would. One task per worker, submitted together, so
        idle workers take one each."""
        if not articles:
            return
        futures = [self._executor().submit(_code_chunk, list(articles)) for _ in range(self.workers)]
        for f in futures:
            f.result()

    # -- coding
    def _submit(self, chunk: list[Article]) -> _Pending:
        return _Pending(chunk, self._executor().submit(_code_chunk, chunk))

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Result]]:
        """(article, events | exception) in input order, like ``Coder.code_many``."""
        it = iter(articles)
        window: deque[_Pending] = deque()
        try:
            while True:
                while len(window) < self.max_in_flight:
                    chunk = list(itertools.islice(it, self.chunk_size))
                    if not chunk:
                        break
                    window.append(self._submit(chunk))
                if not window:
                    return
                head = window.popleft()
                try:
                    results, pid, rss, cpu = head.future.result()
                except BrokenProcessPool:
                    window.appendleft(head)
                    self._recover(window)
                    continue
                self.worker_cpu_s += cpu
                if pid > 0:
                    self.worker_peak_rss_mb[pid] = max(rss, self.worker_peak_rss_mb.get(pid, 0.0))
                yield from zip(head.chunk, results)
        finally:
            for p in window:
                p.future.cancel()

    def _recover(self, window: deque[_Pending]) -> None:
        """The pool broke: redo every unfinished chunk one article at a time, one task in flight,
        so the article that kills a worker again is known for sure and only it gets ``WorkerCrashed``."""
        self._restart()
        redo: list[_Pending] = []
        for p in window:
            f = p.future
            if f.done() and not f.cancelled() and f.exception() is None:  # finished before the break
                redo.append(p)
                continue
            for article in p.chunk:
                redo.append(_Pending([article], _done(*self._code_alone(article))))
        window.clear()
        window.extend(redo)

    def _code_alone(self, article: Article) -> tuple[list[Result], int, float, float]:
        try:
            return self._executor().submit(_code_chunk, [article]).result()
        except BrokenProcessPool:
            self._restart()
            return [WorkerCrashed(f"worker process died while coding article {article.id!r}")], -1, 0.0, 0.0


def _done(results: list[Result], pid: int, rss: float, cpu: float) -> Future[tuple[list[Result], int, float, float]]:
    f: Future[tuple[list[Result], int, float, float]] = Future()
    f.set_result((results, pid, rss, cpu))
    return f


def code_parallel(articles: Iterable[Article], workers: int, *, chunk_size: int = DEFAULT_CHUNK_SIZE,
                  settings: CoderSettings | None = None, coder_factory: Callable[[], Any] | None = None,
                  config: DetenteConfig | None = None) -> Iterator[tuple[Article, Result]]:
    """Code ``articles`` in ``workers`` processes; same pairs, same order as one ``Coder``."""
    with ParallelCoder(workers, settings=settings, chunk_size=chunk_size, coder_factory=coder_factory,
                       config=config) as coder:
        yield from coder.code_many(articles)
