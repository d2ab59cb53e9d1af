"""The phrase table's fast lookup finds exactly what a plain left-to-right scan finds."""
from __future__ import annotations

import json

from detente.actors.matcher import _case_ok, _token_keys, norm

from .conftest import REPO

TEXTS = [
    "The Foreign Minister of Turkey, Hakan Fidan, met U.S. Secretary of State Marco Rubio in Ankara.",
    "NATO allies and the European Union condemned the attack; the two countries recalled their envoys.",
    "Prime Minister Ali Zaidan of Libya said the government of Egypt would reopen its embassy in Tripoli.",
]


def _plain_find(table, doc, excluded=frozenset()):
    """The reference: try every token, every length from the longest phrase down."""
    keys = [norm(t.text) for t in doc]
    out, n, i = [], len(doc), 0
    while i < n:
        longest = table.maxlen.get(keys[i], 0)
        hit = None
        if longest and i not in excluded:
            for ln in range(min(longest, n - i), 0, -1):
                if any(j in excluded for j in range(i, i + ln)):
                    continue
                for pat in reversed(table.table.get(tuple(keys[i:i + ln]), ())):
                    if _case_ok(doc, i, i + ln, pat):
                        hit = (i, i + ln, pat)
                        break
                if hit:
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _sample_texts() -> list[str]:
    lines = (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return TEXTS + [json.loads(x)["text"] for x in lines if x.strip()][:10]


def test_matcher_find_equals_plain_scan(nlp, finder):
    table = finder.table
    for doc in nlp.pipe(_sample_texts()):
        assert table.find(doc) == _plain_find(table, doc)
        excluded = set(range(0, min(len(doc), 6)))  # a dateline at the start
        assert table.find(doc, excluded) == _plain_find(table, doc, excluded)
        span = doc[2:min(len(doc), 40)]
        assert table.find(span) == _plain_find(table, span)


def test_matcher_token_keys_match_token_text(nlp):
    doc = nlp("Türkiye’s envoy met the U.S. delegation in São Paulo.")
    assert _token_keys(doc) == [norm(t.text) for t in doc]
    assert _token_keys(doc[3:7]) == [norm(t.text) for t in doc[3:7]]
    assert _token_keys(nlp("")) == []
