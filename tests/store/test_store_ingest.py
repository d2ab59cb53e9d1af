"""Ingest: idempotency, batch-split determinism, rejects, transactions, migrations."""
from __future__ import annotations

import pytest
from conftest import article, table_contents

from detente.errors import StoreError, UsageError
from detente.ingest import Rejected
from detente.store import Store, writer
from detente.store.migrations import MIGRATIONS

MEET = "EVENT TURGOV USAGOV 036 2025-03-26 day"


def corpus():
    return [
        article("a1", MEET, "EVENT TUR USA 172 2025-03-20 day mode=future"),
        article("a2", "EVENT TURGOV USAGOV 036 2025-03-27 day loc=TUR", source="Reuters"),
        Rejected(item="bad.jsonl:3", reason="line is not JSON", code="E100"),
        article("a3", "FAIL"),
        article("a4", "EVENT RUS UKR 190 2025-03-10 day loc=UKR", "EVENT RUS UKR 190 2025-03-11 day"),
        article("a5", "EVENT USA IRN 163 2025-01-05 day"),
    ]


def test_store_ingest_counts_and_rejects(store, coder):
    s = store.ingest(corpus(), coder, batch_size=2)
    assert (s.articles_new, s.articles_skipped, s.rejects) == (4, 0, 2)
    assert s.mentions == 6
    assert s.events == s.events_total == store.stats()["events"] == 4  # a1+a2 merged, a4's two mentions merged
    reasons = {r[0]: r[1] for r in store.query("SELECT item, reason FROM rejects")}
    assert reasons["bad.jsonl:3"] == "line is not JSON"
    assert reasons["test:a3"].startswith("coding failed: ValueError")
    assert not store.query("SELECT * FROM articles WHERE article_id = 'a3'")  # failed article not stored


def test_store_ingest_summary_counts_the_events_this_run_added(store, coder):
    store.ingest(corpus()[:2], coder)  # a1 + a2: 2 events (the meeting merged)
    s = store.ingest([article("a4", "EVENT RUS UKR 190 2025-03-10 day"),
                      article("a6", "EVENT TURGOV USAGOV 036 2025-03-26 day")], coder)  # a6 merges into a1's
    assert (s.events, s.events_total) == (1, 3)
    assert store.ingest(corpus()[:2], coder).events == 0


def test_store_size_counts_the_wal_before_a_checkpoint(tmp_path, coder):
    # before DuckDB checkpoints, the rows are in FILE.wal and the file is only its header blocks:
    # the ingest summary said "0.0 MB" for a 7.9 MB store
    path = tmp_path / "big.duckdb"
    wal = path.with_name(path.name + ".wal")
    with Store(path) as store:
        store.ingest([article(f"b{i}", *[f"EVENT TUR{i} USA{j} 036 2025-03-26 day" for j in range(10)])
                      for i in range(300)], coder)
        assert wal.exists() and wal.stat().st_size > path.stat().st_size  # not checkpointed yet
        assert store.stats()["size_bytes"] == path.stat().st_size + wal.stat().st_size
    with Store(path, read_only=True) as store:  # checkpointed on close: the file alone
        assert store.stats()["size_bytes"] == path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def test_store_ingest_twice_adds_nothing(store, coder):
    store.ingest(corpus(), coder)
    before = table_contents(store)
    s = store.ingest(corpus(), coder)
    assert s.articles_new == 0 and s.articles_skipped == 4 and s.mentions == 0
    assert table_contents(store) == before


@pytest.mark.parametrize("batch_size", [1, 2, 3, 7, 100])
def test_store_ingest_batch_split_gives_same_tables(tmp_path, coder, batch_size):
    with Store(tmp_path / "ref.duckdb") as ref:
        ref.ingest(corpus(), coder, batch_size=1000)
        expected = table_contents(ref)
    with Store(tmp_path / f"b{batch_size}.duckdb") as s:
        s.ingest(corpus(), coder, batch_size=batch_size)
        assert table_contents(s) == expected


def test_store_ingest_same_text_other_id_is_skipped(store, coder):
    a = article("x1", MEET)
    b = a.model_copy(update={"id": "x2", "text": a.text.replace("\n", "\r\n  \n") + "  "})
    s = store.ingest([a, b], coder)
    assert (s.articles_new, s.articles_skipped) == (1, 1)


def test_store_ingest_duplicate_id_with_other_text_is_rejected(store, coder):
    store.ingest([article("x1", MEET)], coder)
    s = store.ingest([article("x1", "EVENT USA IRN 163 2025-01-05 day")], coder)
    assert s.articles_new == 0 and s.rejects == 1
    (reason,) = store.query("SELECT reason FROM rejects")[0]
    assert "duplicate id 'x1' with different text" in reason


def test_store_ingest_failed_batch_leaves_nothing_half_written(store, coder, monkeypatch):
    store.ingest([article("ok1", MEET)], coder)
    before = table_contents(store)

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "recompute_blocks", boom)
    with pytest.raises(RuntimeError):
        store.ingest([article("ok2", "EVENT USA IRN 163 2025-01-05 day")], coder)
    assert table_contents(store) == before  # articles and mentions of ok2 rolled back too
    monkeypatch.undo()
    s = store.ingest([article("ok2", "EVENT USA IRN 163 2025-01-05 day")], coder)
    assert s.articles_new == 1


def test_store_migrations_recorded_once(tmp_path):
    path = tmp_path / "m.duckdb"
    Store(path).close()
    with Store(path) as s:
        rows = s.query("SELECT name FROM _migrations")
    assert [r[0] for r in rows] == [name for name, _ in MIGRATIONS]


def test_store_read_only_refuses_writes_and_missing_file(tmp_path, coder):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    Store(tmp_path / "r.duckdb").close()
    with Store(tmp_path / "r.duckdb", read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.ingest([article("a", MEET)], coder)


def test_store_default_path_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "env.duckdb"))
    with Store() as s:
        assert s.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").exists()


def test_store_add_rejects_is_idempotent(store):
    items = [Rejected(item="f.txt", reason="empty text"), Rejected(item="g.pdf", reason="unsupported file type .pdf")]
    assert store.add_rejects(items) == 2
    assert store.add_rejects(items) == 0


def test_store_ingest_rejects_non_items(store, coder):
    with pytest.raises(UsageError):
        store.ingest(["not an article"], coder)


def test_store_progress_counts_every_item(store, coder):
    seen = []
    store.ingest(corpus(), coder, batch_size=2, progress=seen.append)
    assert sum(seen) == len(corpus())
