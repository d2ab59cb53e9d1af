"""The Store protocol and the registries: the DuckDB store implements the protocol, nothing outside
store/ reaches its connection, and a plug-in exporter and a plug-in backend (tests/store/memory_backend.py)
work through the public functions and the CLI."""
from __future__ import annotations

import ast
import json
from importlib.metadata import EntryPoint, EntryPoints
from pathlib import Path
import catalogue
import pytest
from conftest import article
from memory_backend import ARROWS, STORES
from typer.testing import CliRunner

from detente import registry
from detente.cli import app
from detente.errors import StoreError, UsageError
from detente.store import (BrowsableStore, DuckDBStore, EventFilters, EventStore, Store, export_events,
                           exporter_names, open_store, read_events, store_names)
from detente.store.backends import split_location

SRC = Path(__file__).resolve().parents[2] / "src" / "detente"


def test_store_protocol_duckdb_implements_both(tmp_path):
    with open_store(tmp_path / "p.duckdb") as s:
        assert isinstance(s, DuckDBStore) and isinstance(s, EventStore) and isinstance(s, BrowsableStore)
    assert Store is DuckDBStore  # the old name still opens DuckDB


def test_store_protocol_no_connection_outside_the_store_package():
    """api/, cli/ and the rest go through the protocol: no ``.con``/``._con`` and no duckdb import."""
    offences = []
    for path in sorted(SRC.rglob("*.py")):
        if path.is_relative_to(SRC / "store"):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in ("con", "_con"):
                offences.append(f"{path.relative_to(SRC)}:{node.lineno} .{node.attr}")
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offences += [f"{path.relative_to(SRC)}:{node.lineno} imports {n}" for n in names
                         if n.split(".")[0] == "duckdb"]
    assert offences == []


def test_store_protocol_the_check_finds_an_offence(tmp_path):
    """The AST check above is not vacuous: it flags exactly the pattern it is meant to forbid."""
    tree = ast.parse("def f(store):\n    return store.con.execute('SELECT 1')\n")
    assert [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in ("con", "_con")] == ["con"]


def test_registries_list_the_built_ins():
    assert exporter_names()[:5] == ["gdelt", "plover", "parquet", "csv", "jsonl"]
    assert "duckdb" in store_names()
    assert registry.exporters.namespace == ("detente", "exporters")  # entry-point group detente_exporters
    assert registry.stores.entry_points and registry.exporters.entry_points


def test_open_store_location_names_the_backend(tmp_path, monkeypatch):
    assert split_location(tmp_path / "a.duckdb") == ("duckdb", str(tmp_path / "a.duckdb"))
    assert split_location(f"duckdb:{tmp_path}/b.duckdb") == ("duckdb", f"{tmp_path}/b.duckdb")
    assert split_location("weird:name.duckdb") == ("duckdb", "weird:name.duckdb")  # not a backend: a path
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "env.duckdb"))
    assert split_location(None) == ("duckdb", str(tmp_path / "env.duckdb"))
    with open_store(f"duckdb:{tmp_path}/b.duckdb") as s:
        assert s.path == tmp_path / "b.duckdb"
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


@pytest.fixture
def toy_exporter():
    """A plug-in format: one line per event, 'SOURCE>TARGET CAMEO'."""
    registry.exporters.register("arrows", func=ARROWS)
    yield "arrows"
    catalogue.REGISTRY.pop(("detente", "exporters", "arrows"), None)


CORPUS = [
    article("ap", "EVENT TURGOV USAGOV 036 2025-03-25 day", "EVENT TUR USA 172 2025-04-20 day mode=future"),
    article("rt", "EVENT USAGOV TURGOV 042 2025-03-02 day", source="Reuters"),
    article("ru", "EVENT RUSMIL UKR 190 2025-02-10 day loc=UKR", source="AFP"),
]


def test_registries_toy_exporter_through_export_events_and_cli(toy_exporter, tmp_path, coder):
    db = tmp_path / "x.duckdb"
    with Store(db) as s:
        s.ingest(CORPUS, coder)
    assert toy_exporter in exporter_names()
    with open_store(db, read_only=True) as s:
        n = export_events(s, toy_exporter, tmp_path / "out.txt", EventFilters(dyad=("TUR", "USA")))
    assert n == 3 and (tmp_path / "out.txt").read_text().splitlines() == [
        "USAGOV>TURGOV 042", "TURGOV>USAGOV 036", "TUR>USA 172"]
    res = CliRunner().invoke(app, ["export", "--format", toy_exporter, "--out", "-", "--db", str(db), "--cameo", "19"])
    assert res.exit_code == 0 and res.output == "RUSMIL>UKR 190\n"
    res = CliRunner().invoke(app, ["export", "--format", "nope", "--out", "-", "--db", str(db)])
    assert res.exit_code == 2 and "arrows" in res.output  # the error lists plug-in formats too


def test_registries_unknown_or_misregistered_exporter_is_a_clear_error(tmp_path, coder):
    with Store(tmp_path / "x.duckdb") as s:
        with pytest.raises(UsageError, match="choose one of gdelt, plover, parquet, csv, jsonl"):
            export_events(s, "xml", tmp_path / "x.xml")
        registry.exporters.register("bare", func=lambda *a: 0)
        try:
            with pytest.raises(UsageError, match="not a detente.store.exporters.Exporter"):
                export_events(s, "bare", tmp_path / "x.txt")
        finally:
            catalogue.REGISTRY.pop(("detente", "exporters", "bare"), None)
        with pytest.raises(UsageError, match="parquet cannot be written to stdout"):
            export_events(s, "parquet", "-")
    assert not (tmp_path / "x.xml").exists() and not (tmp_path / "x.txt").exists()


def test_registries_memory_backend_through_open_store_read_events_and_cli(memory_backend, toy_exporter, coder,
                                                                          tmp_path, monkeypatch):
    with open_store("memory:demo") as s:
        assert isinstance(s, EventStore) and not isinstance(s, BrowsableStore)
        first = s.ingest(CORPUS, coder)
        again = s.ingest(CORPUS, coder)
    assert (first.articles_new, first.events, again.articles_skipped) == (3, 4, 3)
    df = read_events("memory:demo", dyad=("TUR", "USA"), factual=True)
    assert sorted(df.cameo_code) == ["036", "042"]
    with pytest.raises(StoreError, match="no memory store"):
        open_store("memory:other", read_only=True)
    r = CliRunner()
    res = r.invoke(app, ["events", "--db", "memory:demo", "--format", "jsonl", "--country", "UKR"])
    assert res.exit_code == 0, res.output
    assert [json.loads(x)["cameo_code"] for x in res.output.splitlines()] == ["190"]
    res = r.invoke(app, ["events", "--db", "memory:demo", "--format", "csv", "--since", "2025-03-01"])
    lines = res.output.splitlines()
    assert lines[0].split(",")[:2] == ["event_id", "article_id"] and len(lines) == 4  # header + 3 events
    duck = tmp_path / "same.duckdb"
    with Store(duck) as d:
        d.ingest(CORPUS, coder)
    for by in ("day", "month"):  # the same timeline from both backends (no merged events in CORPUS)
        args = ["dyad", "TUR", "USA", "--by", by, "--format", "csv", "--db"]
        res, expected = r.invoke(app, [*args, "memory:demo"]), r.invoke(app, [*args, str(duck)])
        assert res.exit_code == 0 and res.output == expected.output and "2025-03" in res.output
    res = r.invoke(app, ["export", "--format", toy_exporter, "--out", "-", "--db", "memory:demo", "--factual-only"])
    assert res.output.splitlines() == ["RUSMIL>UKR 190", "USAGOV>TURGOV 042", "TURGOV>USAGOV 036"]
    res = r.invoke(app, ["query", "SELECT 1", "--db", "memory:demo"])
    assert res.exit_code == 2 and "no SQL" in res.output


def test_registries_api_refuses_a_backend_without_the_browse_reads(memory_backend, coder):
    from fastapi.testclient import TestClient

    from detente.api import create_app

    with open_store("memory:api") as s:
        s.ingest(CORPUS[:1], coder)
    client = TestClient(create_app(Path("memory:api")), base_url="http://localhost")
    res = client.get("/api/events")
    assert res.status_code == 503 and "BrowsableStore" in res.json()["detail"]


def test_registries_plug_ins_load_from_their_entry_points(coder, tmp_path, monkeypatch):
    """A package declaring the entry points of docs/extending.md is found without being imported first."""
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", EntryPoints([
        EntryPoint(name="arrows", value="memory_backend:ARROWS", group="detente_exporters"),
        EntryPoint(name="memory", value="memory_backend:open_memory", group="detente_stores"),
    ]))
    STORES.clear()
    assert "arrows" in exporter_names() and "memory" in store_names()
    with open_store("memory:ep") as s:
        s.ingest(CORPUS, coder)
        out = tmp_path / "ep.txt"
        assert export_events(s, "arrows", out, EventFilters(cameo="19")) == 1
    assert out.read_text() == "RUSMIL>UKR 190\n"
    STORES.clear()
