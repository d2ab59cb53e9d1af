"""The actor dictionary and its phrase table through the knowledge cache: cached copies equal fresh
builds, a changed dictionary never reuses a cached table, a user file edit is never served stale."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors import matcher
from detente.actors.dictionary import ActorDictionary

USER_ACTOR = """\
- id: test-compiled-person
  kind: person
  names: [Zorblo Quenty]
  roles: [{{code: {code}}}]
"""


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _same(a: ActorDictionary, b: ActorDictionary) -> None:
    assert a.actors == b.actors
    assert a.countries == b.countries
    assert a.agents == b.agents
    assert a.generated == b.generated and a.sources == b.sources
    assert a.vocabulary() == b.vocabulary()


def test_cached_dictionary_and_table_equal_fresh_builds(fresh_cache: Path, tmp_path: Path) -> None:
    built = ActorDictionary.load(env=False)
    cached = ActorDictionary.load(env=False)
    assert built is not cached and built.content_key == cached.content_key is not None
    _same(built, cached)
    fresh_table = matcher.compile_table(built)  # cold: builds and stores
    table = matcher.compile_table(cached)  # another dictionary object: read from the cache
    assert list(fresh_cache.glob("phrase_table-*.pickle"))
    assert table.table == fresh_table.table and table.lengths == fresh_table.lengths

    user = tmp_path / "mine.yaml"
    user.write_text(USER_ACTOR.format(code="TURGOV"), encoding="utf-8")
    changed = ActorDictionary.load(env=False)  # read from the cache
    changed.add_file(user)
    assert changed.content_key is None  # its sources no longer describe it: no cached table for it
    table = matcher.compile_table(changed)
    assert table.table[("zorblo", "quenty")][0].entry_id == "person:test-compiled-person"


@pytest.mark.slow  # two cold builds of the whole dictionary
def test_an_edited_user_file_is_never_served_stale(fresh_cache: Path, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(USER_ACTOR.format(code="TURGOV"), encoding="utf-8")
    first = ActorDictionary.load([user], env=False)
    user.write_text(USER_ACTOR.format(code="GRCGOV"), encoding="utf-8")
    second = ActorDictionary.load([user], env=False)
    assert first.actors["person:test-compiled-person"].roles[0].code == "TURGOV"
    assert second.actors["person:test-compiled-person"].roles[0].code == "GRCGOV"
    assert first.content_key != second.content_key
