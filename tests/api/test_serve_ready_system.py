"""System: a real `detente serve` (real coder) answers /api/health only once its coder is loaded.

The seconds of the first POST /api/code are measured by benchmarks/startup.py; this test checks the
behaviour: no health answer before the "coder ready" log line, then the first request codes the sentence.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SENTENCE = "Turkey's foreign minister met the Greek prime minister in Athens on Tuesday."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow  # loads spaCy and the whole coder in a server process
def test_health_answers_only_after_the_coder_is_ready(fixture_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    shutil.copy(fixture_db, db)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_CODER"}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "detente", "serve", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 600
        while True:
            assert proc.poll() is None, log.read_text(encoding="utf-8")
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=5) as r:
                    status = r.status
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the server never became healthy"
                time.sleep(0.1)
        assert status == 200
        assert "coder ready" in log.read_text(encoding="utf-8")  # written before the port opened
        request = urllib.request.Request(f"{url}/api/code", method="POST",
                                         data=json.dumps({"text": SENTENCE, "date": "2025-03-26"}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as r:
            body = json.loads(r.read())
        assert [(e["source_code"][:3], e["target_code"][:3]) for e in body["events"]] == [("TUR", "GRC")]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
