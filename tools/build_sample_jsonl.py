"""Bundle samples/articles/*.txt (+ their publication dates from *.expected.json) into one JSONL.

    python tools/build_sample_jsonl.py      # writes samples/articles.jsonl (used by `make demo`)
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "samples" / "articles"
OUT = ROOT / "samples" / "articles.jsonl"


def main() -> None:
    rows = []
    for txt in sorted(SRC.glob("*.txt")):
        expected = txt.with_suffix(".expected.json")
        meta = json.loads(expected.read_text(encoding="utf-8")) if expected.exists() else {}
        title, _, body = txt.read_text(encoding="utf-8").partition("\n")
        rows.append({"id": f"sample-{txt.stem}", "title": title.strip(), "date": meta.get("publication_date"),
                     "source": "Détente samples", "url": None, "text": body.strip()})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} articles to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
