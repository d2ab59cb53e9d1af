"""Scale-out: coding over a Ray cluster and the Parquet shards it writes (see docs/scaling.md).

Nothing here imports Ray until a Ray runner is created; ``detente.parallel`` covers one machine.
"""
from typing import Any

from .shards import ShardInfo, ShardItem, list_shards, read_shard, write_shard

__all__ = ["ShardInfo", "ShardItem", "list_shards", "read_shard", "write_shard", "RayCoder", "ray_code_to_shards"]


def __getattr__(name: str) -> Any:  # the Ray runner, imported on first use
    if name in ("RayCoder", "ray_code_to_shards", "ShardRun"):
        from . import ray_runner

        return getattr(ray_runner, name)
    raise AttributeError(name)
