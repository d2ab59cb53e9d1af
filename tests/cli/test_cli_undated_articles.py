"""`detente ingest` warns with counts about articles without a publication date and offers --date and
--date-field (issue #15)."""
from __future__ import annotations


import pytest
from typer.testing import CliRunner

from detente.cli import app


@pytest.mark.usefixtures("fake_coder")
def test_date_field_ingest_warns_about_undated_articles_with_counts(nested_dates_jsonl, tmp_path):
    r = CliRunner()
    res = r.invoke(app, ["ingest", str(nested_dates_jsonl), "--db", str(tmp_path / "a.duckdb")])
    assert res.exit_code == 0, res.output
    assert ("detente: warning: 3 of 5 articles have no date: their relative dates (\"on Tuesday\", \"last month\") "
            "stay unresolved; use --date YYYY-MM-DD or --date-field FIELD") in " ".join(res.stderr.split())
    res = r.invoke(app, ["ingest", str(nested_dates_jsonl), "--db", str(tmp_path / "b.duckdb"), "--date-field", "meta.published"])
    assert res.exit_code == 0 and "2 of 5 articles have no date" in res.stderr  # 'none' and 'bad'
    res = r.invoke(app, ["ingest", str(nested_dates_jsonl), "--db", str(tmp_path / "c.duckdb"), "--date-field", "meta.published",
                         "--date", "2005-01-01"])
    assert res.exit_code == 0 and "no date" not in res.stderr
    res = r.invoke(app, ["ingest", str(nested_dates_jsonl), "--db", str(tmp_path / "d.duckdb"), "--date-field", "meta..x"])
    assert res.exit_code == 2 and "bad date field" in res.stderr


def test_date_field_is_in_the_help():
    for command in ("ingest", "code", "explain"):
        res = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
        assert "--date-field" in res.stdout and "meta.published" in res.stdout, command
