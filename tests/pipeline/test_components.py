"""The coder as a spaCy pipeline: registered components, their config, overrides and round-trips."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import detente
from detente.components import register_components
from detente.config import PIPELINE, resolve_config
from detente.errors import UsageError
from detente.models import Article
from detente.pipeline import Coder, CoderSettings, code_article

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed"
HEADLINE = Article(id="h", title="Iran accuses Iraq of shelling border towns",
                   text="Iran on Tuesday accused Iraq of shelling two border towns, the news agency said.",
                   date=dt.date(1987, 3, 11))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return detente.load()


@pytest.fixture(scope="module")
def seed() -> Article:
    title, _, body = (SEED / "article.txt").read_text(encoding="utf-8").partition("\n")
    return Article(id="seed", title=title.strip(), text=body.strip(), date=dt.date(2025, 3, 26))


def _rows(events: list) -> list[dict]:
    return [e.model_dump(mode="json") for e in events]


def test_every_component_is_a_registered_factory_named_detente() -> None:
    register_components()
    for name in PIPELINE:
        assert name.startswith("detente_")
        assert Language.has_factory(name), name
        meta = Language.get_factory_meta(name)
        assert meta.assigns, f"{name} declares no assigns"


def test_the_pipeline_runs_the_components_after_the_model_in_decision_order(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names[-len(PIPELINE):] == list(PIPELINE)
    assert names.index("ner") < names.index("detente_actors")  # actors read entities and the parse


def test_the_config_shows_every_component_and_coder_setting(nlp: Language) -> None:
    cfg = nlp.config
    for name in PIPELINE:
        assert cfg["components"][name]["factory"] == name
    assert cfg["nlp"]["batch_size"] == CoderSettings().batch_size
    assert cfg["components"]["detente_dates"]["historical_days"] == 30
    assert cfg["components"]["detente_events"]["prefilter"] is True
    assert cfg["components"]["detente_events"]["extra_patterns"] == []
    assert cfg["components"]["detente_actors"]["extra_files"] == []
    assert cfg["components"]["detente_records"] == {"factory": "detente_records", "headline_once": True,
                                                    "carry_locations": True, "infer_locations": True}
    assert cfg["components"]["detente_decider"] == {"factory": "detente_decider", "decider": None,
                                                    "decider_threshold": None, "min_confidence": 0.0}
    assert cfg["components"]["detente_proposals"]["propose"] is None
    assert "[components.detente_roles]" in cfg.to_str()


def test_requires_and_assigns_leave_no_problem(nlp: Language) -> None:
    problems = nlp.analyze_pipes()["problems"]
    assert all(not p for p in problems.values()), problems


def test_a_config_override_changes_the_coding() -> None:
    both = Coder(config={"components": {"detente_records": {"headline_once": False}}}).code(HEADLINE)
    once = Coder().code(HEADLINE)
    assert {e.sentence_index for e in both if e.plover_type == "ACCUSE"} == {0, 1}
    assert {e.sentence_index for e in once if e.plover_type == "ACCUSE"} == {1}


def test_min_confidence_from_the_config_drops_weak_events(seed: Article) -> None:
    everything = Coder().code(seed)
    floor = sorted(e.confidence for e in everything)[len(everything) // 2]
    strong = Coder(config={"components": {"detente_decider": {"min_confidence": floor}}}).code(seed)
    assert 0 < len(strong) < len(everything)
    assert strong == [e for e in everything if e.confidence >= floor]


def test_settings_become_config_values_and_the_config_wins() -> None:
    coder = Coder(settings=CoderSettings(historical_days=7, propose=False),
                  config={"components": {"detente_dates": {"historical_days": 9}}})
    assert coder.nlp.config["components"]["detente_dates"]["historical_days"] == 9
    assert coder.nlp.config["components"]["detente_proposals"]["propose"] is False


def test_a_bad_config_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match="unknown component 'detente_nope'"):
        resolve_config({"components": {"detente_nope": {}}})
    with pytest.raises(UsageError, match="unknown setting"):
        resolve_config({"components": {"detente_records": {"headline_twice": True}}})
    with pytest.raises(UsageError, match="invalid coder config"):
        resolve_config("[components.detente_records\nheadline_once = ")


def test_a_missing_data_file_is_a_clear_error(tmp_path: Path) -> None:
    from detente.errors import DataFileError

    with pytest.raises(DataFileError, match="pattern file or folder not found"):
        detente.load({"components": {"detente_events": {"extra_patterns": [str(tmp_path / "nope.yaml")]}}})
    with pytest.raises(DataFileError, match="actor file or folder not found"):
        detente.load({"components": {"detente_actors": {"extra_files": [str(tmp_path / "nope.yaml")]}}})


def test_config_text_works_like_a_dict() -> None:
    text = "[components]\n\n[components.detente_dates]\nhistorical_days = 12\n"
    assert resolve_config(text)["components"]["detente_dates"]["historical_days"] == 12


def test_environment_variables_override_the_defaults_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DETENTE_PATTERNS", str(tmp_path / "p"))
    monkeypatch.setenv("DETENTE_ACTORS", str(tmp_path / "a.yaml"))
    monkeypatch.setenv("DETENTE_SPACY_MODEL", "some_model")
    cfg = resolve_config()
    assert cfg["components"]["detente_events"]["extra_patterns"] == [str(tmp_path / "p")]
    assert cfg["components"]["detente_actors"]["extra_files"] == [str(tmp_path / "a.yaml")]
    assert cfg["nlp"]["model"] == "some_model"
    explicit = resolve_config({"components": {"detente_events": {"extra_patterns": []}}})
    assert explicit["components"]["detente_events"]["extra_patterns"] == []


def test_extra_patterns_from_the_environment_reach_the_pipeline(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "- id: test.frobnicate\n  lemmas: [frobnicate]\n  pos: verb\n  cameo: '111'\n", encoding="utf-8")
    art = Article(id="f", text="Iran frobnicated Iraq on Tuesday.", date=dt.date(2020, 1, 2))
    assert not [e for e in Coder().code(art) if e.rule == "test.frobnicate"]
    monkeypatch.setenv("DETENTE_PATTERNS", str(tmp_path))
    coder = Coder()
    assert coder.nlp.config["components"]["detente_events"]["extra_patterns"] == [str(tmp_path)]
    found = [e for e in coder.code(art) if e.rule == "test.frobnicate"]
    assert [(e.source_code, e.target_code) for e in found] == [("IRN", "IRQ")]


def test_load_then_doc_to_events_equals_code_article(nlp: Language, seed: Article) -> None:
    coder = Coder(nlp=nlp)
    doc = nlp(coder.make_doc(seed))
    assert doc._.detente_actors is not None and doc._.detente_dater is not None
    expected = code_article(seed.text, date="2025-03-26", title=seed.title, id="seed")
    assert _rows(doc._.detente_events) == _rows(expected)


def test_to_disk_and_spacy_load_round_trip(nlp: Language, seed: Article, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "coder")
    back = spacy.load(tmp_path / "coder")
    assert back.pipe_names == nlp.pipe_names
    assert back.config["components"]["detente_records"] == nlp.config["components"]["detente_records"]
    assert _rows(Coder(nlp=back).code(seed)) == _rows(Coder(nlp=nlp).code(seed))


def test_a_saved_coder_keeps_its_config(tmp_path: Path) -> None:
    changed = {"nlp": {"batch_size": 8},
               "components": {"detente_events": {"prefilter": False}, "detente_proposals": {"propose": False},
                              "detente_records": {"headline_once": False}}}
    detente.load(changed).to_disk(tmp_path / "coder")
    coder = Coder(nlp=spacy.load(tmp_path / "coder"))
    assert coder.prefilter is None and coder.batch_size == 8
    assert coder.config["components"]["detente_proposals"]["propose"] is False
    assert coder.config["components"]["detente_records"]["headline_once"] is False
    assert {e.sentence_index for e in coder.code(HEADLINE) if e.plover_type == "ACCUSE"} == {0, 1}


def test_a_saved_coder_loads_in_a_fresh_process_through_the_entry_points(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "coder")
    script = "import spacy, sys; print(','.join(spacy.load(sys.argv[1]).pipe_names))"
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "coder")], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().split(",") == nlp.pipe_names


def test_a_doc_without_its_article_gets_a_clear_error(nlp: Language) -> None:
    doc = nlp("Iran accused Iraq.")
    assert isinstance(doc._.detente_error, ValueError)
    assert "detente_article" in str(doc._.detente_error)


def test_workers_build_their_coder_from_the_config_not_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from detente import parallel

    config = parallel.worker_config()
    monkeypatch.setenv("DETENTE_ACTORS", "/nonexistent/actors.yaml")  # a worker's stale environment
    monkeypatch.setattr(parallel, "_CODER", None)
    monkeypatch.setattr(parallel, "_INIT_ERROR", None)
    parallel._init_worker(None, config)
    assert parallel._INIT_ERROR is None
    assert parallel._CODER.config == config


def test_a_component_error_is_that_articles_result_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    coder = Coder()
    dates = coder.nlp.get_pipe("detente_dates")
    real = dates.process

    def failing(doc):  # type: ignore[no-untyped-def]
        if "Ruritania" in doc.text:
            raise RuntimeError("dates failed")
        return real(doc)

    monkeypatch.setattr(dates, "process", failing)
    bad = Article(id="bad", text="Ruritania accused Iraq of shelling.", date=dt.date(1987, 3, 11))
    results = dict((a.id, r) for a, r in coder.code_many([HEADLINE, bad, HEADLINE.model_copy(update={"id": "h2"})]))
    assert isinstance(results["bad"], RuntimeError)
    assert [e.plover_type for e in results["h"]] == [e.plover_type for e in results["h2"]] != []
    with pytest.raises(RuntimeError, match="dates failed"):
        coder.code(bad)


def test_a_bare_spacy_model_gets_the_components_added() -> None:
    from detente.nlp import base_pipeline

    coder = Coder(nlp=base_pipeline())
    assert coder.nlp.pipe_names[-len(PIPELINE):] == list(PIPELINE)
    assert _rows(coder.code(HEADLINE)) == _rows(Coder().code(HEADLINE))
