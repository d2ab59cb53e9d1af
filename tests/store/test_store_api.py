"""read_events, events filters and dyad timelines."""
from __future__ import annotations

import pytest
from conftest import article

from detente.errors import StoreError, UsageError
from detente.ontology import load_codebook
from detente.store import Store, read_events


@pytest.fixture
def db(tmp_path, coder):
    path = tmp_path / "api.duckdb"
    with Store(path) as s:
        s.ingest([
            article("a", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT USA TUR 163 2025-03-02 day"),
            article("b", "EVENT USAGOV TURGOV 042 2025-03-27 day loc=TUR"),
            article("c", "EVENT RUSMIL UKR 190 2025-02-10 day loc=UKR"),
            article("d", "EVENT TURGOV USAGOV 036 2025-04-02 day mode=hypothetical"),
        ], coder)
    return path


def test_read_events_filters(db):
    assert len(read_events(db)) == 5
    assert len(read_events(db, dyad=("TUR", "USA"))) == 4
    assert set(read_events(db, dyad=("TUR", "USA"), directed=True).cameo_code) == {"036"}
    assert list(read_events(db, type="SANCTION").cameo_code) == ["163"]
    assert list(read_events(db, cameo="19").cameo_code) == ["190"]
    assert len(read_events(db, country="UKR")) == 1
    assert len(read_events(db, since="2025-03-01", until="2025-03-31")) == 3
    assert len(read_events(db, factual=True)) == 4
    assert len(read_events(db, limit=2)) == 2


def test_read_events_bad_arguments(db, tmp_path):
    with pytest.raises(UsageError, match="unknown event filter"):
        read_events(db, colour="red")
    with pytest.raises(UsageError, match="PLOVER"):
        read_events(db, type="HUG")
    with pytest.raises(UsageError, match="date"):
        read_events(db, since="yesterday")
    with pytest.raises(UsageError, match="engine"):
        read_events(db, engine="spark")
    with pytest.raises(StoreError):
        read_events(tmp_path / "none.duckdb")


def test_read_events_polars(db):
    pl = pytest.importorskip("polars")
    df = read_events(db, engine="polars", dyad=("TUR", "USA"))
    assert isinstance(df, pl.DataFrame) and df.height == 4


def test_read_events_polars_missing_is_a_clear_error(db, monkeypatch):
    """polars is an optional extra: without it, engine='polars' says what to install."""
    import sys
    monkeypatch.setitem(sys.modules, "polars", None)  # `import polars` now raises ImportError
    with pytest.raises(UsageError, match=r"pip install polars"):
        read_events(db, engine="polars")


def test_store_dyad_timeline_by_month(db):
    with Store(db, read_only=True) as s:
        tl = s.dyad_timeline("TUR", "USA", by="month")
        with pytest.raises(UsageError):
            s.dyad_timeline("TUR", "USA", by="fortnight")
    # the hypothetical April event is left out: only factual events count
    assert [str(p)[:7] for p in tl.period] == ["2025-03"]
    row = tl.iloc[0]
    assert (row.events, row.q1, row.q4) == (3, 2, 1)
    book = load_codebook()
    expected = sum(book.get(c).goldstein for c in ("036", "042", "163")) / 3
    assert row.goldstein_mean == pytest.approx(expected, abs=0.006)


def test_store_stats(db):
    with Store(db, read_only=True) as s:
        st = s.stats()
    assert st["articles"] == 4 and st["events"] == 5 and st["factual_events"] == 4
    assert sum(st["by_quad_class"].values()) == 5
