"""SIGTERM stops the server within 10 s even while POST /api/code requests run and wait."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

SERVER = """
import sys, uvicorn
from detente.api import create_app
from detente.cli.serve_cmds import SHUTDOWN_GRACE_S

class Spin:  # an article that never finishes coding
    def code(self, article):
        while True:
            sum(range(100))

uvicorn.run(create_app(sys.argv[1], coder_factory=Spin, code_timeout_s=600), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="warning", timeout_graceful_shutdown=SHUTDOWN_GRACE_S)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post_code(port: int) -> None:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/code", data=json.dumps({"text": "x y z"}).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=30).read()
    except Exception:
        pass


def test_sigterm_stops_server_while_coding(fixture_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(fixture_db), str(port)])
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).read()
                break
            except Exception:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
        for _ in range(4):  # one coding, three queued
            threading.Thread(target=post_code, args=(port,), daemon=True).start()
        time.sleep(1)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        assert time.monotonic() - t0 < 10
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
