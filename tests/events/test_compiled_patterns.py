"""The pattern set and lexicon through the knowledge cache: a cached copy equals a fresh build, each
YAML file is parsed once per load, and an edited file is never served stale."""
from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import DataFileError
from detente.events import lexicon as lexicon_mod
from detente.events import patterns as patterns_mod
from detente.events.patterns import PatternSet, default_pattern_files, load_patterns

USER_PATTERN = """\
- id: test.compiled.summon
  lemmas: [zorblify]
  cameo: "{code}"
"""


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path / "cache"))
    patterns_mod._load_cached.cache_clear()
    lexicon_mod.load_lexicon.cache_clear()
    yield tmp_path / "cache"
    patterns_mod._load_cached.cache_clear()
    lexicon_mod.load_lexicon.cache_clear()


def _summary(ps: PatternSet) -> tuple[object, ...]:
    return ([p.model_dump() for p in ps.patterns], ps.origins,
            {k: [p.id for p in v] for k, v in ps.by_trigger.items()}, ps.requirements())


def test_cached_pattern_set_equals_a_fresh_build(fresh_cache: Path) -> None:
    built = load_patterns()
    assert list(fresh_cache.glob("patterns-*.pickle"))
    patterns_mod._load_cached.cache_clear()
    cached = load_patterns()
    assert cached is not built
    assert _summary(cached) == _summary(built)
    assert cached.candidates("meet", "verb") and cached.vocabulary() == built.vocabulary()


def test_each_file_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    parse = patterns_mod._parse_yaml
    monkeypatch.setattr(patterns_mod, "_parse_yaml", lambda text: calls.append(text[:40]) or parse(text))
    files = tuple(default_pattern_files())
    patterns_mod._build_patterns(files)
    assert len(calls) == len(files)


def test_an_edited_user_file_is_never_served_stale(fresh_cache: Path, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(USER_PATTERN.format(code="042"), encoding="utf-8")
    files = (*default_pattern_files(), user)
    assert load_patterns(files).candidates("zorblify", "verb")[0].cameo == "042"
    user.write_text(USER_PATTERN.format(code="043"), encoding="utf-8")
    patterns_mod._load_cached.cache_clear()  # a new process
    assert load_patterns(files).candidates("zorblify", "verb")[0].cameo == "043"


def test_an_invalid_file_raises_and_is_not_cached(fresh_cache: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(USER_PATTERN.format(code="999"), encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown CAMEO code"):
        load_patterns((bad,))
    assert not list(fresh_cache.glob("patterns-*.pickle"))


def test_line_numbers_survive_the_single_parse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    second = USER_PATTERN.replace("summon", "recall").replace("zorblify", "blorf")
    bad.write_text(USER_PATTERN.format(code="042") + second.format(code="999"), encoding="utf-8")
    # the second row starts on line 4
    assert patterns_mod.validate_pattern_files([bad]) == [f"{bad}:4 [cameo] Value error, unknown CAMEO code '999'"]


def test_cached_lexicon_equals_a_fresh_build(fresh_cache: Path) -> None:
    built = lexicon_mod.load_lexicon()
    lexicon_mod.load_lexicon.cache_clear()
    cached = lexicon_mod.load_lexicon()
    assert cached is not built and cached == built


def test_cached_prefilter_equals_a_fresh_build(fresh_cache: Path) -> None:
    import copy

    from detente.actors import load_actor_dictionary
    from detente.events.prefilter import coder_prefilter

    patterns, lexicon, dictionary = load_patterns(), lexicon_mod.load_lexicon(), load_actor_dictionary()
    coder_prefilter(patterns, lexicon, dictionary)  # cold: builds and stores
    cached = coder_prefilter(patterns, lexicon, dictionary)
    assert list(fresh_cache.glob("prefilter-*.pickle"))
    by_hand = copy.copy(patterns)
    by_hand.content_key = None  # no key: built, never cached
    fresh = coder_prefilter(by_hand, lexicon, dictionary)
    assert cached._lemmas_of == fresh._lemmas_of and cached._needs == fresh._needs
    for name in ("triggers", "names", "words"):
        assert sorted(getattr(cached, name).keys()) == sorted(getattr(fresh, name).keys())
    sentences = ["Turkey's foreign minister met the Greek prime minister in Athens.", "He said they must withdraw.",
                 "Police fired tear gas at protesters in March.", "It rained all day."]
    assert cached.keep(sentences) == fresh.keep(sentences) == [True, True, True, False]
