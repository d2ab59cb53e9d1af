"""Draw the articles of the real-news gold corpus (gold/news/) and cut them into sentences.

Articles come at random (fixed seed) from ../shared/data/reuters21578 and ../shared/data/bbc,
weighted toward politics, conflict, diplomacy, trade and justice by a keyword score, with a fixed
share of non-political articles (sport, entertainment, tech, markets) so that negatives are real.
Each article keeps its title (sentence 0) and the first N-1 body sentences, cut by Détente's own
splitter so that every sentence is a verbatim substring of ``title + "\\n\\n" + text``.

BBC articles carry no date: each gets one drawn (same seed) from the collection's years, 2004-2005.

    python tools/news_gold/sample.py --out gold/news/.work   # writes pool.jsonl + batch files
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from pathlib import Path

from detente.nlp.segment import split_sentences

SEED = 20261202
MAX_SENTENCES = 12  # title + the first 11 body sentences
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

POLITICAL = re.compile(r"\b(" + "|".join("""
government governments minister ministers president prime parliament senate congress election elections
vote voted treaty talks negotiat\\w* sanction\\w* embargo tariff\\w* retaliat\\w* troops army military
war attack\\w* bomb\\w* killed police arrest\\w* court judge trial protest\\w* strike strikes rebel\\w*
guerrilla\\w* embassy ambassador diplomat\\w* summit accus\\w* warn\\w* threat\\w* ceasefire opec gatt
nato united\\ nations iran iraq gulf soviet reagan gorbachev thatcher blair labour tory tories
conservative democrats republican party leader opposition minister's refugee\\w* asylum terror\\w*
""".split()) + r")\b", re.I)

#: Share of the drawn articles that come from non-political material.
NON_POLITICAL_SHARE = 0.2
SPLITS = {"test": 90, "dev": 80, "train": 390}
#: Articles added to train later, one round at a time (batches numbered after the first train
#: batches), drawn after the three splits so that the splits and earlier rounds stay byte-identical.
EXTRA_TRAIN = (80, 160, 240)


def political_score(text: str) -> float:
    words = max(1, len(text.split()))
    return 100.0 * len(POLITICAL.findall(text)) / words


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def pools(rng: random.Random) -> tuple[list[dict], list[dict]]:
    """(political, non-political) candidate articles, each in a fixed order."""
    political, other = [], []
    for art in load(SHARED / "reuters21578" / "articles.jsonl"):
        if not art.get("title") or len(art["text"]) < 300:
            continue
        score = political_score(art["title"] + " " + art["text"])
        (political if score >= 2.0 else other if score < 0.5 else []).append(art)
    for art in load(SHARED / "bbc" / "articles.jsonl"):
        cat = (art.get("meta") or {}).get("category")
        if cat == "politics" or (cat in {"business", "tech"} and political_score(art["text"]) >= 2.0):
            political.append(art)
        elif cat in {"sport", "entertainment", "tech"}:
            other.append(art)
    return political, other


def bbc_date(rng: random.Random) -> str:
    day = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(0, 730))
    return day.isoformat()


def record(art: dict, rng: random.Random) -> dict:
    date = art.get("date") or bbc_date(rng)
    body = f"{art['title']}\n\n{art['text']}"
    sentences = [s.text for s in split_sentences(body)][:MAX_SENTENCES]
    meta = art.get("meta") or {}
    topic = meta.get("category") or ",".join(meta.get("topics") or []) or "none"
    return {"id": art["id"], "title": art["title"], "date": date, "source": art.get("source") or "",
            "topic": topic, "text": art["text"], "sentences": sentences}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--batch-size", type=int, default=20)
    args = ap.parse_args()
    rng = random.Random(SEED)
    political, other = pools(rng)
    rng.shuffle(political)
    rng.shuffle(other)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": SEED, "max_sentences": MAX_SENTENCES, "splits": {}}
    for split, n in SPLITS.items():
        n_other = round(n * NON_POLITICAL_SHARE)
        chosen = [political.pop() for _ in range(n - n_other)] + [other.pop() for _ in range(n_other)]
        rng.shuffle(chosen)
        records = [record(a, rng) for a in chosen]
        manifest["splits"][split] = [r["id"] for r in records]
        for b in range(0, len(records), args.batch_size):
            name = f"{split}_{b // args.batch_size:02d}.jsonl"
            with (args.out / name).open("w", encoding="utf-8") as fh:
                for r in records[b:b + args.batch_size]:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        sents = sum(len(r["sentences"]) for r in records)
        print(f"{split}: {len(records)} articles, {sents} sentences, {n_other} non-political")
    first = -(-SPLITS["train"] // args.batch_size)
    for round_size in EXTRA_TRAIN:
        n_other = round(round_size * NON_POLITICAL_SHARE)
        extra = [political.pop() for _ in range(round_size - n_other)] + [other.pop() for _ in range(n_other)]
        rng.shuffle(extra)
        records = [record(a, rng) for a in extra]
        manifest["splits"]["train"] += [r["id"] for r in records]
        for b in range(0, len(records), args.batch_size):
            with (args.out / f"train_{first:02d}.jsonl").open("w", encoding="utf-8") as fh:
                for r in records[b:b + args.batch_size]:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            first += 1
        print(f"train (extra): {len(records)} articles, {sum(len(r['sentences']) for r in records)} sentences")
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
