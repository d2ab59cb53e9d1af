"""find_dates on parsed text: what counts as a date mention, and what does not."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from detente.dates import find_dates
from detente.dates import expressions
from detente.errors import DataFileError

from .conftest import PUB


def texts(nlp, sentence, pub=PUB):
    return [(m.text, m.date, m.precision) for m in find_dates(nlp(sentence), pub)]


def test_expressions_find_keeps_preposition_out_of_text(nlp):
    doc = nlp("The ministers met in Ankara on Tuesday.")
    [m] = find_dates(doc, PUB)
    assert (m.text, m.date, m.precision, m.relative) == ("Tuesday", dt.date(2025, 3, 25), "day", True)
    assert doc[m.start:m.end].text == "Tuesday"
    assert doc.text[m.start_char:m.end_char] == "Tuesday"
    assert expressions.mention_preposition(doc, m) == "on"


def test_expressions_find_time_of_day_gives_the_day(nlp):
    [(text, day, precision)] = texts(nlp, "Rockets hit the city on Tuesday night, officials said.")
    assert day == dt.date(2025, 3, 25) and precision == "day" and text.startswith("Tuesday")


@pytest.mark.parametrize("sentence", [
    "Turkey bought the S-400 system and was removed from the F-35 program.",
    "Inflation rose 2 percent and 2,019 people protested.",
    "The 65-year-old minister, aged 65, has led the party for two weeks.",
    "The ceasefire held for 24 hours before troops march into the town.",
    "Talks may resume, the minister said.",
])
def test_expressions_find_skips_non_dates(nlp, sentence):
    assert texts(nlp, sentence) == []


def test_expressions_find_year_and_absolute_dates(nlp):
    found = texts(nlp, "Sanctions imposed in 2020 were eased on January 20, 2025, and again in March 2021.")
    assert ("2020", dt.date(2020, 1, 1), "year") in found
    assert ("January 20, 2025", dt.date(2025, 1, 20), "day") in found
    assert ("March 2021", dt.date(2021, 3, 1), "month") in found


def test_expressions_find_relative_without_pub_date_kept_with_none(nlp):
    found = find_dates(nlp("The leaders met last week and will meet again in 2026."), None)
    by_text = {m.text: m for m in found}
    assert by_text["last week"].date is None and by_text["last week"].relative
    assert by_text["2026"].date == dt.date(2026, 1, 1) and not by_text["2026"].relative


def test_expressions_find_ago_and_decades(nlp):
    found = texts(nlp, "Two days ago the envoy recalled talks from the 1990s.")
    assert ("Two days ago", dt.date(2025, 3, 24), "day") in found
    assert any(day == dt.date(1990, 1, 1) and p == "year" for _, day, p in found)


def test_expressions_bad_rule_file_fails_loudly(tmp_path, monkeypatch):
    bad = yaml.safe_load(expressions.DATA_FILE.read_text(encoding="utf-8"))
    bad["rules"].append({"id": "broken", "pattern": "x", "kind": "fortnight"})
    path = tmp_path / "expressions.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    monkeypatch.setattr(expressions, "DATA_FILE", path)
    expressions._table.cache_clear()
    try:
        with pytest.raises(DataFileError):
            expressions._table()
    finally:
        monkeypatch.undo()
        expressions._table.cache_clear()


def test_expressions_rule_ids_are_unique():
    raw = yaml.safe_load(expressions.DATA_FILE.read_text(encoding="utf-8"))
    ids = [r["id"] for r in raw["rules"]]
    assert len(ids) == len(set(ids))
    assert all("id" in row for group in ("months", "weekdays", "numbers", "shifts", "units")
               for row in raw["vocab"][group])


def test_expressions_validate_shipped_file_is_clean():
    from detente.dates import validate_date_data

    assert validate_date_data() == []


def test_expressions_validate_reports_file_line_field(tmp_path):
    from detente.dates import validate_date_data

    text = expressions.DATA_FILE.read_text(encoding="utf-8")
    text += "  - id: iso-date\n    pattern: '(?P<x>{FORTNIGHT})'\n    kind: fortnight\n"
    path = tmp_path / "expressions.yaml"
    path.write_text(text, encoding="utf-8")
    errors = validate_date_data(path)
    n = len(text.splitlines()) - 2
    assert f"{path}:{n} [id] duplicate 'iso-date'" in errors
    assert any(e.startswith(f"{path}:{n} [kind]") for e in errors)
    assert any(e.startswith(f"{path}:{n} [pattern] unknown placeholder") for e in errors)
