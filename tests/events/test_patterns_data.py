"""The shipped event pattern files (src/detente/events/data/patterns/*.yaml): valid, complete, unambiguous.

These tests check the data, not the matcher: every file loads through the `Pattern` schema, every
CAMEO root and the codes listed below have at least one pattern, ids are unique, trigger lemmas are
single lowercase spaCy tokens, and no two patterns with identical constraints give different codes.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from detente.events.patterns import (
    Pattern,
    default_pattern_files,
    load_patterns,
    read_pattern_file,
    validate_pattern_files,
)
from detente.ontology import load_codebook

DATA_DIR = Path(__file__).resolve().parents[2] / "src" / "detente" / "events" / "data" / "patterns"
ROOT_FILES = [
    "01_statement", "02_appeal", "03_intent", "04_consult", "05_diplomatic", "06_material_coop", "07_aid",
    "08_yield", "09_investigate", "10_demand", "11_disapprove", "12_reject", "13_threaten", "14_protest",
    "15_force_posture", "16_reduce_relations", "17_coerce", "18_assault", "19_fight", "20_mass_violence",
]

# Codes a news sentence can express and that must keep at least one pattern: every 3-digit code of
# roots 03-20, the 3-digit codes of roots 01-02, and the 4-digit codes
# whose wording is lexical enough to pattern.
REQUIRED_CODES = """
010 011 012 013 014 015 016 017 018 019
020 021 022 023 024 025 026 027 028
030 031 032 033 034 035 036 037 038 039
040 041 042 043 044 045 046
050 051 052 053 054 055 056 057
060 061 062 063 064
070 071 072 073 074 075
080 081 082 083 084 085 086 087
090 091 092 093 094
100 101 102 103 104 105 106 107 108
110 111 112 113 114 115 116
120 121 122 123 124 125 126 127 128 129
130 131 132 133 134 135 136 137 138 139
140 141 142 143 144 145
150 151 152 153 154
160 161 162 163 164 165 166
170 171 172 173 174 175
180 181 182 183 184 185 186
190 191 192 193 194 195 196
200 201 202 203 204
0211 0212 0231 0232 0233 0234 0241 0253 0254 0256
0311 0312 0331 0332 0333 0334 0341 0353 0354 0356
0811 0812 0813 0814 0831 0832 0833 0841 0842 0861 0862 0863 0871 0872 0873 0874
1031 1033 1041 1053 1054 1056
1121 1122 1123 1124 1125
1243 1246
1311 1312 1313 1322 1323 1324 1381 1382 1383 1384 1385
1411 1412 1413 1414
1621 1622 1623 1661 1662 1663
1711 1712 1721 1722 1723 1724
1821 1822 1823 1831 1832 1833
2041 2042
""".split()



@pytest.fixture(scope="module")
def shipped() -> list[Pattern]:
    return list(load_patterns(tuple(sorted(DATA_DIR.glob("*.yaml")))).patterns)


def test_patterns_data_files_validate():
    assert validate_pattern_files(sorted(DATA_DIR.glob("*.yaml"))) == []


def test_patterns_data_default_files_include_every_root_file(monkeypatch):
    monkeypatch.delenv("DETENTE_PATTERNS", raising=False)
    names = [p.stem for p in default_pattern_files()]
    assert [n for n in names if n[:2].isdigit() and 1 <= int(n[:2]) <= 20] == ROOT_FILES


def test_patterns_data_every_root_has_patterns(shipped):
    roots = defaultdict(int)
    for p in shipped:
        roots[p.cameo[:2]] += 1
    assert sorted(roots) == [f"{i:02d}" for i in range(1, 21)]
    assert all(n >= 10 for n in roots.values()), roots


def test_patterns_data_codes_stay_in_their_root_file():
    for path in [DATA_DIR / f"{name}.yaml" for name in ROOT_FILES]:  # 9x_*.yaml may mix roots
        patterns, errors = read_pattern_file(path)
        assert not errors
        root = path.name[:2]
        wrong = [p.id for p in patterns if p.cameo[:2] != root]
        assert not wrong, f"{path.name}: {wrong}"


def test_patterns_data_required_codes_are_covered(shipped):
    assert len(REQUIRED_CODES) >= 150
    codebook = load_codebook()
    assert [c for c in REQUIRED_CODES if c not in codebook] == []
    have = {p.cameo for p in shipped}
    assert [c for c in REQUIRED_CODES if c not in have] == []


def test_patterns_data_size_is_in_target_range(shipped):
    # a sanity range (a broken include gives far fewer, a generated explosion far more), not a budget
    assert 600 <= len(shipped) <= 1600


def test_patterns_data_ids_are_unique(shipped):
    seen: set[str] = set()
    dupes = [p.id for p in shipped if p.id in seen or seen.add(p.id)]
    assert dupes == []


def test_patterns_data_lemmas_are_single_lowercase_tokens(shipped, nlp):
    """Every word a pattern compares with a token must be one lowercase spaCy token ("sit-in" is three)."""
    words: dict[str, str] = {}
    for p in shipped:
        found = p.lemmas + p.object + p.complement + p.modifier + p.context
        found += [w for objs in p.prep.values() for w in objs] + list(p.prep)
        found += [p.particle] if p.particle else []
        words.update((w, p.id) for w in found)
    bad = [(pid, w) for w, pid in words.items() if w != w.lower() or len(nlp.tokenizer(w)) != 1]
    assert bad == []


def test_patterns_data_no_lemma_repeats_within_a_pattern(shipped):
    bad = [p.id for p in shipped if len(set(p.lemmas)) != len(p.lemmas)]
    assert bad == []


def test_patterns_data_no_equal_constraints_with_different_codes(shipped):
    """Two patterns for the same trigger with the same constraints would tie: which code wins is luck."""
    codes: dict[tuple, set[str]] = defaultdict(set)
    for p in shipped:
        constraints = (
            p.pos, p.particle, frozenset(p.object), frozenset(p.complement), frozenset(p.modifier),
            frozenset(p.context), frozenset((k, frozenset(v)) for k, v in p.prep.items()),
        )
        for lemma in p.lemmas:
            codes[(lemma, *constraints)].add(p.cameo)
    ties = {k[:3]: sorted(v) for k, v in codes.items() if len(v) > 1}
    assert ties == {}


def test_patterns_data_specific_patterns_outrank_general(shipped):
    """The most specific candidate comes first: a constrained pattern beats the root default."""
    pset = load_patterns(tuple(sorted(DATA_DIR.glob("*.yaml"))))
    for lemma, pos, general, specific in [
        ("fire", "verb", "fight.fire_at", "fight.fire_missile_at"),
        ("attack", "verb", "fight.attack", "fight.attack.air"),
        ("strike", "noun", "fight.strike.noun", "fight.air_strike"),
        ("threaten", "verb", "threaten.verb", "threaten.attack"),
        ("call", "verb", "consult.call", "yield.call_off_protest"),
    ]:
        ids = [p.id for p in pset.candidates(lemma, pos)]
        assert ids.index(specific) < ids.index(general), (lemma, ids)


def test_patterns_data_plain_say_is_not_a_trigger(shipped):
    """say/tell/state only count with a constraint ("said the move was illegal" -> 111)."""
    plain = {lemma for p in shipped if p.pos == "verb" and p.specificity[0] == 0 for lemma in p.lemmas}
    assert not plain & {"say", "tell", "state"}


def test_patterns_data_broken_file_reports_file_line_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- {id: ok.one, lemmas: [meet], cameo: \"040\"}\n"
        "- id: bad.code\n"
        "  lemmas: [meet]\n"
        "  cameo: \"999\"\n"
        "- {id: bad.slot, lemmas: [meet], cameo: \"040\", target: [nowhere]}\n"
        "- {id: bad.field, lemmas: [meet], cameo: \"040\", colour: red}\n",
        encoding="utf-8",
    )
    errors = validate_pattern_files([bad])
    assert len(errors) == 3
    for err, line, field in zip(errors, (2, 5, 6), ("cameo", "target", "colour")):
        assert err.startswith(f"{bad}:{line} [{field}] "), err


def test_patterns_data_extra_files_from_env_are_validated(tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mine.yaml").write_text("- {id: consult.meet, lemmas: [meet], cameo: \"040\"}\n", encoding="utf-8")
    monkeypatch.setenv("DETENTE_PATTERNS", str(extra))
    files = default_pattern_files()
    assert files[-1] == extra / "mine.yaml"
    errors = validate_pattern_files(files)
    assert len(errors) == 1 and "duplicate pattern id 'consult.meet'" in errors[0]
