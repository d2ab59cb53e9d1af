"""The compiled-knowledge cache (src/detente/knowledge_cache.py): hits, invalidation, and every way an
entry can be unusable (corrupt, truncated, another version, unwritable folder) ending in a rebuild."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from detente import knowledge_cache as kc


class Box:
    """A stand-in knowledge object."""

    def __init__(self, text: str) -> None:
        self.text = text


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.yaml"
    path.write_text("- one\n", encoding="utf-8")
    return path


class Builder:
    def __init__(self, source: Path) -> None:
        self.source, self.calls = source, 0

    def __call__(self) -> Box:
        self.calls += 1
        return Box(self.source.read_text(encoding="utf-8"))

    def load(self) -> Box:
        return kc.load_or_build("box", [self.source], self, Box)[0]


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("box-*.pickle"))


def test_cache_dir_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert kc.cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv("DETENTE_CACHE_DIR")
    assert kc.cache_dir() == tmp_path / "xdg" / "detente"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert kc.cache_dir() == tmp_path / "home" / ".cache" / "detente"


def test_built_once_then_read(cache: Path, source: Path) -> None:
    builder = Builder(source)
    assert builder.load().text == "- one\n"
    assert builder.load().text == "- one\n"
    assert builder.calls == 1
    assert len(entries(cache)) == 1
    assert not list(cache.glob(".*.tmp"))  # the temp file was renamed, not left behind


def test_editing_a_source_rebuilds(cache: Path, source: Path) -> None:
    builder = Builder(source)
    builder.load()
    source.write_text("- two\n", encoding="utf-8")
    assert builder.load().text == "- two\n"  # never the stale entry
    assert builder.calls == 2


def test_another_detente_or_format_version_rebuilds(cache: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builder = Builder(source)
    builder.load()
    monkeypatch.setattr(kc, "__version__", "99.0")
    builder.load()
    monkeypatch.setattr(kc, "FORMAT_VERSION", kc.FORMAT_VERSION + 1)
    builder.load()
    assert builder.calls == 3


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "foreign"])
def test_damaged_entry_is_rebuilt_and_replaced(cache: Path, source: Path, damage: str) -> None:
    builder = Builder(source)
    builder.load()
    (entry,) = entries(cache)
    raw = bytearray(entry.read_bytes())
    if damage == "flip":
        raw[-10] ^= 0xFF
    elif damage == "truncate":
        raw = raw[: len(raw) // 2]
    elif damage == "empty":
        raw = bytearray()
    else:  # a file that is not ours (another tool, an older layout)
        raw = bytearray(pickle.dumps(Box("foreign")))
    entry.write_bytes(bytes(raw))
    assert builder.load().text == "- one\n"
    assert builder.calls == 2
    builder.load()
    assert builder.calls == 2  # the rebuilt entry replaced the damaged one


def _forge(entry: Path, payload: bytes) -> None:
    """An entry with a valid header and digest around ``payload``."""
    import hashlib

    entry.write_bytes(kc.MAGIC + hashlib.sha256(payload).digest() + payload)


def test_entry_of_the_wrong_type_is_rebuilt(cache: Path, source: Path) -> None:
    builder = Builder(source)
    builder.load()
    (entry,) = entries(cache)
    _forge(entry, pickle.dumps(["not", "a", "box"]))
    assert isinstance(builder.load(), Box)
    assert builder.calls == 2


def test_entry_naming_a_vanished_class_is_rebuilt(cache: Path, source: Path) -> None:
    builder = Builder(source)
    builder.load()
    (entry,) = entries(cache)
    _forge(entry, pickle.dumps(Box("x")).replace(b"Box", b"Gone"))
    assert builder.load().text == "- one\n"
    assert builder.calls == 2


def test_unwritable_cache_folder_still_builds(tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(blocker / "cache"))  # cannot mkdir under a file (even as root)
    builder = Builder(source)
    assert builder.load().text == "- one\n"
    assert builder.load().text == "- one\n"
    assert builder.calls == 2


def test_no_home_directory_still_builds(source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DETENTE_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    builder = Builder(source)
    assert builder.load().text == "- one\n"
    assert builder.calls == 1


def test_unpicklable_object_is_returned_uncached(cache: Path, source: Path) -> None:
    import threading

    obj, _ = kc.load_or_build("lock", [source], threading.Lock, type(threading.Lock()))
    assert obj is not None and not list(cache.glob("lock-*"))


def test_unreadable_source_lets_the_builder_report_it(cache: Path, tmp_path: Path) -> None:
    def build() -> Box:
        raise FileNotFoundError("missing.yaml")

    with pytest.raises(FileNotFoundError):
        kc.load_or_build("box", [tmp_path / "missing.yaml"], build, Box)
    assert not cache.exists() or not entries(cache)


def test_old_entries_are_pruned(cache: Path, source: Path) -> None:
    builder = Builder(source)
    for i in range(kc.KEEP_PER_KIND + 3):
        source.write_text(f"- {i}\n", encoding="utf-8")
        builder.load()
    assert len(entries(cache)) == kc.KEEP_PER_KIND
    assert builder.load().text == f"- {kc.KEEP_PER_KIND + 2}\n"


def test_pydantic_models_round_trip_with_their_fields_set(cache: Path, source: Path) -> None:
    from detente.actors.schema import ActorEntry

    entry = ActorEntry.model_validate({"id": "x", "names": ["X Y"], "roles": [{"code": "TURGOV", "from": "2020-01-01"}]})
    got = kc.load_or_build("entry", [source], lambda: entry, ActorEntry)[0]
    again = kc.load_or_build("entry", [source], lambda: pytest.fail("rebuilt"), ActorEntry)[0]
    assert again == entry and again is not got
    assert again.model_fields_set == entry.model_fields_set
    assert again.roles[0].model_fields_set == {"code", "from_"}
    assert again.model_dump(exclude_unset=True) == entry.model_dump(exclude_unset=True)
