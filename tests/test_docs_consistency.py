"""The docs cite files, commands and counts; this keeps them true as the code moves.

Three checks: every repo path a doc puts in backticks exists (relative to the repo, src/detente or the
shared data), every `detente X` command the docs show is a real subcommand, and the counts the docs
quote for the knowledge files (patterns, CAMEO codes, PLOVER types, gold sizes) match the data.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "detente"
SHARED = ROOT.parent / "shared"
DOCS = [ROOT / "README.md", ROOT / "DEVELOPERS.md", *sorted((ROOT / "docs").glob("*.md"))]

TOP_DIRS = ("src/", "docs/", "tests/", "tools/", "benchmarks/", "gold/", "samples/", ".ci/")
PKG_DIRS = ("actors/", "api/", "cli/", "dates/", "evaluation/", "events/", "geo/", "ingest/", "nlp/",
            "ontology/", "scale/", "store/", "testing/", "training/")
FILE_SUFFIXES = (".py", ".md", ".yaml", ".yml", ".csv", ".json", ".jsonl", ".gz", ".cfg", ".toml", ".txt",
                 ".png", ".js", ".css", ".html", ".tsv")


def _code_spans(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


def _cited_paths() -> list[tuple[str, str]]:
    out = []
    for doc in DOCS:
        if not doc.exists():
            continue
        for span in _code_spans(doc.read_text(encoding="utf-8")):
            path = span.strip().split("::")[0]
            if any(ch in path for ch in " <>*{}$|=") or "/" not in path:
                continue  # prose, placeholders, globs and shell lines are not paths
            if re.search(r"\b(NN|XX|YYYY|NAME)\b|NN_", path):
                continue  # a file-name pattern ("NN_name.yaml"), not a file
            path = path.removeprefix("./")
            if path.startswith(TOP_DIRS + PKG_DIRS + ("../shared/",)) and (
                    path.endswith("/") or path.endswith(FILE_SUFFIXES)):
                out.append((doc.name, span.strip()))
    return out


def _exists(cited: str) -> bool:
    path, _, test_name = cited.removeprefix("./").partition("::")
    if path.startswith("../shared/"):
        if not SHARED.exists():
            return True  # the shared data is not on this machine: nothing to check against
        found = (ROOT / path).exists()
    else:
        found = (ROOT / path).exists() or (SRC / path).exists()
    if found and test_name:
        name = test_name.split("[")[0]
        found = f"def {name}(" in (ROOT / path).read_text(encoding="utf-8")
    return found


def test_docs_cite_paths_that_exist() -> None:
    cited = _cited_paths()
    assert len(cited) > 40, "the path scan found almost nothing: is the regex broken?"
    missing = sorted({f"{doc}: {p}" for doc, p in cited if not _exists(p)})
    assert not missing, "docs cite files that do not exist:\n" + "\n".join(missing)


def _subcommands() -> set[str]:
    import typer

    from detente.cli import app

    group = typer.main.get_command(app)
    return set(group.commands)  # type: ignore[attr-defined]  # a click Group: Typer apps with commands


def test_docs_show_real_commands() -> None:
    known = _subcommands()
    shown: set[tuple[str, str]] = set()
    for doc in DOCS:
        if doc.exists():
            text = re.sub(r"(from|import) detente\b", "", doc.read_text(encoding="utf-8"))  # Python, not CLI
            for cmd in re.findall(r"(?:^|[\s`/])detente ([a-z][a-z-]+)", text):
                shown.add((doc.name, cmd))
    assert len(shown) > 10
    unknown = sorted(f"{doc}: detente {cmd}" for doc, cmd in shown if cmd not in known)
    assert not unknown, "docs show commands that do not exist:\n" + "\n".join(unknown)


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _claims(pattern: str) -> list[tuple[str, int]]:
    out = []
    for doc in DOCS:
        if doc.exists():
            out.extend((doc.name, _number(m)) for m in re.findall(pattern, doc.read_text(encoding="utf-8")))
    return out


def test_cited_codebook_size_matches_the_ontology() -> None:
    from detente.ontology import load_codebook

    codes = len(load_codebook())
    claims = _claims(r"\b(\d{3}) (?:CAMEO )?codes\b")
    assert claims, "the docs no longer cite the codebook size: update this test"
    assert all(n == codes for _, n in claims), f"codebook has {codes} codes; docs say {claims}"


def test_cited_plover_type_count_matches() -> None:
    from detente.ontology import load_codebook

    types = {c.plover_type for c in load_codebook().codes.values() if c.plover_type}
    claims = _claims(r"\b(\d+) (?:of \d+ )?PLOVER (?:event )?types\b")
    assert claims
    assert all(n == len(types) for _, n in claims), f"{len(types)} PLOVER types; docs say {claims}"


def test_cited_pattern_count_is_about_right() -> None:
    from detente.events.patterns import load_patterns

    n = len(load_patterns().patterns)
    claims = _claims(r"About ([\d,]+) patterns")
    assert claims, "docs/patterns.md no longer cites the pattern count: update this test"
    for doc, cited in claims:
        assert abs(cited - n) <= max(20, n // 50), f"{doc} says about {cited} patterns; there are {n}"


def _gold_size(path: Path) -> tuple[int, int]:
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return len(articles), sum(len(a["sentences"]) for a in articles)


@pytest.mark.parametrize("split", ["train", "dev", "test"])
def test_cited_news_gold_sizes_match(split: str) -> None:
    articles, sentences = _gold_size(ROOT / "gold" / "news" / f"{split}.jsonl")
    text = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    line = re.search(r"Split by article:(.*)", text)
    assert line, "docs/accuracy.md no longer states the split sizes"
    m = re.search(rf"{split} ([\d,]+) (?:articles )?/ ([\d,]+)", line.group(1))
    assert m, f"no size for {split} in: {line.group(1)}"
    assert (_number(m.group(1)), _number(m.group(2))) == (articles, sentences)


def test_cited_own_gold_size_matches() -> None:
    path = ROOT / "gold" / "detente_gold.jsonl"
    n = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    claims = [(d, c) for d, c in _claims(r"own gold file \((\d+) sentences\)")]
    assert claims
    assert all(c == n for _, c in claims), f"gold/detente_gold.jsonl has {n} records; docs say {claims}"
