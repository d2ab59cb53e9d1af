"""The Ray engine on a local Ray (2 CPUs): same events as a local run, shards loaded exactly once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent

ray = pytest.importorskip("ray", reason="Ray not installed (pip install 'detente[ray]')")

from detente.scale.ray_runner import RayCoder  # noqa: E402
from detente.scale.shards import list_shards  # noqa: E402
from detente.store import Store  # noqa: E402
from detente.store.parquet_load import load_parquet_shards  # noqa: E402

from scale_helpers import article, scripted_coder  # noqa: E402
from test_parallel import normal  # noqa: E402
from test_parquet_load import items_for_test, snapshot  # noqa: E402


@pytest.fixture(scope="module")
def local_ray(scale_patterns):
    # workers need the test patterns and this folder (scale_helpers) on their import path
    env = {"DETENTE_PATTERNS": os.environ["DETENTE_PATTERNS"],
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env})
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def ray_coder(local_ray):
    with RayCoder(workers=2, batch_size=4, num_cpus=0.5) as rc:  # leaves 1 CPU for the other tests
        yield rc


@pytest.fixture(scope="module")
def fresh_coder(ray_coder):
    """A local coder built right after the actors: both read the same knowledge files (other people
    edit them while tests run, so the session's older coder may differ)."""
    from detente.pipeline import Coder

    return Coder()


def test_ray_events_equal_local_run(ray_coder, fresh_coder, articles):
    local_coder = fresh_coder
    got = normal(ray_coder.code_many(articles))
    expected = normal(local_coder.code_many(articles))
    assert sum(len(r[1]) for r in expected if isinstance(r[1], list)) > 20
    assert got == expected


def test_ray_ingest_shards_equal_local_ingest(ray_coder, fresh_coder, articles, tmp_path):
    local_coder = fresh_coder
    with Store(tmp_path / "local.duckdb") as local:
        local.ingest(articles, local_coder)
        expected = snapshot(local)
    run = ray_coder.code_to_shards(articles, tmp_path / "shards", shard_size=9)
    assert [s.shard_id for s in run.shards] == [p.name for p in list_shards(tmp_path / "shards")]
    assert run.articles == len(articles)
    with Store(tmp_path / "ray.duckdb") as store:
        first = load_parquet_shards(store, tmp_path / "shards")
        again = load_parquet_shards(store, tmp_path / "shards")
        assert snapshot(store) == expected
    assert first.shards_loaded == len(run.shards) and again.shards_loaded == 0
    assert len(expected["mentions"]) > 20


def test_ray_failures_and_rejects_travel(local_ray, tmp_path):
    items = items_for_test()
    # the module's RayCoder holds one CPU: these two light actors take half a CPU each
    with RayCoder(workers=2, batch_size=3, coder_factory=scripted_coder, num_cpus=0.5) as rc:
        got = list(rc.code_many([article(0, "FAIL"), article(1, "EVENT 010")]))
        rc.code_to_shards(items, tmp_path / "shards", shard_size=4)
    assert isinstance(got[0][1], ValueError) and len(got[1][1]) == 1
    with Store(tmp_path / "local.duckdb") as local:
        local.ingest(items, scripted_coder())
        expected = snapshot(local)
    with Store(tmp_path / "ray.duckdb") as store:
        load_parquet_shards(store, tmp_path / "shards")
        assert snapshot(store) == expected


def test_ray_workers_that_cannot_start_are_reported(local_ray):
    from detente.errors import UsageError

    with pytest.raises(UsageError, match="did not start"):
        RayCoder(workers=1, coder_factory=scripted_coder, num_cpus=64, startup_timeout=3)
