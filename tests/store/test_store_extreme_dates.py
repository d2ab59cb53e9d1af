"""Extreme dates never stop an ingest: events dated 0001-01-01 or 9999-12-31 (any precision) are deduplicated
and stored with the rest of their batch; and an article whose rows the store still cannot take becomes a
reject with its reason while the rest of the batch is stored (a rerun ends in the same state)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import article, table_contents
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import StoreError
from detente.store import Store, writer
from detente.store.dedup import DedupConfig, MentionKey, cluster_block

FIRST, LAST = dt.date.min, dt.date.max
PRECISIONS = ("day", "publication", "week", "month", "year")


def _key(mid: str, day: dt.date, precision: str) -> MentionKey:
    return MentionKey(mid, f"art-{mid}", 0, 0, day, precision, "", "AP")


@pytest.mark.parametrize("day", [FIRST, dt.date(1, 1, 2), dt.date(9999, 12, 27), LAST])
@pytest.mark.parametrize("precision", PRECISIONS)
@pytest.mark.parametrize("window", [1, 7, 10**6])
def test_store_extreme_dates_dedup_is_total(day, precision, window):
    keys = [_key("a", day, precision), _key("b", day, "day"), _key("c", day, "year")]
    clusters = cluster_block(keys, DedupConfig(day_window=window))
    assert sorted(m.mention_id for c in clusters for m in c.members) == ["a", "b", "c"]


def test_store_extreme_dates_dedup_still_merges_at_the_ends():
    last = cluster_block([_key("a", LAST, "day"), _key("b", dt.date(9999, 12, 30), "day"),
                          _key("c", dt.date(9999, 12, 1), "month")])
    assert [sorted(m.mention_id for m in c.members) for c in last] == [["a", "b", "c"]]
    first = cluster_block([_key("a", FIRST, "day"), _key("b", dt.date(1, 1, 2), "day"), _key("c", FIRST, "week")])
    assert [sorted(m.mention_id for m in c.members) for c in first] == [["a", "b", "c"]]


def _batch():
    return [
        article("ok1", "EVENT TURGOV USAGOV 036 2025-03-26 day"),
        article("end", "EVENT TURGOV USAGOV 036 9999-12-31 day", "EVENT RUS UKR 190 9999-12-27 week"),
        article("start", "EVENT TURGOV USAGOV 036 0001-01-01 day", "EVENT RUS UKR 190 0001-01-01 year",
                date="0001-01-01"),
        article("ok2", "EVENT RUS UKR 190 2025-03-10 month"),
    ]


def test_store_extreme_dates_whole_batch_stored(store, coder):
    s = store.ingest(_batch(), coder, batch_size=10)
    assert (s.articles_new, s.rejects, s.mentions) == (4, 0, 6)
    dates = sorted(r[0] for r in store.query("SELECT date FROM events"))
    assert dates[0] == FIRST and dates[-1] == LAST and len(dates) == 6
    again = store.ingest(_batch(), coder, batch_size=10)
    assert (again.articles_new, again.articles_skipped) == (0, 4)


def _failing_cluster_block(bad_article: str):
    real = writer.cluster_block

    def cluster_block_(keys, config):
        keys = list(keys)
        if any(k.article_id == bad_article for k in keys):
            raise OverflowError("date value out of range")
        return real(keys, config)
    return cluster_block_


def test_store_extreme_dates_unstorable_article_becomes_reject(store, coder, monkeypatch, tmp_path):
    """Whatever dedup or DuckDB cannot take: that article is a reject, the batch goes on, rerun is stable."""
    monkeypatch.setattr(writer, "cluster_block", _failing_cluster_block("end"))
    items = _batch()
    s = store.ingest(items, coder, batch_size=10)
    assert (s.articles_new, s.rejects) == (3, 1)
    assert sorted(r[0] for r in store.query("SELECT article_id FROM articles")) == ["ok1", "ok2", "start"]
    assert list(store.query("SELECT item, reason, code FROM rejects")) == [
        ("test:end", "cannot store: OverflowError: date value out of range", "E300")]
    orphans = store.query("SELECT count(*) FROM mentions m ANTI JOIN event_mentions l USING (mention_id)")
    assert orphans[0][0] == 0
    once = table_contents(store)
    rerun = store.ingest(items, coder, batch_size=10)
    assert (rerun.articles_new, rerun.articles_skipped, rerun.rejects) == (0, 3, 1)
    assert table_contents(store) == once
    # a store failure (not the data) still stops the run: the fallback is for data errors only
    monkeypatch.setattr(writer, "cluster_block", lambda keys, config: (_ for _ in ()).throw(OSError(28, "No space")))
    with pytest.raises(StoreError, match="cannot write batch"):
        store.ingest([article("ok3", "EVENT TURGOV USAGOV 036 2025-03-26 day")], coder)


def test_store_extreme_dates_cli_ingest_and_export(tmp_path, monkeypatch):
    """The reported case: an article dated 0001-01-01T00:00:00Z and an event on 9999-12-31 in one file."""
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    monkeypatch.setenv("DETENTE_CODER", "fake_coder:FakeCoder")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a", "date": "0001-01-01T00:00:00Z", "text": "Lead a.\nEVENT TURGOV USAGOV 036 0001-01-01 day"},
        {"id": "b", "date": "2025-03-26", "text": "Lead b.\nEVENT TURGOV USAGOV 036 9999-12-31 day"},
        {"id": "c", "date": "2025-03-26", "text": "Lead c.\nEVENT RUS UKR 190 2025-03-25 day"},
    ]))
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db)])
    assert res.exit_code == 0, res.output
    with Store(db, read_only=True) as s:
        assert s.stats()["articles"] == 3 and s.stats()["events"] == 3
    out = tmp_path / "e.tsv"
    assert CliRunner().invoke(app, ["export", "-f", "gdelt", "--db", str(db), "--out", str(out)]).exit_code == 0
    sqldates = sorted(line.split("\t")[1] for line in out.read_text().splitlines())
    assert sqldates == ["00010101", "20250325", "99991231"]
    res = CliRunner().invoke(app, ["dyad", "TURGOV", "USAGOV", "--db", str(db), "--by", "week", "-f", "csv"])
    assert res.exit_code == 0 and "9999-12-27" in res.stdout and "0001-01-01" in res.stdout
