"""List verb-lemma -> CAMEO code candidates from PETRARCH2's verb-pattern dictionary, for human review.

PETRARCH2 groups synonyms in blocks: a header ``--- NAME [code] ---`` followed by one verb per line
(optionally ``VERB {inflections}`` or ``VERB [code]`` for a per-verb override) and then ``- ...``
multiword patterns. Only the synonym lines are extracted; the noisy multiword patterns are skipped.
The output is a TSV (code, block, lemma) to read while writing events/data/patterns/*.yaml: it is
never loaded at runtime.

Usage: python tools/convert_petrarch_verbs.py ../shared/reference/petrarch2_dictionaries/CAMEO.verbpatterns.150430.txt
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER = re.compile(r"^---\s*([A-Z0-9_]+)\s*\[([^\]]*)\]\s*---")
SYNONYM = re.compile(r"^\+?([A-Z][A-Z_\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([0-9:\-]+)\])?")


def candidates(text: str) -> list[tuple[str, str, str]]:
    """(code, block name, lemma) for every synonym line; codes '---' (no event) are kept for review."""
    rows: list[tuple[str, str, str]] = []
    block, code = "", ""
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        head = HEADER.match(line)
        if head:
            block, code = head.group(1), head.group(2).split(":")[0]
            continue
        if not block or not line or line.startswith("-"):
            continue
        syn = SYNONYM.match(line.strip())
        if syn:
            lemma = syn.group(1).lower().replace("_", " ")
            own = (syn.group(2) or "").split(":")[0]
            rows.append((own or code, block, lemma))
    return rows


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path("../shared/reference/petrarch2_dictionaries/CAMEO.verbpatterns.150430.txt")
    for code, block, lemma in candidates(path.read_text(encoding="latin-1")):
        print(f"{code}\t{block}\t{lemma}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
