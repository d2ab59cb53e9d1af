"""Mark the sample expectations the coder currently misses as known gaps (with the reason).

    python tools/mark_known_gaps.py            # report only
    python tools/mark_known_gaps.py --write    # add/remove "known_gap" flags in samples/articles/*.expected.json

A flag records a miss; it never changes what is expected. tests/pipeline/test_articles.py fails when
a flagged expectation starts passing, so flags are removed as the coder improves.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from detente import code_article
from detente.testing import check_article, load_expectations

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def main(write: bool) -> int:
    n_gaps = 0
    for path in sorted(SAMPLES.glob("*.expected.json")):
        data = load_expectations(path)
        title, _, body = path.with_name(path.name.replace(".expected.json", ".txt")).read_text(
            encoding="utf-8").partition("\n")
        events = code_article(body.strip(), date=data["publication_date"], title=title.strip())
        changed = False
        for key in ("events", "must_not"):
            for spec in data.get(key, []):
                probe = {**data, "events": [spec] if key == "events" else [],
                         "must_not": [spec] if key == "must_not" else []}
                problems = check_article(events, {k: v for k, v in probe.items()})
                reason = problems[0].split(": ", 2)[-1][:300] if problems else ""
                if problems and spec.get("known_gap") is None:
                    spec["known_gap"] = reason or "missed"
                    changed = True
                elif not problems and "known_gap" in spec:
                    del spec["known_gap"]
                    changed = True
                if "known_gap" in spec:
                    n_gaps += 1
                    print(f"{path.name}: {spec.get('what')}: {spec['known_gap'][:140]}")
        if write and changed:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{n_gaps} known gaps")
    return 0


if __name__ == "__main__":
    sys.exit(main("--write" in sys.argv))
