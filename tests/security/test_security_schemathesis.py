"""Schemathesis against the app's OpenAPI spec: generated requests (valid and invalid, every operation,
with and without a token) never get a 5xx. 100+ requests in `make test`; 1,000+ in the slow run."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed (test extra)")

from detente.api import create_app  # noqa: E402
from detente.testing.fixtures import FixtureCoder  # noqa: E402

TOKEN = "schemathesis-token"


def _run(db, per_operation: int, monkeypatch, modes=("positive", "negative")) -> dict[str, int]:
    monkeypatch.setenv("DETENTE_TOKEN", TOKEN)
    app = create_app(db, coder_factory=FixtureCoder, allowed_hosts=["testserver"])  # schemathesis's Host
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    counts: dict[str, int] = {}
    server_errors: list[str] = []
    for result in schema.get_all_operations():
        op = result.ok()
        for mode in modes:
            strategy = op.as_strategy(generation_mode=schemathesis.GenerationMode(mode))

            @settings(max_examples=per_operation, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def call(case):
                headers = {"Authorization": f"Bearer {TOKEN}"} if op.method.upper() == "POST" else None
                response = case.call(headers=headers)
                counts[op.label] = counts.get(op.label, 0) + 1
                if response.status_code >= 500:
                    server_errors.append(f"{op.label} {case.path_parameters} {case.query} -> "
                                         f"{response.status_code} {response.text[:200]}")

            try:
                call()
            except Unsatisfiable:  # no invalid request exists for an operation without inputs
                assert mode == "negative", op.label
    assert server_errors == []
    return counts


def test_security_schemathesis_100_requests_no_5xx(db_copy, monkeypatch):
    counts = _run(db_copy, per_operation=10, monkeypatch=monkeypatch)
    assert sum(counts.values()) >= 100, counts
    assert len(counts) >= 8  # every operation was exercised


@pytest.mark.slow
def test_security_schemathesis_1000_requests_no_5xx(db_copy, monkeypatch):
    counts = _run(db_copy, per_operation=int(os.environ.get("DETENTE_SCHEMATHESIS_EXAMPLES", "100")),
                  monkeypatch=monkeypatch)
    total = sum(counts.values())
    print(f"schemathesis: {total} requests over {len(counts)} operations: {counts}")
    assert total >= 1000, counts
