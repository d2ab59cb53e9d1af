"""Language data (nlp/lang/en.yaml): loaded once, validated, and what the rule modules read."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.errors import DataFileError
from detente.nlp import language
from detente.nlp.language import language_data, language_path, validate_language_data


def test_shipped_english_data_is_valid_and_loaded_once() -> None:
    assert validate_language_data() == []
    data = language_data("en")
    assert data is language_data("en")
    assert data.language == "en"
    assert data.dependency_labels.subject == ("nsubj", "csubj")
    assert "part" in data.partitives
    assert data.irregular_verbs["meet"] == ("met",)


def test_rule_modules_read_the_language_data() -> None:
    from detente.dates import attach
    from detente.events import arguments, modality, prefilter, triggers
    from detente.geo import locate
    from detente.nlp import segment

    labels = language_data().dependency_labels
    assert triggers.PARTITIVES is language_data().partitives
    assert arguments.NOT_TARGET_DEPS is labels.not_target
    assert modality._CONTENT_PATH is labels.content_path
    assert locate.SEARCH_DEPS is labels.place_search
    assert attach.ATTACH_DEPS is labels.date_attach
    assert segment.ABBREVIATIONS is language_data().abbreviations
    # the irregular table reaches the prefilter's surface forms
    assert {"took", "taken"} <= prefilter.inflections("take")
    assert "people" in prefilter.word_forms("person")


def _write(tmp_path: Path, text: str, name: str = "en.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_list_and_a_wrong_type_are_reported_with_the_file(tmp_path: Path) -> None:
    shipped = language_path("en").read_text(encoding="utf-8")
    broken = shipped.replace("partitives: [", "partitives_misspelt: [").replace(
        "pronouns: [he, she", "pronouns: [1, she")
    errors = validate_language_data(_write(tmp_path, broken))
    assert errors, "a broken file must not validate"
    assert all(str(tmp_path / "en.yaml") in e for e in errors)
    joined = " ".join(errors)
    assert "partitives_misspelt" in joined and "[partitives]" in joined and "[pronouns]" in joined


def test_an_unquoted_yaml_boolean_lemma_is_an_error(tmp_path: Path) -> None:
    shipped = language_path("en").read_text(encoding="utf-8")
    broken = shipped.replace('irregular_nouns:\n', 'irregular_nouns:\n  no: [noes]\n')
    errors = validate_language_data(_write(tmp_path, broken))
    assert any("[irregular_nouns]" in e and "quote it" in e for e in errors)


def test_the_language_field_must_match_the_file(tmp_path: Path) -> None:
    shipped = language_path("en").read_text(encoding="utf-8")
    errors = validate_language_data(_write(tmp_path, shipped, "de.yaml"), lang="de")
    assert errors == [f"{tmp_path / 'de.yaml'}:? [language] is 'en', the file name says 'de'"]


def test_bad_yaml_and_a_missing_language_are_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "[file]" in validate_language_data(_write(tmp_path, "partitives: [a, b\n"))[0]
    assert "[file]" in validate_language_data(_write(tmp_path, "- a list\n"))[0]
    monkeypatch.setattr(language, "language_path", lambda lang="en": tmp_path / f"{lang}.yaml")
    with pytest.raises(DataFileError, match="xx.yaml"):
        language.language_data.__wrapped__("xx")


def test_coreference_words_are_data_and_genders_are_checked(tmp_path: Path) -> None:
    from detente.actors import coref

    words = language_data().coreference
    assert coref.PERSON_PRONOUNS is words.person_pronouns and words.person_pronouns["she"] == "f"
    assert coref.PAIR_TITLES["leaders"][:2] == ("president", "prime minister")  # a tuple, as last_people takes
    shipped = language_path("en").read_text(encoding="utf-8")
    errors = validate_language_data(_write(tmp_path, shipped.replace("he: m,", "he: x,")))
    assert any("[coreference.person_pronouns.he]" in e for e in errors)


def test_single_labels_are_data_by_role_and_every_role_is_required(tmp_path: Path) -> None:
    from detente.nlp import deps

    labels = language_data().labels
    assert (deps.POBJ, deps.NSUBJPASS, deps.XCOMP) == (labels.prep_object, labels.passive_subject, "xcomp")
    shipped = language_path("en").read_text(encoding="utf-8")
    missing = validate_language_data(_write(tmp_path, shipped.replace("  negation: neg\n", "")))
    assert any("[labels.negation]" in e for e in missing)
    empty = validate_language_data(_write(tmp_path, shipped.replace("  negation: neg\n", "  negation: ''\n")))
    assert any("[labels.negation]" in e and "dependency label" in e for e in empty)


_LABEL_RULES = ["actors/coref.py", "actors/finder.py", "dates/attach.py", "events/arguments.py",
                "events/constructions.py", "events/modality.py", "events/proposals.py", "events/roles.py",
                "events/triggers.py", "geo/locate.py"]


@pytest.mark.parametrize("module", _LABEL_RULES)
def test_rule_modules_compare_links_with_named_labels_not_literals(module: str) -> None:
    import re

    import detente

    labels = set(vars(language_data().labels).values()) | set(language_data().dependency_labels.not_target)
    source = (Path(detente.__file__).parent / module).read_text(encoding="utf-8")
    inline = [(n, line.strip()) for n, line in enumerate(source.splitlines(), 1) if ".dep_" in line
              and set(re.findall(r'"([a-z]+)"', line)) & labels]
    assert inline == [], f"{module}: dependency labels spelt inline (use detente.nlp.deps)"


def test_the_process_language_comes_from_detente_lang_and_must_have_its_data():
    import subprocess
    import sys

    code = "from detente.nlp.language import language_data; language_data()"
    for lang, says in (("xx", "lang/xx.yaml"), ("../en", "bad language code")):
        res = subprocess.run([sys.executable, "-c", code], env={**os.environ, "DETENTE_LANG": lang},
                             capture_output=True, text=True, timeout=120)
        assert res.returncode != 0 and says in res.stderr, res.stderr[-500:]


def test_a_model_of_another_language_is_refused_with_the_way_out():
    import spacy

    from detente.components import add_components
    from detente.config import resolve_config
    from detente.errors import DataFileError

    with pytest.raises(DataFileError, match="DETENTE_LANG=de"):
        add_components(spacy.blank("de"), resolve_config())
