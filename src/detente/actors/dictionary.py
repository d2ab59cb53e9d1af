"""Loading and validating the actor knowledge files.

Layers, later ones win on the same name: generated files (tools/convert_petrarch_actors.py), then
data/curated/*, then data/people/*, then user files (``extra_paths`` and ``$DETENTE_ACTORS``).
A file's kind is read from its rows: ``roles`` -> actors, ``words`` -> agents, ``code`` -> countries,
otherwise country patches (rows that add names, adjectives or seats to an existing country).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import DataFileError
from .schema import ROW_MODELS, ActorEntry, AgentEntry, CountryEntry, CountryPatch

DATA_DIR = Path(__file__).parent / "data"
GENERATED = ("countries.yaml", "agents.yaml", "organizations.yaml", "groups.yaml")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that leaves dates as strings, so one bad date is a row error, not a file error."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def default_paths() -> list[Path]:
    """The shipped files, in load order."""
    paths = [DATA_DIR / name for name in GENERATED]
    for sub in ("curated", "people"):
        paths += sorted((DATA_DIR / sub).glob("*.yaml"))
    return paths


def env_paths() -> list[Path]:
    raw = os.environ.get("DETENTE_ACTORS", "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def file_kind(rows: list[Any]) -> str:
    first = next((r for r in rows if isinstance(r, dict)), {})
    if "roles" in first:
        return "actors"
    if "words" in first:
        return "agents"
    if "code" in first:
        return "countries"
    return "country_patches"


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        out += sorted(list(p.glob("**/*.yaml")) + list(p.glob("**/*.yml"))) if p.is_dir() else [p]
    return out


def _read_rows(path: Path) -> tuple[list[Any], dict[int, int]]:
    """Rows of a YAML list file and, for each row index, its 1-based line number."""
    try:
        text = path.read_text(encoding="utf-8")
        rows = yaml.load(text, Loader=_Loader) or []
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read actor file: {exc}", item=str(path)) from exc
    if not isinstance(rows, list):
        raise DataFileError("an actor file must be a YAML list of rows", item=str(path))
    lines: dict[int, int] = {}
    idx = 0
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("- "):
            lines[idx] = n
            idx += 1
    return rows, lines


def _errors(path: Path, rows: list[Any], lines: dict[int, int]) -> tuple[list[str], list[BaseModel]]:
    model = ROW_MODELS[file_kind(rows)]
    errors: list[str] = []
    good: list[BaseModel] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"{path}:{lines.get(i, i)}"
        if not isinstance(row, dict):
            errors.append(f"{where} [row] not a mapping")
            continue
        try:
            obj = model.model_validate(row)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(x) for x in err["loc"]) or "row"
                errors.append(f"{where} [{loc}] {err['msg']}")
            continue
        if obj.id in seen:
            errors.append(f"{where} [id] duplicate id {obj.id!r}")
        seen.add(obj.id)
        good.append(obj)
    return errors, good


def validate_actor_data(path: Path | str | None = None) -> list[str]:
    """Check actor data files against their row models; errors as ``file:line [field] msg``.

    ``path`` may be a file or a folder; None checks the shipped files and ``$DETENTE_ACTORS``.
    """
    paths = _expand([Path(path)]) if path is not None else default_paths() + _expand(env_paths())
    errors: list[str] = []
    for p in paths:
        try:
            rows, lines = _read_rows(p)
        except DataFileError as exc:
            errors.append(f"{p}:0 [file] {exc}")
            continue
        errors += _errors(p, rows, lines)[0]
    return errors


@dataclass(eq=False)  # identity hash: compiled match tables are cached per dictionary object
class ActorDictionary:
    """All actor knowledge, merged: countries (with patches), agents, named actors."""

    countries: dict[str, CountryEntry] = field(default_factory=dict)
    agents: list[AgentEntry] = field(default_factory=list)
    actors: dict[str, ActorEntry] = field(default_factory=dict)  # key: "person:hakan-fidan"
    sources: list[Path] = field(default_factory=list)
    generated: set[str] = field(default_factory=set)  # actor keys from generated files (lowest priority)

    @classmethod
    def load(cls, extra_paths: list[Path] | None = None) -> "ActorDictionary":
        """Shipped files, then ``$DETENTE_ACTORS``, then ``extra_paths``; invalid rows raise E200."""
        d = cls()
        for path in default_paths() + _expand(env_paths()) + _expand(list(extra_paths or [])):
            d.add_file(path)
        return d

    def add_file(self, path: Path) -> None:
        rows, lines = _read_rows(path)
        errors, good = _errors(path, rows, lines)
        if errors:
            raise DataFileError("; ".join(errors[:5]) + (" ..." if len(errors) > 5 else ""), item=str(path))
        self.sources.append(path)
        for obj in good:
            if isinstance(obj, CountryEntry):
                self.countries[obj.id] = obj
            elif isinstance(obj, CountryPatch):
                self._patch(obj, path)
            elif isinstance(obj, AgentEntry):
                self.agents.append(obj)
            elif isinstance(obj, ActorEntry):
                key = f"{obj.kind}:{obj.id}"
                self.actors[key] = obj
                if path.parent == DATA_DIR and path.name in GENERATED:
                    self.generated.add(key)
                else:
                    self.generated.discard(key)

    def _patch(self, p: CountryPatch, path: Path) -> None:
        base = self.countries.get(p.id)
        if base is None:
            raise DataFileError(f"patch for unknown country {p.id!r}", item=str(path))
        drop = {d.lower() for d in p.drop}

        def merged(old: list, new: list) -> list:
            return [x for x in dict.fromkeys([*old, *new]) if str(x).lower() not in drop]

        self.countries[p.id] = base.model_copy(update={
            "name": p.name or base.name,
            "names": merged(base.names, p.names), "acronyms": merged(base.acronyms, p.acronyms),
            "adjectives": merged(base.adjectives, p.adjectives),
            "capitals": merged(base.capitals, p.capitals),
            "seats": [*[s for s in base.seats if s.name.lower() not in drop], *p.seats],
        })

    def entry(self, entry_id: str) -> ActorEntry | CountryEntry | None:
        kind, _, key = entry_id.partition(":")
        if kind in ("country", "capital", "seat"):
            return self.countries.get(key.split("/")[0])
        return self.actors.get(entry_id)


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    """The default dictionary (shipped files + ``$DETENTE_ACTORS``), loaded once per process."""
    return ActorDictionary.load()
