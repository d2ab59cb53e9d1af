"""Schema versions: a store migrated by a newer Détente (a migration this code does not know) is refused
with one line naming both versions, by the library, every CLI command and the API; an older store is
migrated when opened for writing (and refused, with how to migrate it, when opened read-only)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from conftest import article
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from detente.api import create_app
from detente.cli import app
from detente.errors import StoreError
from detente.store import Store, migrations

NEWER = "detente.duckdb has schema version 3, newer than this Détente's schema version 2: upgrade Détente to open it"


@pytest.fixture
def newer(tmp_path, coder, monkeypatch) -> Path:
    """A store with one event, then stamped with migration m003 by a 'newer' Détente."""
    monkeypatch.chdir(tmp_path)
    db = Path("detente.duckdb")
    with Store(db) as s:
        s.ingest([article("a", "EVENT TURGOV GRCGOV 111 2025-03-26 day")], coder)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO _migrations VALUES ('m003_event_tone', now())")
    con.close()
    return db


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("read_only", [False, True])
def test_store_migrations_newer_store_refused(newer, read_only):
    before = _digest(newer)
    with pytest.raises(StoreError) as info:
        Store(newer, read_only=read_only)
    assert str(info.value) == f"[E300] {NEWER}"
    assert _digest(newer) == before


def test_store_migrations_unknown_migration_refused(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO _migrations VALUES ('m001_from_a_fork', now())")
    con.close()
    with pytest.raises(StoreError, match="unknown migration m001_from_a_fork, newer than this Détente's schema version 2"):
        Store(db, read_only=True)


@pytest.mark.parametrize("args", [
    ["events"], ["events", "-f", "csv"], ["query", "SELECT count(*) FROM events"], ["dyad", "TUR", "GRC"],
    ["export", "-f", "csv", "--out", "e.csv"], ["export", "-f", "parquet", "--out", "e.parquet"],
    ["ingest", "in.txt"], ["serve"]])
def test_store_migrations_newer_store_cli_one_line_exit_2(newer, args, monkeypatch):
    Path("in.txt").write_text("Turkey criticised Greece on Monday.\n")
    monkeypatch.delenv("DETENTE_DB", raising=False)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("serve started on a newer store"))
    res = CliRunner().invoke(app, [*args, "--db", str(newer)])
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert res.exit_code == 2, res.output
    assert lines == [f"detente: error: [E300] {NEWER}"]
    assert not Path("e.csv").exists() and not Path("e.parquet").exists()


def test_store_migrations_newer_store_api_clean_503(newer):
    client = TestClient(create_app(newer), raise_server_exceptions=False, base_url="http://localhost")
    for path in ("/api/events", "/api/stats", "/api/actors"):
        r = client.get(path)
        assert r.status_code == 503, (path, r.text)
        assert r.json()["detail"] == f"store unavailable: [E300] {NEWER}"


def test_store_migrations_older_store_is_migrated_on_write(tmp_path, coder, monkeypatch):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.ingest([article("a", "EVENT TURGOV GRCGOV 111 2025-03-26 day")], coder)

    def m003(con) -> None:
        con.execute("CREATE TABLE notes (event_id VARCHAR, note VARCHAR)")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, ("m003_notes", m003)))
    with pytest.raises(StoreError, match="schema version 2, older than this Détente's version 3: open it once for writing"):
        Store(db, read_only=True)
    with Store(db) as s:
        assert s.stats()["migrations"] == ["m001_initial", "m002_mention_explanation", "m003_notes"]
    with Store(db, read_only=True) as s:
        assert s.stats()["events"] == 1
        assert list(s.query("SELECT count(*) FROM notes")) == [(0,)]


def test_store_migrations_version_numbers():
    assert migrations.version([]) == 0
    assert migrations.version(["m001_initial"]) == 1
    assert migrations.version(["m001_initial", "m012_x", "custom"]) == 12


EXPORT_FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")


def test_store_migrations_v1_store_gets_explanations_and_keeps_export_bytes(tmp_path, coder, monkeypatch):
    """A store written by schema version 1 (no mentions.explanation): opened for writing it migrates, its
    old mentions read as an empty explanation, new ones keep the coder's, and every export of its events
    is byte-identical before and after."""
    from detente.store import schema
    from detente.store.exporters import export_events

    db = tmp_path / "v1.duckdb"
    with monkeypatch.context() as v1:
        v1.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        v1.setattr(schema, "MENTION_COLUMNS", schema.MENTION_COLUMNS_V1)
        with Store(db) as s:
            s.ingest([article("ap", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT TUR USA 172 2025-03-20 day"),
                      article("rt", "EVENT TURGOV USAGOV 0361 2025-03-26 day loc=USA lat=38.9 lon=-77.0")], coder)
            assert "explanation" not in [c[0] for c in s.query("DESCRIBE mentions")]
            before = {f: export_events(s, f, tmp_path / f"before.{f}") for f in EXPORT_FORMATS}
    with pytest.raises(StoreError, match="schema version 1, older than this Détente's version 2"):
        Store(db, read_only=True)
    with Store(db) as s:
        assert s.stats()["migrations"] == ["m001_initial", "m002_mention_explanation"]
        assert list(s.query("SELECT DISTINCT explanation FROM mentions")) == [("{}",)]
        after = {f: export_events(s, f, tmp_path / f"after.{f}") for f in EXPORT_FORMATS}
        meeting = next(r for r in s.event_rows() if r["cameo_code"] == "036")
        assert [m["explanation"] for m in s.event_detail(meeting["event_id"])["mentions"]] == [{}, {}]
        s.ingest([article("new", "EVENT GRCGOV TURGOV 111 2025-04-01 day why=named_in_line_1")], coder)
        new = next(r for r in s.event_rows() if r["cameo_code"] == "111")
        (m,) = s.event_detail(new["event_id"])["mentions"]
        assert m["explanation"] == {"trigger": "line 1: EVENT -> CAMEO 111", "source": "named in line 1"}
    assert before == after and all(before.values())
    for f in EXPORT_FORMATS:
        assert (tmp_path / f"after.{f}").read_bytes() == (tmp_path / f"before.{f}").read_bytes(), f
