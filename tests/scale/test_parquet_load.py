"""Parquet shards and the store loader: round trip, exactly-once loading, same store as a local ingest."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.ingest import Rejected
from detente.scale.shards import list_shards, read_shard, shard_name, write_shard
from detente.store import Store
from detente.store.parquet_load import load_parquet_shards, loaded_shards

from scale_helpers import article, scripted_coder


def items_for_test():
    """Articles (one failing, one duplicate text, one id clash) and reader rejects, in one stream."""
    arts = [article(i, f"EVENT 0{i % 9 + 1}0\nEVENT 1{i % 5}0") for i in range(10)]
    arts[4] = article(4, "FAIL")
    dup_text = arts[1].model_copy(update={"id": "copy-of-1"})
    id_clash = article(2, "EVENT 040 but another text")
    rej = Rejected(item="bad.pdf", reason="unsupported file type .pdf", code="E100")
    return arts[:6] + [rej, dup_text] + arts[6:] + [id_clash]


def write_run(items, directory: Path, shard_size: int, run: str = "20260101T000000-test") -> None:
    coder = scripted_coder()
    for index in range(0, len(items), shard_size):
        part = list(enumerate(items))[index:index + shard_size]
        arts = [(seq, x) for seq, x in part if not isinstance(x, Rejected)]
        coded = [(seq, a, r) for (seq, a), (_, r) in zip(arts, coder.code_many(a for _, a in arts))]
        rej = [(seq, x.item, x.reason, x.code) for seq, x in part if isinstance(x, Rejected)]
        write_shard(directory, shard_name(run, index // shard_size), coded, rej)


def table(store: Store, sql: str):
    return sorted(store.con.execute(sql).fetchall(), key=repr)


SNAPSHOT = {
    "articles": "SELECT article_id, content_hash, title, pub_date, origin FROM articles",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT * EXCLUDE (added_at) FROM events",
    "event_mentions": "SELECT * FROM event_mentions",
    "rejects": "SELECT reject_id, item, reason, code FROM rejects",
}


def snapshot(store: Store) -> dict:
    return {k: table(store, q) for k, q in SNAPSHOT.items()}


def test_shards_round_trip(tmp_path):
    items = items_for_test()
    write_run(items, tmp_path, shard_size=5)
    shards = list_shards(tmp_path)
    assert len(shards) == 3
    replay = [it for s in shards for it in read_shard(s)]
    assert [it.seq for it in replay] == list(range(len(items)))
    coder = scripted_coder()
    for it, original in zip(replay, items):
        if isinstance(original, Rejected):
            assert it.reject[:2] == (original.item, original.reason)
            continue
        assert it.article == original
        try:
            expected = coder.code(original)
        except ValueError as exc:
            assert it.error[:2] == ("ValueError", str(exc))
            continue
        assert it.events == expected
        assert [e.explanation for e in it.events] == [e.explanation for e in expected]


def test_shards_half_written_shard_is_ignored(tmp_path):
    write_run(items_for_test(), tmp_path, shard_size=20)
    (tmp_path / ".shard-x-000009.abcd.tmp").mkdir()
    partial = tmp_path / "shard-x-000010"
    partial.mkdir()
    (partial / "articles.parquet").write_bytes(b"")
    assert [p.name for p in list_shards(tmp_path)] == ["shard-20260101T000000-test-000000"]


@pytest.mark.parametrize("shard_size", [1, 4, 100])
def test_parquet_load_equals_local_ingest(tmp_path, shard_size):
    items = items_for_test()
    with Store(tmp_path / "local.duckdb") as local:
        local.ingest(items, scripted_coder(), batch_size=3)
        expected = snapshot(local)
    write_run(items, tmp_path / "shards", shard_size)
    with Store(tmp_path / "loaded.duckdb") as store:
        summary = load_parquet_shards(store, tmp_path / "shards")
        assert summary.shards_loaded == len(list_shards(tmp_path / "shards"))
        assert snapshot(store) == expected
        # the coder's reasons travel through the shards into mentions.explanation
        assert {r[0] for r in store.con.execute("SELECT explanation FROM mentions").fetchall()} >= {
            '{"trigger": "line 0"}'}
    assert len(expected["rejects"]) == 3  # reader reject, coding failure, id clash
    assert summary.articles_skipped == 1  # the duplicate text


def test_parquet_load_exactly_once(tmp_path):
    write_run(items_for_test(), tmp_path / "shards", shard_size=4)
    with Store(tmp_path / "s.duckdb") as store:
        first = load_parquet_shards(store, tmp_path / "shards")
        before = snapshot(store)
        second = load_parquet_shards(store, tmp_path / "shards")
        assert second.shards_loaded == 0 and second.shards_skipped == first.shards_loaded
        assert snapshot(store) == before
        assert loaded_shards(store) == {p.name for p in list_shards(tmp_path / "shards")}
    # a fresh connection sees the same record: the shard ids are stored, not remembered in memory
    with Store(tmp_path / "s.duckdb") as store:
        assert load_parquet_shards(store, tmp_path / "shards").shards_loaded == 0


def test_parquet_load_bad_shard_rolls_back_only_itself(tmp_path):
    shards = tmp_path / "shards"
    write_run(items_for_test(), shards, shard_size=4)
    names = [p.name for p in list_shards(shards)]
    good_copy = tmp_path / "keep"
    shutil.copytree(shards / names[1], good_copy)
    (shards / names[1] / "events.parquet").write_bytes(b"not parquet")
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(Exception):
            load_parquet_shards(store, shards)
        assert loaded_shards(store) == {names[0]}  # the shard before it is in; the bad one is not
        n_articles = store.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        assert n_articles == 4
        shutil.rmtree(shards / names[1])
        shutil.copytree(good_copy, shards / names[1])
        load_parquet_shards(store, shards)
        assert loaded_shards(store) == set(names)
        got = snapshot(store)
    with Store(tmp_path / "ref.duckdb") as ref:
        ref.ingest(items_for_test(), scripted_coder())
        assert got == snapshot(ref)


def test_parquet_load_errors(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(Exception, match="no shard directory"):
            load_parquet_shards(store, tmp_path / "missing")
    with Store(tmp_path / "s.duckdb", read_only=True) as ro:
        with pytest.raises(StoreError):
            load_parquet_shards(ro, tmp_path)
