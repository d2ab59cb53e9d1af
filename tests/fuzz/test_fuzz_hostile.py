"""Hostile input: >= 1,000 generated files through read_inputs and the real coder, each bounded in time
and memory (subprocess, SIGALRM, RLIMIT_AS). 0 crashes, 0 hangs, every rejection coded with a reason."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from fuzz_helpers import problems, run_bounded

from detente.testing.corpus import hostile_inputs, write_big_line, write_tiny_articles


def _write(folder: Path, inputs) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    kinds = {}
    for i, h in enumerate(inputs):
        name = f"{i:05d}-{h.name}"
        (folder / name).write_bytes(h.data)
        kinds[name] = h.kind
    return kinds


def _summary(results: list[dict], kinds: dict[str, str]) -> str:
    by_kind = Counter(kinds[r["name"]] for r in results)
    slowest = max(results, key=lambda r: r["seconds"])
    return json.dumps({"inputs": len(results), "articles": sum(r["articles"] for r in results),
                       "events": sum(r["events"] for r in results),
                       "rejects": sum(len(r["rejects"]) for r in results), "kinds": len(by_kind),
                       "by_code": dict(Counter(c for r in results for c, _ in r["rejects"]).most_common()),
                       "slowest": [kinds[slowest["name"]], slowest["seconds"]]})


def test_fuzz_hostile_corpus_no_crash_no_hang(tmp_path, coder_available, record_property):
    kinds = _write(tmp_path / "in", hostile_inputs(seed=0))
    assert len(kinds) >= 1000
    extra = ["--code", "--code-every", "3"] if coder_available else []
    results = run_bounded(tmp_path / "in", *extra, "--timeout", "30")
    assert len(results) == len(kinds)
    assert problems(results) == []
    # every input is accounted for: it gave articles or coded rejections (record containers may be empty)
    silent = [r["name"] for r in results if not r["articles"] and not r["rejects"]]
    assert [n for n in silent if Path(n).suffix not in {".jsonl", ".csv", ".json"}] == []
    record_property("fuzz", _summary(results, kinds))


@pytest.mark.slow
def test_fuzz_hostile_corpus_all_through_coder(tmp_path, coder_available, record_property):
    if not coder_available:
        pytest.skip("detente.pipeline.Coder not importable")
    kinds = _write(tmp_path / "in", hostile_inputs(seed=1, per_kind=80))
    results = run_bounded(tmp_path / "in", "--code", "--timeout", "60")
    assert len(results) == len(kinds) >= 1400
    assert problems(results) == []
    print(_summary(results, kinds))


def _results_of(tmp_path: Path, kind: str) -> list[dict]:
    _write(tmp_path / kind, [h for h in hostile_inputs(seed=2, per_kind=10) if h.kind == kind])
    return run_bounded(tmp_path / kind, "--timeout", "30")


@pytest.mark.parametrize("kind", ["billion-laughs", "external-entity"])
def test_fuzz_xml_entities_refused(tmp_path, kind):
    results = _results_of(tmp_path, kind)
    assert results and problems(results) == []
    for r in results:  # refused before any parser expands or fetches anything
        assert r["articles"] == 0 and [c for c, _ in r["rejects"]] == ["E109"], r


def test_fuzz_huge_numbers_and_deep_json_rejected_as_malformed(tmp_path):
    for kind in ("huge-numbers", "deep-json"):
        results = _results_of(tmp_path, kind)
        assert results and problems(results) == []
        for r in results:
            codes = {c for c, _ in r["rejects"]}
            assert r["articles"] or codes <= {"E106", "E107"}, r  # malformed, or an object without text


@pytest.mark.slow
def test_fuzz_50mb_single_line_and_100k_tiny_articles(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    write_big_line(folder / "a-oneline.txt", mb=50)
    write_big_line(folder / "b-oneline.jsonl", mb=50)
    n = write_tiny_articles(folder / "c-tiny.jsonl", 100_000)
    results = {r["name"]: r for r in run_bounded(folder, "--timeout", "600", "--mem-mb", "2048", timeout=1200)}
    assert problems(list(results.values())) == []
    assert [c for c, _ in results["a-oneline.txt"]["rejects"]] == ["E105"]
    assert [c for c, _ in results["b-oneline.jsonl"]["rejects"]] == ["E105"]
    tiny = results["c-tiny.jsonl"]
    assert tiny["articles"] + len(tiny["rejects"]) == n
    assert tiny["articles"] == n
    print(json.dumps({k: {"articles": v["articles"], "rejects": len(v["rejects"]), "seconds": v["seconds"]}
                      for k, v in results.items()}))
    # and the 100k articles through a real store (fake coder: the point is the store path at this size)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "faults"))
    from fault_helpers import fake_env, run_ingest, table_contents

    db = tmp_path / "tiny.duckdb"
    t0 = time.perf_counter()
    done = run_ingest(folder / "c-tiny.jsonl", db, fake_env(), batch_size=500, timeout=1800)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(table_contents(db)["articles"]) == n
    print(json.dumps({"tiny_ingest_articles": n, "seconds": round(time.perf_counter() - t0, 1)}))


def test_fuzz_round_two_cases_lose_nothing(tmp_path):
    """Extreme dates, control characters and runaway CSV quotes (hardening round 2) read without a
    crash, a hang or an unexplained reject; a runaway quote costs at most its own row."""
    for kind in ("extreme-dates", "control-chars", "runaway-quote"):
        results = _results_of(tmp_path, kind)
        assert results and problems(results) == [], kind
        if kind == "runaway-quote":
            for r in results:
                assert len(r["rejects"]) <= 1 and r["articles"] >= 3, r
