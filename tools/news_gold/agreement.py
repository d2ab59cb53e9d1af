"""Inter-annotator agreement between two independent passes over the same batches.

    python tools/news_gold/agreement.py dev_00 dev_01      # compares BATCH.A.jsonl with BATCH.B.jsonl

Pass A is read as reference and pass B as prediction, per sentence (the unit `detente eval` scores):
- type F1: an event of B is right when A has an event of the same PLOVER type and mode in that sentence;
- full-event F1: the same, with source and target countries agreeing too (first three letters of any
  listed code; an event with no target in A needs none);
- Cohen's kappa on "the sentence has an event" (A vs B), and raw agreement on it.
F1 is symmetric here: precision of B against A is recall of A against B.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from check import read_jsonl  # noqa: E402

ANN = HERE.parents[1] / "gold" / "news" / "annotations"
WORK = HERE.parents[1] / "gold" / "news" / ".work"


def _countries(value) -> set[str]:
    if value is None:
        return set()
    return {c[:3] for c in (value if isinstance(value, list) else [value])}


def _full(a: dict, b: dict) -> bool:
    if a["plover"] != b["plover"] or a["mode"] != b["mode"]:
        return False
    if _countries(a["source"]) and not _countries(a["source"]) & _countries(b["source"]):
        return False
    return not _countries(a["target"]) or bool(_countries(a["target"]) & _countries(b["target"]))


def _prf(tp_b: int, n_b: int, tp_a: int, n_a: int) -> tuple[float, float, float]:
    p = tp_b / n_b if n_b else 0.0
    r = tp_a / n_a if n_a else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def agreement(batches: list[str]) -> dict[str, float]:
    counts = {"type": [0, 0, 0, 0], "full": [0, 0, 0, 0]}  # tp_b, n_b, tp_a, n_a
    table = [[0, 0], [0, 0]]  # [A has event][B has event]
    for batch in batches:
        arts = read_jsonl(WORK / f"{batch}.jsonl")
        a = {x["id"]: x["events"] for x in read_jsonl(ANN / f"{batch}.A.jsonl")}
        b = {x["id"]: x["events"] for x in read_jsonl(ANN / f"{batch}.B.jsonl")}
        for art in arts:
            for s in range(len(art["sentences"])):
                ea = [e for e in a[art["id"]] if e["s"] == s]
                eb = [e for e in b[art["id"]] if e["s"] == s]
                table[bool(ea)][bool(eb)] += 1
                for name, same in (("type", lambda x, y: x["plover"] == y["plover"] and x["mode"] == y["mode"]),
                                   ("full", _full)):
                    c = counts[name]
                    c[0] += sum(any(same(x, y) for x in ea) for y in eb)
                    c[1] += len(eb)
                    c[2] += sum(any(same(x, y) for y in eb) for x in ea)
                    c[3] += len(ea)
    n = sum(map(sum, table))
    observed = (table[0][0] + table[1][1]) / n
    p_a, p_b = (table[1][0] + table[1][1]) / n, (table[0][1] + table[1][1]) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    out = {"sentences": n, "events_A": counts["type"][3], "events_B": counts["type"][1],
           "has_event_agreement": observed, "has_event_kappa": kappa}
    for name in ("type", "full"):
        p, r, f = _prf(*counts[name])
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = p, r, f
    return out


def main() -> int:
    batches = sys.argv[1:] or sorted(p.name.split(".")[0] for p in ANN.glob("*.B.jsonl"))
    result = agreement(batches)
    print(f"batches: {', '.join(batches)}")
    for k, v in result.items():
        print(f"{k:22s} {v:.3f}" if isinstance(v, float) else f"{k:22s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
