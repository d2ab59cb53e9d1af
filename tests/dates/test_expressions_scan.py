"""find_dates tries each rule only where the one-pass start scan says some rule could match; that
must give exactly the matches of scanning the whole text with every rule."""
from __future__ import annotations

import json
from pathlib import Path

from detente.dates.expressions import _scan, _table

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    "On Tuesday, March 5, 2024, officials met; on 5 March they met again, and in mid-March 2023 too.",
    "x-March 5 and S-400, F-35, 2 percent, 1,200 troops, the 1990s, the '90s, three weeks ago, last week.",
    "Yesterday morning and tomorrow night; today; earlier today. 2019-04-01. In 2019. march ahead.",
    "",
]


def _texts() -> list[str]:
    lines = (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return TEXTS + [json.loads(x)["text"] for x in lines if x.strip()]


def test_expressions_scan_equals_finditer():
    table = _table()
    for text in _texts():
        starts = [m.start() for m in table.starts.finditer(text)]
        for rule in table.rules:
            want = [(m.span(), m.groupdict()) for m in rule.scan.finditer(text)]
            got = [(m.span(), m.groupdict()) for m in _scan(rule, text, starts)]
            assert got == want, rule.id


def test_expressions_scan_finds_something():
    table = _table()
    text = TEXTS[0]
    starts = [m.start() for m in table.starts.finditer(text)]
    assert sum(1 for r in table.rules for _ in _scan(r, text, starts)) >= 3
