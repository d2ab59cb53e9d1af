"""`detente token --expires-days`: only a number of days over 0 and at most 100 years; anything else
(inf, 1e10, -1, nan, 0) is one clear line and exit 2, and no token is stored."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente.api import auth
from detente.cli import app
from detente.errors import UsageError


@pytest.mark.parametrize("value", ["inf", "1e10", "-1", "nan", "0", "36500.5", "-inf"])
def test_token_cmd_bad_expiry_is_one_line_exit_2(tmp_path, value):
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["token", "--db", str(db), f"--expires-days={value}"])
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert res.exit_code == 2, res.output
    assert len(lines) == 1 and lines[0].startswith("detente: error: [E400] bad --expires-days"), lines
    assert "36,500" in lines[0]
    assert not auth.token_file(db).exists() and res.stdout == ""


@pytest.mark.parametrize("value,days", [("1.5", 1.5), ("36500", 36500)])
def test_token_cmd_good_expiry_is_stored(tmp_path, value, days):
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(app, ["token", "--db", str(db), "--expires-days", value])
    assert res.exit_code == 0, res.output
    [entry] = json.loads(auth.token_file(db).read_text())["tokens"]
    assert entry["expires"] > entry["created"]
    assert auth.check_token(db, res.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 1e10, -1, 0, True, "3"])
def test_token_cmd_library_refuses_bad_expiry(tmp_path, value):
    with pytest.raises(UsageError):
        auth.create_token(tmp_path / "s.duckdb", expires_days=value)
    assert not auth.token_file(tmp_path / "s.duckdb").exists()
