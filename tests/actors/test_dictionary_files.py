"""Loading, extending and validating the actor data files."""
from __future__ import annotations

import datetime as dt

from detente.actors import ActorDictionary, ActorFinder, validate_actor_data
from detente.errors import DataFileError

EXTRA = """\
- id: jane-example
  names: ["Jane Examplova", "Examplova"]
  gender: f
  roles:
    - {code: ESTGOV, from: 2024-01-01, to: null, title: "Foreign Minister"}
"""


def test_dictionary_shipped_files_are_valid():
    assert validate_actor_data() == []


def test_dictionary_extra_yaml_adds_an_actor(tmp_path, nlp):
    path = tmp_path / "mine.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    d = ActorDictionary.load(extra_paths=[path])
    acts = ActorFinder(d)(nlp("Jane Examplova visited Riga."))
    ref = next(m for m in acts.mentions if "Examplova" in m.text).resolve(dt.date(2025, 1, 1))
    assert ref.code == "ESTGOV" and ref.entry_id == "person:jane-example"


def test_dictionary_env_var_adds_paths(tmp_path, monkeypatch):
    path = tmp_path / "env.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    monkeypatch.setenv("DETENTE_ACTORS", str(tmp_path))
    assert "person:jane-example" in ActorDictionary.load().actors


def test_dictionary_user_file_overrides_shipped_entry(tmp_path, nlp):
    path = tmp_path / "override.yaml"
    path.write_text('- {id: hakan-fidan, names: ["Hakan Fidan"], roles: [{code: TURMIL}]}\n', encoding="utf-8")
    d = ActorDictionary.load(extra_paths=[path])
    m = next(m for m in ActorFinder(d)(nlp("Hakan Fidan spoke.")).mentions)
    assert m.resolve(dt.date(2025, 1, 1)).code == "TURMIL"


def test_validate_finds_bad_date_and_unknown_field(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(
        "- id: ok-person\n  names: [A B]\n  roles: [{code: USAGOV}]\n"
        "- id: bad-date\n  names: [C D]\n  roles: [{code: USAGOV, from: 2025-13-01}]\n"
        "- id: bad-field\n  names: [E F]\n  colour: red\n  roles: [{code: USAGOV}]\n",
        encoding="utf-8",
    )
    errors = validate_actor_data(path)
    assert len(errors) == 2
    assert errors[0].startswith(f"{path}:4 [roles.0.from]")
    assert errors[1].startswith(f"{path}:7 [colour]")


def test_validate_rejects_bad_code_and_reversed_dates(tmp_path):
    path = tmp_path / "codes.yaml"
    path.write_text("- id: x\n  names: [X Y]\n  roles: [{code: usagov}, {code: USAGOV, from: 2020-01-01, to: 2019-01-01}]\n",
                    encoding="utf-8")
    errors = validate_actor_data(path)
    assert any("[roles.0.code]" in e for e in errors) and any("[roles.1]" in e for e in errors)


def test_load_raises_coded_error_on_invalid_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- id: x\n  names: [X]\n  roles: []\n", encoding="utf-8")
    try:
        ActorDictionary.load(extra_paths=[path])
    except DataFileError as exc:
        assert exc.code == "E200" and "bad.yaml" in str(exc)
    else:
        raise AssertionError("invalid file was accepted")


def test_validate_agents_and_country_patches(tmp_path):
    agents = tmp_path / "agents.yaml"
    agents.write_text("- {id: a, agent: gov, words: [x]}\n", encoding="utf-8")
    patches = tmp_path / "patch.yaml"
    patches.write_text("- {id: TUR, adjectives: [Turkic], bogus: 1}\n", encoding="utf-8")
    assert any("[agent]" in e for e in validate_actor_data(agents))
    assert any("[bogus]" in e for e in validate_actor_data(patches))
