"""Check an annotation file against the batch it annotates (docs/annotation.md, section 7).

    python tools/news_gold/check.py BATCH.jsonl ANNOTATION.jsonl

Prints one line per problem (``article-id s=N: message``) and exits 1 if there is any.
``merge.py`` uses the same checks before it writes gold/news/.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

CODEBOOK = Path(__file__).resolve().parents[3] / "shared" / "reference" / "cameo" / "cameo_eventcodes.jsonl"
PLOVER_TYPES = frozenset("""AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT
THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT""".split())
MODES = frozenset({"", "negation", "hypothetical", "future"})
ACTOR = re.compile(r"^(?:[A-Z]{3})+$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _build_ontology():
    spec = importlib.util.spec_from_file_location("build_ontology", Path(__file__).resolve().parents[1] / "build_ontology.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Codes whose PLOVER type Détente takes from the PLOVER manual (tools/build_ontology.py OVERRIDES).
MANUAL_TYPES = {code: row[0] for code, row in _build_ontology().OVERRIDES.items()}
FIELDS = ("s", "plover", "cameo", "mode", "historical", "date", "trigger", "source", "target", "location")


@lru_cache(maxsize=1)
def codebook() -> dict[str, str | None]:
    """CAMEO code -> PLOVER type (None for codes PLOVER drops)."""
    with CODEBOOK.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {r["code"]: r["plover_event"] for r in rows}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{n}: not JSON: {exc}") from None
    return out


def _date_ok(value: str, pub: str, mode: str) -> str | None:
    if not DATE.match(value):
        return f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    try:
        parts = [int(p) for p in value.split("-")]
        first = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"date {value!r} does not exist"
    if mode not in {"future", "hypothetical"} and first > dt.date.fromisoformat(pub):
        return f"date {value} is after the publication date {pub} but mode is {mode!r}"
    return None


def _actor_ok(value: Any, role: str) -> str | None:
    if value is None:
        return None
    codes = value if isinstance(value, list) else [value]
    if not codes or not all(isinstance(c, str) and ACTOR.match(c) for c in codes):
        return f"{role} {value!r} is not a CAMEO actor code (or a list of them)"
    return None


def check_event(ev: dict[str, Any], sentences: list[str], pub: str) -> list[str]:
    errors = [f"missing field {f!r}" for f in FIELDS if f not in ev]
    if errors:
        return errors
    s = ev["s"]
    if not isinstance(s, int) or not 0 <= s < len(sentences):
        return [f"s={s!r} is not a sentence index (0..{len(sentences) - 1})"]
    if ev["plover"] not in PLOVER_TYPES:
        errors.append(f"plover {ev['plover']!r} is not a PLOVER type")
    cameo = ev["cameo"]
    if cameo != "":
        if cameo not in codebook():
            errors.append(f"cameo {cameo!r} is not a CAMEO code")
        elif ev["plover"] not in {codebook()[cameo], MANUAL_TYPES.get(cameo)}:
            errors.append(f"cameo {cameo} is {codebook()[cameo]} in the codebook, not {ev['plover']}")
    if ev["mode"] not in MODES:
        errors.append(f"mode {ev['mode']!r} is not one of {sorted(MODES)}")
    if not isinstance(ev["historical"], bool):
        errors.append("historical must be true or false")
    if ev["date"] is not None:
        problem = _date_ok(str(ev["date"]), pub, ev["mode"])
        if problem:
            errors.append(problem)
    trig = ev["trigger"]
    if not isinstance(trig, str) or not trig.strip() or trig not in sentences[s]:
        errors.append(f"trigger {trig!r} is not verbatim in sentence {s}")
    for role in ("source", "target"):
        problem = _actor_ok(ev[role], role)
        if problem:
            errors.append(problem)
    loc = ev["location"]
    if loc is not None and not (isinstance(loc, dict) and isinstance(loc.get("name"), str)
                                and isinstance(loc.get("country"), str) and re.match(r"^[A-Z]{3}$", loc["country"])):
        errors.append(f"location {loc!r} must be null or {{'name': ..., 'country': ISO3}}")
    return errors


def check(batch: list[dict[str, Any]], annotations: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    by_id: dict[str, dict[str, Any]] = {}
    for ann in annotations:
        aid = ann.get("id")
        if aid in by_id:
            problems.append(f"{aid}: annotated twice")
        by_id[aid] = ann
    known = {a["id"] for a in batch}
    problems += [f"{aid}: not in the batch" for aid in by_id if aid not in known]
    for art in batch:
        ann = by_id.get(art["id"])
        if ann is None:
            problems.append(f"{art['id']}: not annotated")
            continue
        if not isinstance(ann.get("events"), list):
            problems.append(f"{art['id']}: 'events' must be a list")
            continue
        for ev in ann["events"]:
            if not isinstance(ev, dict):
                problems.append(f"{art['id']}: event {ev!r} is not an object")
                continue
            problems += [f"{art['id']} s={ev.get('s')}: {msg}" for msg in check_event(ev, art["sentences"], art["date"])]
    return problems


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    problems = check(read_jsonl(Path(sys.argv[1])), read_jsonl(Path(sys.argv[2])))
    for p in problems:
        print(p)
    n_events = sum(len(a.get("events") or []) for a in read_jsonl(Path(sys.argv[2])))
    print(f"{len(problems)} problem(s); {n_events} event(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
