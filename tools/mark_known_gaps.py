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
        # judge all expectations together (one coded event may satisfy only one expectation)
        for spec in data.get("events", []) + data.get("must_not", []):
            spec.pop("known_gap", None)
        problems = check_article(events, data)
        for key, prefix in (("events", "missing: "), ("must_not", "must_not: ")):
            for spec in data.get(key, []):
                label = f"{prefix}{spec.get('what', '')}: "
                hit = next((p for p in problems if p.startswith(label)), None)
                if hit is not None:
                    spec["known_gap"] = hit[len(label):][:300]
                    n_gaps += 1
                    print(f"{path.name}: {spec.get('what')}: {spec['known_gap'][:140]}")
        changed = True
        if write and changed:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{n_gaps} known gaps")
    return 0


if __name__ == "__main__":
    sys.exit(main("--write" in sys.argv))
