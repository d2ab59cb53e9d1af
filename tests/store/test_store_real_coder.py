"""Ingest with the real detente.pipeline.Coder (skipped only while the pipeline cannot be imported)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.models import Article
from detente.store import Store

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def real_coder():
    try:
        from detente.pipeline import Coder
    except Exception as exc:  # noqa: BLE001 - any import failure means "not built yet"
        pytest.skip(f"detente.pipeline not importable yet: {exc}")
    return Coder()


def test_store_real_coder_ingest_seed(tmp_path, real_coder):
    lines = SEED.read_text(encoding="utf-8").split("\n", 1)
    seed = Article(id="seed", title=lines[0].strip(), text=lines[1].strip(), date=dt.date(2025, 3, 26),
                   source="seed", url="https://example.org/seed", origin=str(SEED))
    expected = real_coder.code(seed)
    with Store(tmp_path / "real.duckdb") as store:
        summary = store.ingest([seed], real_coder)
        assert summary.articles_new == 1 and summary.rejects == 0
        ids = sorted(r[0] for r in store.query("SELECT mention_id FROM mentions"))
        assert ids == sorted({e.event_id for e in expected})
        n_events = store.stats()["events"]
        assert n_events <= len(ids) and (n_events > 0) == bool(expected)
        linked = store.query("SELECT count(*) FROM event_mentions")[0][0]
        assert linked == len(ids)  # every mention belongs to exactly one event
        again = store.ingest([seed], real_coder)
        assert again.articles_skipped == 1 and store.stats()["mentions"] == len(ids)
