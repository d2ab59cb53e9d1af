"""Event patterns: trigger words -> CAMEO codes, kept as YAML data beside this module.

A pattern names a trigger (lemmas + part of speech), an optional set of constraints that make it more
specific (a particle, the object's lemma, a preposition, a complement verb, a noun modifier, a context
word), the CAMEO code it yields, and where to look for the source and target actors ("slots").
The most specific matching pattern wins (see ``Pattern.specificity``). docs/patterns.md documents the
format for users who extend it; `detente validate` checks every file against ``Pattern``.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import DataFileError
from ..knowledge_cache import load_or_build
from ..ontology import PLOVER_TYPES, codebook_path, load_codebook

#: Where an actor can be found relative to the trigger (see docs/patterns.md).
#: subject/object are logical: in the passive, subject = the by-agent and object = the passive subject.
SLOT_RE = re.compile(r"^(subject|object|dative|poss|mod|of|between|light_subject|clause_subject|speaker|prep:[a-z_]+)$")
DEFAULT_SLOTS = {
    "verb": {"source": ["subject"], "target": ["object", "dative"]},
    "noun": {"source": ["poss", "mod", "prep:by", "light_subject"], "target": []},
}
#: Verbal acts aimed at the subject of their that-clause when they have no object: "demanded that
#: the US cancel the sale" (target USA), "alleged that the North had a uranium programme".
ADDRESSEE_CLAUSE_ROOTS = frozenset({"02", "10", "11"})


class Pattern(BaseModel):
    """One row of an events/data/*.yaml file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_.\-]+$")
    lemmas: list[str] = Field(min_length=1)
    pos: Literal["verb", "noun"] = "verb"
    cameo: str
    particle: str | None = None
    object: list[str] = Field(default_factory=list)
    prep: dict[str, list[str]] = Field(default_factory=dict)
    complement: list[str] = Field(default_factory=list)
    modifier: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    source: list[str] | None = None
    target: list[str] | None = None
    reciprocal: bool = False
    absorbs_complement: bool = False
    confidence: float = Field(default=0.7, ge=0.0, le=1.0)
    # PLOVER type when the PLOVER manual and the CAMEO code's usual mapping disagree ("formal pardons
    # and amnesties": CAMEO 0841, PLOVER CONCEDE)
    plover: str | None = None
    note: str | None = None

    @field_validator("cameo")
    @classmethod
    def _known_code(cls, v: str) -> str:
        if v not in load_codebook():
            raise ValueError(f"unknown CAMEO code {v!r}")
        return v

    @field_validator("plover")
    @classmethod
    def _known_type(cls, v: str | None) -> str | None:
        if v is not None and v not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {v!r}")
        return v

    @field_validator("lemmas", "object", "complement", "modifier", "context")
    @classmethod
    def _lower(cls, v: list[str]) -> list[str]:
        return [w.strip().lower() for w in v]

    @field_validator("source", "target")
    @classmethod
    def _slots(cls, v: list[str] | None) -> list[str] | None:
        for slot in v or []:
            if not SLOT_RE.match(slot):
                raise ValueError(f"unknown slot {slot!r}")
        return v

    @model_validator(mode="after")
    def _noun_has_no_particle(self) -> "Pattern":
        if self.pos == "noun" and self.particle:
            raise ValueError("a noun pattern cannot have a particle")
        return self

    @property
    def source_slots(self) -> list[str]:
        return self.source if self.source is not None else DEFAULT_SLOTS[self.pos]["source"]

    @property
    def target_slots(self) -> list[str]:
        default = DEFAULT_SLOTS[self.pos]["target"] + [f"prep:{p}" for p in self.prep]
        slots = self.target if self.target is not None else default
        if self.pos == "verb" and self.cameo[:2] in ADDRESSEE_CLAUSE_ROOTS and "clause_subject" not in slots:
            slots = [*slots, "clause_subject"]  # tried last, before any fallback
        return slots

    def necessary_words(self) -> frozenset[str] | None:
        """Lemmas one of which any sentence this pattern matches must contain besides the trigger
        (its smallest word constraint), or None when the trigger alone can match."""
        fields: list[set[str]] = [{self.particle}] if self.particle else []
        fields += [set(f) for f in (self.object, self.complement, self.modifier, self.context) if f]
        if self.prep:
            objs = {w for v in self.prep.values() for w in v}
            fields.append(objs if all(self.prep.values()) else set(self.prep))
        if not fields:
            return None
        smallest: set[str] = min(fields, key=len)
        return frozenset(smallest)

    @property
    def specificity(self) -> tuple[int, int]:
        """(constraint weight, code depth): the larger wins when several patterns match.

        A word constraint on a particular argument (particle, object, complement, modifier, the
        object of a preposition) weighs 2; a bare preposition or a context word anywhere weighs 1."""
        n = 2 * sum(bool(x) for x in (self.particle, self.object, self.complement, self.modifier))
        n += bool(self.context)
        if self.prep:  # one constraint: any of the listed prepositions
            n += 1 + any(bool(objs) for objs in self.prep.values())
        return n, len(self.cameo)


@dataclass
class PatternSet:
    """All patterns, indexed by (lemma, pos) for fast trigger lookup."""

    patterns: list[Pattern]
    origins: dict[str, str] = field(default_factory=dict)  # pattern id -> file
    by_trigger: dict[tuple[str, str], list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    # sha256 of the files it was loaded from (knowledge_cache.content_key); keys what is compiled from it
    content_key: str | None = None

    def __post_init__(self) -> None:
        for p in self.patterns:
            for lemma in p.lemmas:
                self.by_trigger[(lemma, p.pos)].append(p)
        for plist in self.by_trigger.values():
            plist.sort(key=lambda p: p.specificity, reverse=True)

    def candidates(self, lemma: str, pos: str) -> list[Pattern]:
        return self.by_trigger.get((lemma, pos), [])

    def vocabulary(self) -> set[str]:
        """Every trigger lemma (used by the prefilter)."""
        return {lemma for lemma, _ in self.by_trigger}

    def requirements(self) -> dict[str, list[frozenset[str]] | None]:
        """For each trigger lemma, the words a sentence must also contain for one of its patterns to
        match (events/prefilter.py): None when some pattern needs nothing more than the trigger;
        otherwise one word set per pattern, any word of which must occur. A pattern needs every one
        of its constraints, so requiring its smallest one is a necessary condition, never a guess."""
        out: dict[str, list[frozenset[str]] | None] = {}
        for (lemma, _pos), plist in self.by_trigger.items():
            for p in plist:
                need = p.necessary_words()
                if need is None:
                    out[lemma] = None
                elif (needs := out.setdefault(lemma, [])) is not None:
                    needs.append(need)
        return out


DATA_DIR = "data/patterns"


def default_pattern_files() -> list[Path]:
    base = Path(str(resources.files(__package__).joinpath(DATA_DIR)))
    files = sorted(base.glob("*.yaml"))
    extra = os.environ.get("DETENTE_PATTERNS", "")
    for item in filter(None, extra.split(os.pathsep)):
        p = Path(item)
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return files


#: libyaml's parser where PyYAML was built with it (10x faster than the pure-Python one)
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """The node tree (for line numbers) and the data, from one parse."""
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def read_pattern_file(path: Path) -> tuple[list[Pattern], list[str]]:
    """Parse one YAML file; errors come back as `file:line [field] msg`."""
    try:
        node, rows = _parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}:? [file] cannot read: {exc}"]
    except yaml.YAMLError as exc:
        return [], [f"{path}:? [yaml] {exc}".replace("\n", " ")]
    if node is None:
        return [], []  # an empty file
    if not isinstance(rows, list) or not isinstance(node, yaml.SequenceNode):
        return [], [f"{path}:1 [file] expected a list of patterns"]
    lines = [item.start_mark.line + 1 for item in node.value]
    patterns, errors = [], []
    for i, row in enumerate(rows):
        line = lines[i] if i < len(lines) else "?"
        if not isinstance(row, dict):
            errors.append(f"{path}:{line} [row] expected a mapping")
            continue
        try:
            patterns.append(Pattern(**row))
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(x) for x in err["loc"]) or "row"
                errors.append(f"{path}:{line} [{loc}] {err['msg']}")
    return patterns, errors


def _read_pattern_files(files: list[Path]) -> tuple[list[tuple[Path, list[Pattern]]], list[str]]:
    """Each file's patterns and all errors (duplicate ids included), every file parsed once."""
    errors: list[str] = []
    seen: dict[str, str] = {}
    loaded: list[tuple[Path, list[Pattern]]] = []
    for path in files:
        patterns, errs = read_pattern_file(path)
        errors.extend(errs)
        for p in patterns:
            if p.id in seen:
                errors.append(f"{path}:? [id] duplicate pattern id {p.id!r} (also in {seen[p.id]})")
            seen[p.id] = str(path)
        loaded.append((path, patterns))
    return loaded, errors


def validate_pattern_files(files: list[Path] | None = None) -> list[str]:
    """All errors in the pattern files (duplicate ids included); [] when valid. Reads the YAML
    itself, never the compiled cache."""
    return _read_pattern_files(files or default_pattern_files())[1]


def load_patterns(files: tuple[Path, ...] | None = None) -> PatternSet:
    """The pattern set of ``files`` (default: the shipped files and ``$DETENTE_PATTERNS``), compiled
    once and then read from the knowledge cache (detente/knowledge_cache.py); invalid files raise E200."""
    files = tuple(files) if files else tuple(default_pattern_files())
    return _load_cached(files)


@lru_cache(maxsize=4)
def _load_cached(files: tuple[Path, ...]) -> PatternSet:
    # the codebook and this module decide what is valid: a change to either recompiles
    sources = [*files, codebook_path(), Path(__file__)]
    patterns, key = load_or_build("patterns", sources, lambda: _build_patterns(files), PatternSet)
    patterns.content_key = key
    return patterns


def _build_patterns(files: tuple[Path, ...]) -> PatternSet:
    loaded, errors = _read_pattern_files(list(files))
    if errors:
        raise DataFileError("invalid event patterns: " + "; ".join(errors[:5]))
    patterns: list[Pattern] = []
    origins: dict[str, str] = {}
    for path, file_patterns in loaded:
        patterns.extend(file_patterns)
        origins.update({p.id: path.name for p in file_patterns})
    return PatternSet(patterns, origins)
