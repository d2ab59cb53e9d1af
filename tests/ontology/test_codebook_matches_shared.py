"""ontology/cameo.csv agrees with the shared CAMEO codebook (../shared/reference/cameo), code by code.

The shared codebook was corrected to the CAMEO 1.1b3 manual (105-108 and the missing 106); a stale
cameo.csv built from GDELT's merged rows would fail here.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from detente.ontology import load_codebook

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "reference" / "cameo" / "cameo_eventcodes.jsonl"

pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside the repository")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_ontology", ROOT / "tools" / "build_ontology.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shared_rows() -> list[dict]:
    with SHARED.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_every_shared_code_is_in_the_ontology_with_the_same_name_goldstein_and_quad():
    book = load_codebook()
    build = _build_module()
    rows = _shared_rows()
    assert len(rows) == 311
    for r in rows:
        ours = book.codes.get(r["code"])
        assert ours is not None, f"CAMEO {r['code']} missing from ontology/cameo.csv"
        # The only rewrite of a name is the mojibake quote fix in tools/build_ontology.py.
        assert ours.name == r["name"] or "\u00d2" in r["name"], (r["code"], ours.name, r["name"])
        assert ours.goldstein == pytest.approx(r["goldstein"]), r["code"]
        assert ours.quad_class == (r["quad_class"] or build.quad_class_of(r["root"])), r["code"]
    assert len(book.codes) == len(rows)


def test_plover_mapping_is_the_shared_one_except_the_documented_overrides():
    book = load_codebook()
    build = _build_module()
    for r in _shared_rows():
        ours = book.codes[r["code"]]
        if r["code"] in build.OVERRIDES:
            assert ours.plover_type == build.OVERRIDES[r["code"]][0]
        elif r["code"].startswith("02"):
            assert ours.plover_type == "REQUEST"  # PLOVER drops appeals; we read them as requests
        else:
            assert ours.plover_type == (r["plover_event"] or ""), r["code"]
            assert ours.plover_mode == (r["plover_mode"] or ""), r["code"]


def test_demand_codes_follow_the_cameo_manual():
    book = load_codebook()
    assert book.codes["105"].name == "Demand that target yields, not specified below"
    assert book.codes["1056"].name == "Demand de-escalation of military engagement"
    assert book.codes["106"].name == "Demand meeting, negotiation"
    assert book.codes["107"].name == "Demand settling of dispute"
    assert book.codes["108"].name == "Demand mediation"
    code_106 = book.codes["106"]
    assert (code_106.plover_type, code_106.plover_mode, code_106.goldstein, code_106.quad_class) == \
        ("REQUEST", "meet", -5.0, 3)
