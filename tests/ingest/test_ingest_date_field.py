"""--date-field: which JSON/CSV field holds the publication date (a dotted path reaches into nested
objects), read before date/published, with --date as the last fallback (issue #15)."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.errors import InputError
from detente.ingest import Rejected, read_inputs
from detente.ingest.formats import field_at, parse_date


def _dates(path, **kw) -> dict[str, dt.date | None]:
    items = list(read_inputs([str(path)], check_language=False, **kw))
    assert not [i for i in items if isinstance(i, Rejected)], items
    return {a.id: a.date for a in items}


def test_date_field_dotted_path_first_then_usual_fields_then_default(nested_dates_jsonl):
    assert _dates(nested_dates_jsonl) == {"nested": None, "both": dt.date(2001, 1, 1), "plain": dt.date(2001, 1, 2),
                             "none": None, "bad": None}
    assert _dates(nested_dates_jsonl, date_field="meta.published", default_date=dt.date(2005, 1, 1)) == {
        "nested": dt.date(2004, 3, 10), "both": dt.date(2004, 3, 11), "plain": dt.date(2001, 1, 2),
        "none": dt.date(2005, 1, 1), "bad": dt.date(2005, 1, 1)}


def test_date_field_csv_column_any_case(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text('id,text,PubDate\na,"Story one.","Wed, 10 Mar 2004 09:00:00 GMT"\nb,"Story two.",\n')
    assert _dates(path, date_field="PubDate") == {"a": dt.date(2004, 3, 10), "b": None}


def test_date_field_bad_names_are_one_clear_error(nested_dates_jsonl):
    for bad in ("", " ", "meta.", ".published", "a..b"):
        with pytest.raises(InputError, match="bad date field"):
            read_inputs([str(nested_dates_jsonl)], date_field=bad)


def test_date_field_lookup_and_rfc2822_dates():
    record = {"meta": {"published": "2004-03-10"}, "meta.published": "1999-01-01", "pubdate": "x"}
    assert field_at(record, "meta.published") == "1999-01-01"  # a key with a dot wins over the path
    assert field_at(record, "PubDate") == "x" and field_at(record, "meta.missing") is None
    assert field_at({"meta": "not an object"}, "meta.published") is None
    assert parse_date("Tue, 09 Mar 2004 23:15:00 +0100") == dt.date(2004, 3, 9)
    assert parse_date("March 2004") is None and parse_date(None) is None
