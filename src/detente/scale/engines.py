"""One entry point for the CLI: a coder with ``code_many`` for the chosen engine and worker count."""
from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator
from typing import Any

from ..errors import UsageError
from ..pipeline import CoderSettings

ENGINES = ("local", "ray")


@contextmanager
def open_coder(engine: str = "local", *, workers: int = 1, address: str | None = None,
               settings: CoderSettings | None = None) -> Iterator[Any]:
    """``local``: this machine (one process, or ``workers`` processes); ``ray``: a Ray cluster at
    ``address`` (None: a local Ray) with ``workers`` actors, or one per cluster CPU when ``workers`` is 1.
    The coder is closed (workers stopped) on exit."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if address and engine != "ray":
        raise UsageError("--address needs --engine ray")
    if workers < 1:
        raise UsageError("workers must be >= 1")
    coder: Any  # RayCoder or ParallelCoder: both have code_many and close
    if engine == "ray":
        from .ray_runner import RayCoder

        coder = RayCoder(address=address, workers=workers if workers > 1 else None, settings=settings)
    elif workers > 1:
        from ..parallel import ParallelCoder

        coder = ParallelCoder(workers, settings=settings)
    else:
        from ..pipeline import make_coder

        yield make_coder(settings=settings)
        return
    try:
        yield coder
    finally:
        coder.close()


def ingest_via_ray(store: Any, items: Any, shards_dir: Any, *, address: str | None = None, workers: int = 1,
                   settings: CoderSettings | None = None, shard_size: int = 256) -> tuple[Any, Any]:
    """`detente ingest --engine ray`: code ``items`` on Ray into Parquet shards under ``shards_dir``,
    then load every new shard into ``store`` exactly once. Returns (ShardRun, ParquetLoadSummary)."""
    from ..store.parquet_load import load_parquet_shards
    from .ray_runner import RayCoder

    with RayCoder(address=address, workers=workers if workers > 1 else None, settings=settings) as rc:
        run = rc.code_to_shards(items, shards_dir, shard_size=shard_size)
    return run, load_parquet_shards(store, shards_dir)
