"""The console entry point turns usage errors into one line on stderr (exit 2), never a traceback."""
import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run([sys.executable, "-m", "detente.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args,needle", [
    (["ingest", "--bogus"], "No such option: --bogus"),
    (["code"], "Missing argument"),
    (["frobnicate"], "No such command"),
])
def test_main_entry_usage_errors_are_one_line(args, needle):
    r = run(*args)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode == 2, r.stderr
    assert len(lines) == 1 and lines[0].startswith("detente: error:") and needle in lines[0], lines
    assert "Traceback" not in r.stderr


def test_main_entry_help_still_works():
    r = run("--help")
    assert r.returncode == 0 and "Usage" in r.stdout
