"""Scale-out: coding over a Ray cluster and the Parquet shards it writes (see docs/scaling.md).

Nothing here imports Ray until a Ray runner is created, nor pyarrow until a shard is touched (every
`detente code` imports the engines module); ``detente.parallel`` covers one machine.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ray_runner import RayCoder, ShardRun, ray_code_to_shards
    from .shards import ShardInfo, ShardItem, list_shards, read_shard, write_shard

_WHERE = {"ShardInfo": "shards", "ShardItem": "shards", "list_shards": "shards", "read_shard": "shards",
          "write_shard": "shards", "RayCoder": "ray_runner", "ray_code_to_shards": "ray_runner",
          "ShardRun": "ray_runner"}

__all__ = ["ShardInfo", "ShardItem", "list_shards", "read_shard", "write_shard", "RayCoder", "ray_code_to_shards",
           "ShardRun"]


def __getattr__(name: str) -> Any:  # imported on first use
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
