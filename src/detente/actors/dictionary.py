"""Loading and validating the actor knowledge files.

Layers, later ones win on the same name: generated files (tools/convert_petrarch_actors.py), then
data/curated/*, then data/people/*, then user files (``extra_paths`` and ``$DETENTE_ACTORS``).
A file's kind is read from its rows: ``roles`` -> actors, ``words`` -> agents, ``code`` -> countries,
otherwise country patches (rows that add names, adjectives or seats to an existing country).
PETRARCH2's ~18k dated people come last but rank lowest (see "generated people" below).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Union, cast

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import DataFileError
from ..knowledge_cache import load_or_build, rebuild_model
from .schema import ROW_MODELS, ActorEntry, AgentEntry, CountryEntry, CountryPatch, Role

DATA_DIR = Path(__file__).parent / "data"
_RowModel = Union[ActorEntry, AgentEntry, CountryEntry, CountryPatch]  # every row model has an id
GENERATED = ("countries.yaml", "agents.yaml", "organizations.yaml", "groups.yaml")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # a base picked at run time (the C loader when built)
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
            obj = cast(_RowModel, model.model_validate(row))
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
    for p in _people_csvs(Path(path)) if path is not None else people_paths():
        errors += validate_people_csv(p)
    paths = [p for p in paths if p.suffix != ".csv"]
    for p in paths:
        try:
            rows, lines = _read_rows(p)
        except DataFileError as exc:
            errors.append(f"{p}:0 [file] {exc}")
            continue
        errors += _errors(p, rows, lines)[0]
    return errors


def demonym_plural(adjective: str) -> str | None:
    """"Albanian" -> "Albanians", "Iraqi" -> "Iraqis"; None where English has no such plural
    ("Chinese", "Turkish"). One rule for the finder and the prefilter."""
    if adjective[-1:] in "niI" and not adjective.endswith("ese"):
        return adjective + "s"
    return None


@dataclass(eq=False)  # identity hash: compiled match tables are cached per dictionary object
class ActorDictionary:
    """All actor knowledge, merged: countries (with patches), agents, named actors."""

    countries: dict[str, CountryEntry] = field(default_factory=dict)
    agents: list[AgentEntry] = field(default_factory=list)
    actors: dict[str, ActorEntry] = field(default_factory=dict)  # key: "person:hakan-fidan"
    sources: list[Path] = field(default_factory=list)
    generated: set[str] = field(default_factory=set)  # actor keys from generated files (lowest priority)
    # sha256 of the sources this dictionary was loaded from (knowledge_cache.content_key); None once
    # changed by hand (add_file, add_people_csv). Keys the cached phrase table (matcher.compile_table).
    content_key: str | None = None


    def vocabulary(self) -> tuple[set[str], set[str]]:
        """(names as written, agent words): every string the finder can match, for the prefilter."""
        names: set[str] = set()
        for e in self.actors.values():
            names.update(e.names)
            names.update(e.acronyms)
        for c in self.countries.values():
            names.update([c.name, *c.names, *c.adjectives, *c.acronyms, *c.capitals])
            names.update(p for p in map(demonym_plural, c.adjectives) if p)
            names.update(s.name for s in c.seats)
        words = {w for a in self.agents if not a.drop for w in a.words}
        return names, words

    @classmethod
    def load(cls, extra_paths: list[Path] | None = None, *, env: bool = True) -> "ActorDictionary":
        """Shipped files, then ``$DETENTE_ACTORS`` (unless ``env=False``: the pipeline config already
        holds its files), then ``extra_paths``; invalid rows raise E200.

        Built once per set of file contents, then read from the knowledge cache (knowledge_cache.py)."""
        paths = default_paths() + (_expand(env_paths()) if env else []) + _expand(list(extra_paths or []))
        people = people_paths()
        # the row models, the merge rules and the name folding (matcher.norm) shape the result too
        code = [Path(__file__), Path(__file__).with_name("schema.py"), Path(__file__).with_name("matcher.py")]
        d, key = load_or_build("actors", [*paths, *people, *code], lambda: cls._build(paths, people), cls)
        d.content_key = key
        return d

    @classmethod
    def _build(cls, paths: list[Path], people: list[Path]) -> "ActorDictionary":
        d = cls()
        for path in paths:
            d.add_file(path)
        _add_people(d, people)
        return d

    def add_people_csv(self, path: Path) -> None:
        """Add generated people (lowest priority); see the "generated people" section below."""
        _add_people(self, [path])

    def add_file(self, path: Path) -> None:
        self.content_key = None  # no longer what its sources say: its phrase table is compiled afresh
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

        def merged(old: list[Any], new: list[Any]) -> list[Any]:
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


# ---------------------------------------------------------------- generated people (CSV)
# data/generated/people_NN.csv (tools/convert_petrarch_actors.py): id,name,names,roles with
# names "A|B" and roles "CODE:from:to;..." (ISO dates, open ends empty). ~18k rows, so they are
# read with the csv module and built with model_construct (no validation: ~10x faster);
# validate_actor_data() checks every row with ActorEntry. Rows rank below every YAML layer:
# a row is skipped when a YAML person has its id or one of its full names, and a name that is
# already a country, capital, seat, agent word or another actor's name is dropped from it.
PEOPLE_DIR = DATA_DIR / "generated"


def people_paths() -> list[Path]:
    return sorted(PEOPLE_DIR.glob("people_*.csv"))


def _people_csvs(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(path.glob("**/people_*.csv"))
    return [path] if path.suffix == ".csv" else []


def _read_people(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except (OSError, UnicodeError, csv.Error) as exc:
        raise DataFileError(f"cannot read people file: {exc}", item=str(path)) from exc


def _role_dicts(raw: str) -> list[dict[str, str | None]]:
    out = []
    for part in filter(None, raw.split(";")):
        code, _, rest = part.partition(":")
        start, _, end = rest.partition(":")
        out.append({"code": code, "from": start or None, "to": end or None})
    return out


def validate_people_csv(path: Path) -> list[str]:
    """Every row of a people CSV against ActorEntry; errors as ``file:line [field] msg``."""
    try:
        rows = _read_people(path)
    except DataFileError as exc:
        return [f"{path}:0 [file] {exc}"]
    errors: list[str] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, 2):  # line 1 is the header
        try:
            obj = ActorEntry.model_validate({
                "id": row.get("id") or "", "kind": "person",
                "names": [x for x in (row.get("names") or "").split("|") if x],
                "roles": _role_dicts(row.get("roles") or "")})
        except ValidationError as exc:
            errors += [f"{path}:{n} [{'.'.join(map(str, e['loc'])) or 'row'}] {e['msg']}" for e in exc.errors()]
            continue
        if not (row.get("name") or "") in obj.names:
            errors.append(f"{path}:{n} [name] {row.get('name')!r} is not one of the names")
        if obj.id in seen:
            errors.append(f"{path}:{n} [id] duplicate id {obj.id!r}")
        seen.add(obj.id)
    return errors


def _fold(text: str) -> str:
    """matcher.norm, with a fast path for plain ASCII (almost every generated name)."""
    if text.isascii() and "'" not in text:
        return text.lower()
    from .matcher import norm  # matcher imports this module

    return norm(text)


def _taken_names(d: ActorDictionary) -> set[str]:
    """Folded phrases a generated person must not claim (countries, agents, other actors)."""
    out: set[str] = set()
    for c in d.countries.values():
        out.update(map(_fold, [c.name, *c.names, *c.adjectives, *c.capitals, *c.acronyms, *(s.name for s in c.seats)]))
    for a in d.agents:
        out.update(map(_fold, a.words))
    for e in d.actors.values():
        out.update(map(_fold, [*e.names, *e.acronyms]))
    return out


def _add_people(d: ActorDictionary, paths: list[Path]) -> None:
    d.content_key = None
    taken = _taken_names(d)
    roles: dict[str, Role] = {}  # the same role string recurs a lot ('DZAELI::'): build it once
    for path in paths:
        for n, row in enumerate(_read_people(path), 2):
            key = f"person:{row['id']}"
            names = row["names"].split("|")
            folded = [_fold(x) for x in names]
            if key in d.actors or any(" " in f and f in taken for f in folded):
                continue  # a YAML entry is this person: it wins
            names = [x for x, f in zip(names, folded) if f not in taken]
            if not names:
                continue
            try:
                entry_roles = [roles.get(r) or roles.setdefault(r, _role(r)) for r in row["roles"].split(";") if r]
            except ValueError as exc:
                raise DataFileError(f"line {n}: bad role in {row['roles']!r}: {exc}", item=str(path)) from exc
            d.actors[key] = _bare(ActorEntry, {"id": row["id"], "kind": "person", "names": names, "acronyms": [],
                                               "roles": entry_roles, "gender": None, "note": ""})
            d.generated.add(key)
            taken.update(f for f in folded if " " in f)  # the first row with a full name keeps it
        d.sources.append(path)


def _role(raw: str) -> Role:
    code, start, end = raw.split(":")
    role: Role = _bare(Role, {"code": code, "from_": dt.date.fromisoformat(start) if start else None,
                              "to": dt.date.fromisoformat(end) if end else None, "title": ""})
    return role


def _bare(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    """``cls.model_construct(**values)`` for a complete ``values`` (every field), ~3x faster.

    tests/actors/test_petrarch_people.py checks the result equals ``model_validate``.
    """
    return rebuild_model(cls, values, frozenset(values))


@lru_cache(maxsize=1)
def load_actor_dictionary() -> ActorDictionary:
    """The default dictionary (shipped files + ``$DETENTE_ACTORS``), loaded once per process."""
    return ActorDictionary.load()

