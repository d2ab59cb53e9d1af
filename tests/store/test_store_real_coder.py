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


def test_store_real_coder_gdelt_export_writes_the_corrected_demand_codes(tmp_path, real_coder):
    """CAMEO 106 (demand talks) reaches the GDELT layout with the manual's base, root, quad and Goldstein."""
    from detente.store.exporters import GDELT_COLUMNS, export_events

    art = Article(id="talks", text="Iran demanded negotiations with the United States over sanctions on Monday.",
                  date=dt.date(2024, 5, 14), source="test")
    with Store(tmp_path / "talks.duckdb") as store:
        store.ingest([art], real_coder)
        out = tmp_path / "ev.tsv"
        assert export_events(store, "gdelt", out) >= 1
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    (row,) = [r for r in rows if r[col["EventCode"]] == "106"]
    assert (row[col["EventBaseCode"]], row[col["EventRootCode"]], row[col["QuadClass"]]) == ("106", "10", "3")
    assert float(row[col["GoldsteinScale"]]) == -5.0
    assert row[col["Actor1CountryCode"]] == "IRN"
