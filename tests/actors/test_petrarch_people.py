"""PETRARCH2's dated people (data/generated/people_*.csv): dated roles, ambiguity rules, priority."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.actors import load_actor_dictionary, validate_actor_data
from detente.actors.dictionary import ActorDictionary, people_paths, validate_people_csv
from detente.actors.schema import ActorEntry

D = dt.date


@pytest.mark.parametrize("text,surface,on,code", [
    ("President Abdelaziz Bouteflika met the delegation.", "Bouteflika", D(2005, 6, 1), "DZAGOV"),
    ("Abdelaziz Bouteflika met the delegation.", "Bouteflika", D(1995, 6, 1), "DZAELI"),
    ("Kofi Annan urged restraint.", "Annan", D(2000, 3, 1), "IGOUNO"),
    ("Yasser Arafat rejected the offer.", "Arafat", D(2000, 7, 20), "PSEGOV"),
    ("Ehud Barak rejected the offer.", "Barak", D(2000, 7, 20), "ISRGOV"),
    ("Robert Mugabe criticised Britain.", "Mugabe", D(2003, 5, 1), "ZWEGOV"),
    ("Yoweri Museveni visited Kenya.", "Museveni", D(2004, 5, 1), "UGAGOV"),
    ("President Bush spoke to reporters.", "Bush", D(2005, 5, 1), "USAGOV"),
    ("President Bush spoke to reporters.", "Bush", D(1990, 5, 1), "USAGOV"),
])
def test_petrarch_people_resolve_on_date(code_of, text, surface, on, code):
    assert code_of(text, surface, on) == code


def test_petrarch_people_unique_surname_alone_resolves(code_of):
    assert code_of("Bouteflika met the delegation.", "Bouteflika", D(2005, 6, 1)) == "DZAGOV"


def test_petrarch_people_no_date_uses_most_recent_role(nlp, finder):
    m = next(m for m in finder(nlp("Abdelaziz Bouteflika spoke.")).mentions if "Bouteflika" in m.text)
    assert m.resolve(None).code == "DZAGOV"


def test_petrarch_people_why_names_role_span(nlp, finder):
    m = next(m for m in finder(nlp("Kofi Annan spoke.")).mentions if "Annan" in m.text)
    why = m.resolve(D(2000, 3, 1)).why
    assert "1997-01-01" in why and "2006-12-31" in why


@pytest.mark.parametrize("alias", ["Bush", "Barak", "Museveni"])
def test_petrarch_people_ambiguous_surname_not_an_alias(alias):
    # two or more people share these surnames: only a full name or title + surname is safe
    d = load_actor_dictionary()
    owners = [k for k in d.generated if k.startswith("person:") and alias in d.actors[k].names]
    assert owners == []


def test_petrarch_people_ambiguous_surname_not_matched(nlp, finder):
    mentions = finder(nlp("Barak said on Monday that talks would resume.")).mentions
    assert not any(m.kind == "person" for m in mentions)


def test_petrarch_people_no_generated_name_is_a_country_or_agent_word():
    d = load_actor_dictionary()
    places = {n.lower() for c in d.countries.values() for n in [c.name, *c.names, *c.adjectives, *c.capitals]}
    words = {w.lower() for a in d.agents for w in a.words}
    for key in d.generated:
        if key.startswith("person:"):
            for n in d.actors[key].names:
                assert n.lower() not in places | words, (key, n)


def test_petrarch_people_bare_titles_are_dropped():
    d = load_actor_dictionary()
    for key in d.generated:
        if key.startswith("person:"):
            for n in d.actors[key].names:
                assert n.lower() not in {"president", "prime minister", "secretary-general", "the president"}


def test_petrarch_people_curated_person_wins(nlp, finder):
    # people/usa.yaml has George W. Bush (id george-w-bush); the generated row of that id is skipped
    d = load_actor_dictionary()
    assert "person:george-w-bush" not in d.generated
    m = next(m for m in finder(nlp("George W. Bush spoke.")).mentions if "Bush" in m.text)
    ref = m.resolve(D(2012, 1, 1))
    assert ref.code == "USAELI" and "former president" in ref.why  # the curated role, with its title


def test_petrarch_people_curated_file_beats_generated_row(tmp_path: Path):
    # a user/curated file naming a generated person (by full name) replaces the generated row
    f = tmp_path / "mine.yaml"
    f.write_text('- {id: bouteflika-curated, names: ["Abdelaziz Bouteflika"], '
                 'roles: [{code: DZAOPP, from: 1990-01-01, to: null}]}\n', encoding="utf-8")
    d = ActorDictionary.load(extra_paths=[f])
    assert "person:abdelaziz-bouteflika" not in d.actors
    assert d.actors["person:bouteflika-curated"].roles[0].code == "DZAOPP"


def test_petrarch_people_never_override_countries_or_igos():
    d = load_actor_dictionary()
    assert "person:united-nations" not in d.generated and d.countries["DZA"].name
    gen_names = {n.lower() for k in d.generated if k.startswith("person:") for n in d.actors[k].names}
    for key, e in d.actors.items():
        if key not in d.generated and e.kind in ("igo", "ngo", "group"):
            assert not gen_names & {n.lower() for n in e.names}, key


def test_petrarch_people_fast_rows_equal_validated_rows():
    d = load_actor_dictionary()
    e = d.actors["person:abdelaziz-bouteflika"]
    again = ActorEntry.model_validate({
        "id": e.id, "kind": "person", "names": e.names,
        "roles": [{"code": r.code, "from": r.from_, "to": r.to} for r in e.roles]})
    assert e == again


def test_petrarch_people_two_digit_years():
    e = load_actor_dictionary().actors["person:abdelaziz-bouteflika"]
    starts = {r.code: r.from_ for r in e.roles if r.from_}
    assert starts["DZAGOV"] == D(1999, 4, 27) and starts["DZAELI"] == D(1955, 1, 1)


def test_petrarch_people_files_small_and_valid():
    paths = people_paths()
    assert paths and all(p.stat().st_size < 1_500_000 for p in paths)
    assert validate_actor_data() == []


def test_petrarch_people_validate_reports_bad_rows(tmp_path: Path):
    f = tmp_path / "people_01.csv"
    f.write_text("id,name,names,roles\n"
                 "ok,A B,A B,USAGOV:2001-01-01:\n"
                 "bad,C D,C D,usagov:2001-01-01:\n"
                 "late,E F,E F,USAGOV:2005-01-01:2001-01-01\n", encoding="utf-8")
    errors = validate_people_csv(f)
    assert len(errors) == 2 and f"{f}:3 [roles.0.code]" in errors[0] and f"{f}:4" in errors[1]
    assert validate_actor_data(f) == errors
