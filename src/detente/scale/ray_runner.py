"""Coding over a Ray cluster: a pool of actors, each holding ONE Coder (the model loads once per actor).

``RayCoder(address=...).code_many(articles)`` has the interface of ``Coder.code_many``: article batches
go to the actors round-robin, at most ``max_in_flight`` batches at a time (the input is read lazily),
and results are collected in submission order, so the output is in input order and equal to a local
run. ``ray_code_to_shards`` does the ingest side: each actor codes a slice of the input stream and
writes it as a Parquet shard (scale/shards.py) into a directory that every node can reach; the
store then loads each shard exactly once (store/parquet_load.py).

Ray is an optional dependency (``pip install 'detente[ray]'``); it is imported only here, on use.
"""
from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import UsageError
from ..models import Article
from ..parallel import worker_config
from ..pipeline import Coder, CoderSettings
from .shards import ShardInfo, new_run_id, shard_name, write_shard

DEFAULT_BATCH = 16


class WorkerCrashed(RuntimeError):
    """The Ray actor died while coding this article."""


def _ray() -> Any:
    try:
        import ray
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("the ray engine needs Ray: pip install 'detente[ray]'") from None
    return ray


class _CoderActor:
    """Body of the Ray actor (wrapped with ray.remote on first use)."""

    def __init__(self, config: dict[str, Any], factory: Callable[[], Any] | None):
        self.coder = factory() if factory is not None else Coder(config=config)

    def code(self, articles: list[Article]) -> list[Any]:
        from ..parallel import _sendable

        out: list[Any] = []
        for _, res in self.coder.code_many(articles):
            out.append(_sendable(res) if isinstance(res, Exception) else res)
        return out

    def code_to_shard(self, directory: str, shard_id: str, articles: list[tuple[int, Article]],
                      rejects: list[tuple[int, str, str, str]]) -> ShardInfo:
        results = self.code([a for _, a in articles]) if articles else []
        coded = ((seq, a, r) for (seq, a), r in zip(articles, results))
        return write_shard(directory, shard_id, coded, rejects)

    def pid(self) -> int:
        import os

        return os.getpid()


@dataclass
class ShardRun:
    """What ``ray_code_to_shards`` wrote."""

    directory: str
    run_id: str
    shards: list[ShardInfo] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(s.articles for s in self.shards)

    @property
    def events(self) -> int:
        return sum(s.events for s in self.shards)


class RayCoder:
    """``code_many`` over a pool of Ray actors. ``address=None`` starts (or joins) a local Ray;
    "auto" or "ray://host:10001" / "host:6379" joins a running cluster (`ray start --head`)."""

    def __init__(self, *, address: str | None = None, workers: int | None = None,
                 settings: CoderSettings | None = None, batch_size: int = DEFAULT_BATCH,
                 max_in_flight: int | None = None, coder_factory: Callable[[], Any] | None = None,
                 init_kwargs: dict[str, Any] | None = None, num_cpus: float = 1.0,
                 startup_timeout: float = 600.0):
        if workers is not None and workers < 1:
            raise UsageError("workers must be >= 1")
        self.ray = _ray()
        self._owns_ray = False
        if not self.ray.is_initialized():
            kwargs = {"include_dashboard": False, "log_to_driver": False} | (init_kwargs or {})
            self.ray.init(address=address, **kwargs)
            self._owns_ray = True
        cpus = int(self.ray.available_resources().get("CPU", 1) // num_cpus)
        self.workers = workers or max(1, cpus)
        self.batch_size = batch_size
        self.max_in_flight = max_in_flight or 2 * self.workers
        actor_cls = self.ray.remote(num_cpus=num_cpus, max_restarts=-1)(_CoderActor)
        # each actor builds its coder from the resolved config (parallel.worker_config), not its environment
        config = worker_config(settings) if coder_factory is None else {}
        self.actors = [actor_cls.remote(config, coder_factory) for _ in range(self.workers)]
        try:  # wait until every actor has its model: a startup error (bad data files) is raised here, once
            self.pids = self.ray.get([a.pid.remote() for a in self.actors], timeout=startup_timeout)
        except self.ray.exceptions.GetTimeoutError:
            self.close()
            raise UsageError(f"{self.workers} Ray workers did not start within {startup_timeout:.0f} s "
                             f"(each needs {num_cpus} CPU; free now: {self.ray.available_resources().get('CPU', 0)})")
        except self.ray.exceptions.RayError as exc:
            self.close()
            raise UsageError(f"Ray workers could not start the coder: {str(exc).splitlines()[0]}") from exc
        self._next = itertools.count()

    def close(self) -> None:
        for a in self.actors:
            self.ray.kill(a)
        self.actors = []
        if self._owns_ray:
            self.ray.shutdown()
            self._owns_ray = False

    def __enter__(self) -> "RayCoder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _actor(self) -> Any:
        return self.actors[next(self._next) % len(self.actors)]

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Any]]:
        """(article, events | exception) in input order."""
        it = iter(articles)
        window: deque[tuple[list[Article], Any]] = deque()
        while True:
            while len(window) < self.max_in_flight:
                batch = list(itertools.islice(it, self.batch_size))
                if not batch:
                    break
                window.append((batch, self._actor().code.remote(batch)))
            if not window:
                return
            batch, ref = window.popleft()
            try:
                results = self.ray.get(ref)
            except self.ray.exceptions.RayActorError:
                results = [self._code_alone(a) for a in batch]
            yield from zip(batch, results)

    def _code_alone(self, article: Article) -> Any:
        """After an actor died: retry one article alone; if its actor dies again, it is the culprit."""
        try:
            return self.ray.get(self._actor().code.remote([article]))[0]
        except self.ray.exceptions.RayActorError:
            return WorkerCrashed(f"Ray worker died while coding article {article.id!r}")

    def code_to_shards(self, items: Iterable[Any], directory: Path | str, *, shard_size: int = 256,
                       run_id: str | None = None, progress: Callable[[ShardInfo], None] | None = None) -> ShardRun:
        """Code a stream of ``Article`` / rejected items into Parquet shards of ``shard_size`` items."""
        if shard_size < 1:
            raise UsageError("shard_size must be >= 1")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        run = ShardRun(str(directory.resolve()), run_id or new_run_id())
        it = enumerate(items)
        window: deque[Any] = deque()
        for index in itertools.count():
            slice_ = list(itertools.islice(it, shard_size))
            if slice_:
                arts = [(seq, x) for seq, x in slice_ if isinstance(x, Article)]
                rej = [(seq, str(x.item), str(x.reason), str(getattr(x, "code", "") or "E100"))
                       for seq, x in slice_ if not isinstance(x, Article)]
                window.append(self._actor().code_to_shard.remote(
                    run.directory, shard_name(run.run_id, index), arts, rej))
            while window and (len(window) >= self.max_in_flight or not slice_):
                info = self.ray.get(window.popleft())
                run.shards.append(info)
                if progress:
                    progress(info)
            if not slice_:
                return run
        return run  # pragma: no cover


def ray_code_to_shards(items: Iterable[Any], directory: Path | str, *, address: str | None = None,
                       workers: int | None = None, settings: CoderSettings | None = None,
                       shard_size: int = 256) -> ShardRun:
    """Code ``items`` (Articles and rejected items, e.g. from ``read_inputs``) on Ray into shards."""
    with RayCoder(address=address, workers=workers, settings=settings) as rc:
        return rc.code_to_shards(items, directory, shard_size=shard_size)
