"""Build the shipped CAMEO/PLOVER codebook from ../shared/reference.

Run once when the reference changes:  python tools/build_ontology.py
Writes src/detente/ontology/cameo.csv: one row per CAMEO code of the shared codebook, sorted, with
its PLOVER 0.8 type, mode and context (the shared CAMEO2PLOVER mapping, except OVERRIDES below).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "reference"
OUT = ROOT / "src" / "detente" / "ontology"

# PLOVER 0.8 drops CAMEO roots 01 (statements) and 02 (appeals). Appeals are
# requests in PLOVER's sense ("All requests, demands, and orders"), so we map
# them to REQUEST; statements stay unmapped (no PLOVER type).
# The 2021 table sends 163 (sanctions, embargo) to COERCE, but the PLOVER 0.8
# manual's SANCTION section says "International (political or economic)
# sanctions are coded as 'discontinue'": the manual wins.
# The manual also wins for resignations ("RETREAT also covers resignations of government
# officials", mode resign; the table says CONCEDE) and for lifting curfews and states of emergency
# (CONCEDE: "easing of administrative or legal restrictions ..., removing curfews"; the table says
# RETREAT).
OVERRIDES = {"163": ("SANCTION", "discontinue", "economic"),
             "0831": ("RETREAT", "resign", "political_institutions"),
             "0813": ("CONCEDE", "", "legal"), "0814": ("CONCEDE", "", "legal")}
APPEAL_MODES = {"021": "assist", "022": "assist", "023": "assist", "024": "change",
                "025": "yield", "026": "meet", "027": "meet", "028": "meet"}


def quad_class_of(root: str) -> int:
    """CAMEO's quad classes by root: 01-05, 06-08, 09-13, 14-20."""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def main() -> int:
    rows = []
    for line in (SHARED / "cameo" / "cameo_eventcodes.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        code = r["code"]
        # The shared codebook carries PLOVER's CAMEO2PLOVER mapping (contexts joined with "; ").
        shared = (r["plover_event"] or "", r["plover_mode"] or "",
                  (r["plover_context"] or "").replace("; ", "|").replace(" ", ""))
        event, mode, context = OVERRIDES.get(code) or shared
        if not event and code[:2] == "02":
            event, mode = "REQUEST", APPEAL_MODES.get(code[:3], "")
        # The GDELT names carry mojibake quotes (e.g. "a \xd2third\xd3 location").
        name = r["name"].replace("\u00d2hird\u00d3", "'third' ")
        rows.append({"code": code, "name": name, "root": r["root"], "level": r["level"],
                     "goldstein": r["goldstein"], "quad_class": r["quad_class"] or quad_class_of(r["root"]),
                     "plover_type": event, "plover_mode": mode, "plover_context": context})
    rows.sort(key=lambda r: r["code"])
    with (OUT / "cameo.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} CAMEO codes to {OUT / 'cameo.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
