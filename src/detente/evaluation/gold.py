"""Reading gold files for `detente eval`: the PLOVER GSR records and Détente's own JSONL format.

Both formats become ``GoldRecord``s holding ``GoldEvent``s with PLOVER 0.8 types and normalised
actor codes. The format is detected per line. A bad line is reported as ``file:line [id] message``
and skipped, so one typo does not stop a scoring run.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import DataFileError
from ..ontology import PLOVER_TYPES, load_codebook
from .news import GoldSentence, parse_news

_MONTH_OR_YEAR = re.compile(r"^\d{4}(-\d{2})?$")
_ID_IN_BROKEN_LINE = re.compile(r'"id"\s*:\s*"([^"\\]{1,200})"')
FORMAT_GSR = "plover_gsr"
FORMAT_DETENTE = "detente"


@dataclass(frozen=True)
class GoldRules:
    """The contents of data/gold_rules.yaml, as lookups."""

    legacy_types: dict[str, str]
    code_aliases: dict[str, str]
    generic_codes: frozenset[str]
    generic_families: dict[str, frozenset[str]]  # generic code -> prefixes it matches
    placeholder_dates: frozenset[str]
    modes: dict[str, bool]  # mode -> factual?

    @property
    def non_factual_modes(self) -> frozenset[str]:
        return frozenset(m for m, factual in self.modes.items() if not factual)


@lru_cache(maxsize=1)
def load_rules() -> GoldRules:
    text = resources.files(__package__).joinpath("data/gold_rules.yaml").read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        rules = GoldRules(
            legacy_types={r["legacy"]: r["plover"] for r in data["legacy_types"]},
            code_aliases={r["legacy"]: r["code"] for r in data["code_aliases"]},
            generic_codes=frozenset(r["code"] for r in data["generic_codes"]),
            generic_families={r["code"]: frozenset([r["code"], *r.get("also", [])]) for r in data["generic_codes"]},
            placeholder_dates=frozenset(str(r["date"]) for r in data["placeholder_dates"]),
            modes={r["mode"]: bool(r["factual"]) for r in data["modes"]},
        )
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise DataFileError(f"gold_rules.yaml is invalid: {exc}") from None
    for target in rules.legacy_types.values():
        if target not in PLOVER_TYPES:
            raise DataFileError(f"gold_rules.yaml maps to unknown PLOVER type {target!r}")
    return rules


def normalize_code(code: str) -> str:
    """Upper-case a code and replace a legacy 3-letter prefix (JAP -> JPN)."""
    code = code.strip().upper()
    aliases = load_rules().code_aliases
    return aliases.get(code[:3], code[:3]) + code[3:] if code else ""


@dataclass(frozen=True)
class GoldActor:
    code: str  # normalised: country (3 letters) + agent/sector codes ("USAGOV", "IGO", "PSEREBHMS")
    generic: bool = False  # a bare family code (IGO, NGO, maybe with a sector): matches by prefix

    @property
    def country(self) -> str:
        return self.code[:3]

    @property
    def agent(self) -> str:
        return self.code[3:6]


@dataclass(frozen=True)
class GoldEvent:
    plover: str  # PLOVER 0.8 type
    cameo: str = ""  # CAMEO code when the gold gives one
    sources: tuple[GoldActor, ...] = ()  # any one may match (compound actors)
    targets: tuple[GoldActor, ...] = ()
    date: dt.date | None = None  # the event's own date, when the gold gives it to the day
    mode: str = ""  # an auxiliary mode ("negation", "future", ...) or ""
    historical: bool | None = None  # recalled background event (news gold); None = not annotated
    location_country: str = ""  # ISO3 of where it happened, when the gold says

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    date: dt.date | None  # publication date given to the coder
    events: tuple[GoldEvent, ...]
    origin: str  # file:line
    format: str
    # Whether the gold codes non-factual events (our format does; the PLOVER GSR does not).
    modes_annotated: bool = True
    title: str | None = None
    sentences: tuple[GoldSentence, ...] = ()  # news gold: the annotated sentences of the article


@dataclass
class GoldSet:
    records: list[GoldRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file:line [id] message", one per bad line


class GoldError(ValueError):
    """One bad gold line (turned into a problem message, never raised to the user)."""


def read_gold(paths: Iterable[str | Path], limit: int | None = None) -> GoldSet:
    """Read gold records from JSONL files, in order; stop after ``limit`` good records."""
    out = GoldSet()
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            out.problems.append(f"{path}: cannot read gold file: {exc}")
            continue
        for lineno, line in enumerate(lines, start=1):
            if limit is not None and len(out.records) >= limit:
                return out
            if not line.strip():
                continue
            origin = f"{path}:{lineno}"
            rec_id = "?"
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise GoldError("a record must be a JSON object")
                rec_id = str(obj.get("id") or f"{path.name}:{lineno}")
                out.records.append(parse_record(obj, rec_id, origin))
            except json.JSONDecodeError as exc:
                found = _ID_IN_BROKEN_LINE.search(line)  # name the record even when JSON is broken
                rec_id = found.group(1) if found else rec_id
                out.problems.append(f"{origin} [{rec_id}] broken JSON: {exc.msg} (column {exc.colno})")
            except GoldError as exc:
                out.problems.append(f"{origin} [{rec_id}] {exc}")
    return out


def parse_record(obj: dict[str, Any], rec_id: str, origin: str) -> GoldRecord:
    """One JSON object -> GoldRecord, detecting its format; GoldError if it is unusable."""
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldError("missing text")
    if isinstance(obj.get("events"), list) and isinstance(obj.get("sentences"), list):
        return parse_news(obj, rec_id, text, origin)
    if isinstance(obj.get("events"), list):
        return _parse_detente(obj, rec_id, text, origin)
    if isinstance(obj.get("event"), str):
        return _parse_gsr(obj, rec_id, text, origin)
    raise GoldError("unknown record format: expected 'events' (Détente) or 'event' (PLOVER GSR)")


def _plover_type(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise GoldError("missing event type")
    t = name.strip().upper()
    t = load_rules().legacy_types.get(t, t)
    if t not in PLOVER_TYPES:
        raise GoldError(f"unknown event type {name!r}")
    return t


def _parse_gsr(obj: dict[str, Any], rec_id: str, text: str, origin: str) -> GoldRecord:
    rules = load_rules()
    mode = obj.get("mode") or ""
    # GSR modes are PLOVER 0.5 event modes ("heavy-weapons"); only auxiliary ones matter here.
    aux = mode if isinstance(mode, str) and mode in rules.non_factual_modes else ""
    event = GoldEvent(plover=_plover_type(obj.get("event")), sources=_gsr_actors(obj.get("source"), "source"),
                      targets=_gsr_actors(obj.get("target"), "target"), mode=aux)
    raw_date = obj.get("date")
    date = None if str(raw_date) in rules.placeholder_dates else _parse_date(raw_date, "date")
    return GoldRecord(id=rec_id, text=text, date=date, events=(event,), origin=origin,
                      format=FORMAT_GSR, modes_annotated=False)


def _gsr_actors(value: Any, role: str) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):  # absent, "" or a stray string: no actor coded
        return ()
    generic = load_rules().generic_codes
    actors = []
    for actor in value:
        if not isinstance(actor, dict) or not isinstance(actor.get("code"), str) or not actor["code"].strip():
            raise GoldError(f"{role} actor without a code")
        sector = actor.get("sector") or ""
        # "***" marks an unknown sector; "CVLalb" is sector CVL plus an ethnic tag.
        agent = sector[:3].upper() if isinstance(sector, str) and sector[:3].isalpha() else ""
        code = normalize_code(actor["code"])
        actors.append(GoldActor(code=code + agent, generic=code in generic))
    return tuple(actors)


def _parse_date(value: Any, what: str) -> dt.date | None:
    """A day date; None when absent or given only to the month or year (those are not scored)."""
    if value in (None, ""):
        return None
    if isinstance(value, str) and _MONTH_OR_YEAR.match(value):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise GoldError(f"bad {what} {value!r}: expected YYYY-MM-DD") from None


def _parse_detente(obj: dict[str, Any], rec_id: str, text: str, origin: str) -> GoldRecord:
    date = _parse_date(obj.get("date"), "date")
    events = tuple(_parse_event(ev, i) for i, ev in enumerate(obj["events"]))
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    return GoldRecord(id=rec_id, text=text, date=date, events=events, origin=origin,
                      format=FORMAT_DETENTE, modes_annotated=True, title=title)


def _parse_event(ev: Any, index: int) -> GoldEvent:
    if not isinstance(ev, dict):
        raise GoldError(f"event {index}: must be an object")
    cameo = str(ev.get("cameo") or "").strip()
    if cameo:
        codebook = load_codebook()
        if cameo not in codebook:
            raise GoldError(f"event {index}: unknown CAMEO code {cameo!r}")
    if ev.get("plover"):
        plover = _plover_type(ev["plover"])
    elif cameo:
        plover = load_codebook().get(cameo).plover_type
        if not plover:
            raise GoldError(f"event {index}: CAMEO {cameo} has no PLOVER type; give 'plover'")
    else:
        raise GoldError(f"event {index}: needs 'plover' or 'cameo'")
    mode = str(ev.get("mode") or "").strip().lower()
    if mode and mode not in load_rules().modes:
        raise GoldError(f"event {index}: unknown mode {ev['mode']!r}")
    historical = ev.get("historical")
    if historical is not None and not isinstance(historical, bool):
        raise GoldError(f"event {index}: 'historical' must be true or false")
    location = ev.get("location")
    country = location.get("country") if isinstance(location, dict) else None
    return GoldEvent(plover=plover, cameo=cameo, sources=_codes(ev.get("source"), index, "source"),
                     targets=_codes(ev.get("target"), index, "target"),
                     date=_parse_date(ev.get("date"), f"event {index} date"), mode=mode,
                     historical=historical, location_country=country if isinstance(country, str) else "")


def _codes(value: Any, index: int, role: str) -> tuple[GoldActor, ...]:
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else [value]
    generic = load_rules().generic_codes
    actors = []
    for item in items:
        if not isinstance(item, str) or not item.strip().isalnum() or len(item.strip()) < 3:
            raise GoldError(f"event {index}: bad {role} code {item!r}")
        code = normalize_code(item)
        actors.append(GoldActor(code=code, generic=code in generic))
    return tuple(actors)
