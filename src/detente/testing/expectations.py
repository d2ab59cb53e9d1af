"""Compare coded events with a hand-written ``expected.json``.

The file format is the one of ``../shared/acceptance/seed/expected.json``:
``events`` lists events that must be present, ``must_not`` lists codings that
are known errors. The matching rules (see docs/samples.md):

* ``codes``: acceptable CAMEO codes; a code accepts itself and every code
  under it (prefix = CAMEO hierarchy, so "04" accepts 040..046, "112" 1121..).
* ``source``/``target``: a prefix of the event's actor code (normally the
  3-letter country or IGO part); ``source_agent``/``target_agent`` must be
  the actor's agent. ``either_direction`` also accepts the roles swapped.
  ``source_may_be_unknown`` also accepts an empty/unknown source.
* ``date`` (ISO day), ``date_year``, ``date_month`` ("YYYY-MM"): the event date.
* ``historical``, ``plover`` (PLOVER type), ``mode`` (PLOVER mode), when given.
* An event whose mode is negation/future/hypothetical is not a plain fact: it
  matches only an expectation that names that mode, except that a *future*
  event also matches an expectation listing a root-03 code (CAMEO codes an
  announced future action as "express intent", PLOVER as the action + future).

Each expected event needs its own coded event (one-to-one assignment).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from detente.errors import InputError
from detente.models import NON_FACTUAL_MODES, Event

#: Actor codes that mean "no identifiable actor".
UNKNOWN_ACTOR_CODES = frozenset({"", "---", "UNK"})

_EVENT_KEYS = frozenset({
    "what", "note", "source", "source_agent", "target", "target_agent", "either_direction",
    "codes", "date", "date_year", "date_month", "historical", "plover", "mode",
    "source_may_be_unknown", "known_gap",
})
_MUST_NOT_KEYS = frozenset({
    "what", "note", "codes", "date", "date_year", "date_month", "actor_name_contains",
    "source", "target", "either_direction", "historical", "factual", "mode", "plover", "known_gap",
})
_MUST_NOT_CRITERIA = _MUST_NOT_KEYS - {"what", "note", "either_direction", "known_gap"}


# ---------------------------------------------------------------- loading

def load_expectations(path: str | Path) -> dict[str, Any]:
    """Read and validate an ``expected.json``; raises InputError naming the file and entry."""
    path = Path(path)
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # checked just below
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read expectations: {exc}", item=str(path)) from exc
    problems = validate_expectations(data)
    if problems:
        raise InputError("; ".join(problems), item=str(path))
    return data


def validate_expectations(data: Any) -> list[str]:
    """Schema problems of an expectations dict, as ``[location] message`` strings."""
    if not isinstance(data, dict):
        return ["[root] must be an object"]
    problems: list[str] = []
    if "publication_date" in data:
        if _parse_date(data["publication_date"]) is None:
            problems.append("[publication_date] not an ISO date")
    else:
        problems.append("[publication_date] missing")
    events = data.get("events")
    if not isinstance(events, list) or not events:
        problems.append("[events] must be a non-empty list")
        events = []
    for i, spec in enumerate(events):
        problems += _validate_entry(spec, f"events[{i}]", _EVENT_KEYS)
        if isinstance(spec, dict) and not spec.get("codes"):
            problems.append(f"[events[{i}].codes] missing")
    must_not = data.get("must_not", [])
    if not isinstance(must_not, list):
        problems.append("[must_not] must be a list")
        must_not = []
    for i, spec in enumerate(must_not):
        problems += _validate_entry(spec, f"must_not[{i}]", _MUST_NOT_KEYS)
        if isinstance(spec, dict) and not (_MUST_NOT_CRITERIA & spec.keys()):
            problems.append(f"[must_not[{i}]] has no criteria, it would never match")
    return problems


def _validate_entry(spec: Any, loc: str, allowed: frozenset[str]) -> list[str]:
    if not isinstance(spec, dict):
        return [f"[{loc}] must be an object"]
    out = [f"[{loc}.{k}] unknown key" for k in sorted(spec.keys() - allowed)]
    codes = spec.get("codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) and c.isdigit() for c in codes):
        out.append(f"[{loc}.codes] must be a list of CAMEO code strings")
    if "date" in spec and _parse_date(spec["date"]) is None:
        out.append(f"[{loc}.date] not an ISO date")
    if "date_year" in spec and not isinstance(spec["date_year"], int):
        out.append(f"[{loc}.date_year] must be an integer")
    if "date_month" in spec and _parse_month(spec["date_month"]) is None:
        out.append(f"[{loc}.date_month] must be YYYY-MM")
    for key in ("historical", "either_direction", "source_may_be_unknown", "factual"):
        if key in spec and not isinstance(spec[key], bool):
            out.append(f"[{loc}.{key}] must be true or false")
    return out


def _parse_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _parse_month(value: Any) -> tuple[int, int] | None:
    parsed = _parse_date(f"{value}-01") if isinstance(value, str) and len(value) == 7 else None
    return (parsed.year, parsed.month) if parsed else None


# ---------------------------------------------------------------- single checks

def _code_ok(code: str, accepted: Iterable[str]) -> bool:
    return any(code.startswith(a) for a in accepted)


def _agent_ok(code: str, agent_field: str, want: str) -> bool:
    # The agent is the agent field, or any 3-letter block after the country in the code.
    blocks = {code[i:i + 3] for i in range(3, len(code), 3)}
    return agent_field.upper() == want.upper() or want.upper() in blocks


def _side_problems(ev: Event, spec: dict[str, Any], swapped: bool) -> list[str]:
    """Actor problems when the spec's source is matched to ev's source (or target if swapped)."""
    roles = (("source", "target"), ("target", "source"))[swapped]
    problems = []
    for spec_role, ev_role in zip(("source", "target"), roles):
        code = getattr(ev, f"{ev_role}_code") or ""
        agent = getattr(ev, f"{ev_role}_agent") or ""
        want = spec.get(spec_role)
        unknown_ok = spec_role == "source" and spec.get("source_may_be_unknown", False)
        if unknown_ok and code.upper() in UNKNOWN_ACTOR_CODES:
            continue
        if want and not code.upper().startswith(want.upper()):
            problems.append(f"{spec_role} {code or '(none)'} is not {want}")
            continue
        want_agent = spec.get(f"{spec_role}_agent")
        if want_agent and not _agent_ok(code, agent, want_agent):
            problems.append(f"{spec_role} agent of {code or '(none)'} is not {want_agent}")
    return problems


def _date_problems(ev: Event, spec: dict[str, Any]) -> list[str]:
    got = ev.date.isoformat() if ev.date else "(none)"
    if "date" in spec and (ev.date is None or ev.date.isoformat() != spec["date"]):
        return [f"date {got} is not {spec['date']}"]
    if "date_year" in spec and (ev.date is None or ev.date.year != spec["date_year"]):
        return [f"date {got} is not in {spec['date_year']}"]
    if "date_month" in spec and (ev.date is None or ev.date.isoformat()[:7] != spec["date_month"]):
        return [f"date {got} is not in {spec['date_month']}"]
    return []


def _mode_problems(ev: Event, spec: dict[str, Any]) -> list[str]:
    want = spec.get("mode")
    if want is not None:
        return [] if ev.plover_mode == want else [f"mode {ev.plover_mode or '(none)'} is not {want}"]
    if ev.plover_mode not in NON_FACTUAL_MODES:
        return []
    if ev.plover_mode == "future" and any(c.startswith("03") for c in spec.get("codes", [])):
        return []  # announced action = expressed intent
    return [f"mode {ev.plover_mode}: not a plain fact"]


def event_problems(ev: Event, spec: dict[str, Any]) -> list[str]:
    """Why ``ev`` does not satisfy the expected-event ``spec`` ([] = it does)."""
    problems = []
    codes = spec.get("codes", [])
    if codes and not _code_ok(ev.cameo_code, codes):
        problems.append(f"code {ev.cameo_code} not under {'/'.join(codes)}")
    sides = _side_problems(ev, spec, swapped=False)
    if sides and spec.get("either_direction"):
        swapped = _side_problems(ev, spec, swapped=True)
        sides = swapped if len(swapped) < len(sides) else sides
    problems += sides
    problems += _date_problems(ev, spec)
    if "historical" in spec and ev.historical != spec["historical"]:
        problems.append(f"historical is {ev.historical}")
    if spec.get("plover") and ev.plover_type.upper() != spec["plover"].upper():
        problems.append(f"PLOVER type {ev.plover_type or '(none)'} is not {spec['plover']}")
    problems += _mode_problems(ev, spec)
    return problems


def describe(ev: Event) -> str:
    """One line for messages: code, actors, date, mode, sentence start."""
    mode = f" mode={ev.plover_mode}" if ev.plover_mode else ""
    hist = " historical" if ev.historical else ""
    return (f"{ev.cameo_code} {ev.source_code or '-'}->{ev.target_code or '-'} "
            f"{ev.date or '-'}{hist}{mode} [{ev.trigger}] «{ev.sentence_text[:70]}»")


def match_expected(events: list[Event], spec: dict[str, Any]) -> tuple[Event | None, str]:
    """The first event satisfying ``spec``, else (None, why the closest candidate fails)."""
    if not events:
        return None, "no events were coded"
    scored = [(len(p), i, p) for i, p in enumerate(event_problems(e, spec) for e in events)]
    n, i, problems = min(scored)
    if n == 0:
        return events[i], ""
    return None, f"closest: {describe(events[i])}: " + "; ".join(problems)


def must_not_hits(events: list[Event], spec: dict[str, Any]) -> list[Event]:
    """Events that match every criterion given in a must_not entry."""
    return [ev for ev in events if _must_not_matches(ev, spec)]


def _must_not_matches(ev: Event, spec: dict[str, Any]) -> bool:
    if not (_MUST_NOT_CRITERIA & spec.keys()):
        return False
    if "codes" in spec and not _code_ok(ev.cameo_code, spec["codes"]):
        return False
    if _date_problems(ev, spec):
        return False
    needle = spec.get("actor_name_contains")
    if needle:
        hay = " ".join((ev.source_name, ev.target_name, ev.source_text, ev.target_text)).lower()
        if needle.lower() not in hay:
            return False
    if "source" in spec or "target" in spec:
        actors: dict[str, Any] = {k: spec[k] for k in ("source", "target") if k in spec}
        if _side_problems(ev, actors, swapped=False):
            if not spec.get("either_direction") or _side_problems(ev, actors, swapped=True):
                return False
    if "historical" in spec and ev.historical != spec["historical"]:
        return False
    if "factual" in spec and ev.is_factual != spec["factual"]:
        return False
    if "mode" in spec and ev.plover_mode != spec["mode"]:
        return False
    if "plover" in spec and ev.plover_type.upper() != spec["plover"].upper():
        return False
    return True


# ---------------------------------------------------------------- whole article

def _assign(candidates: list[list[int]]) -> dict[int, int]:
    """Maximum one-to-one assignment spec -> event (augmenting paths; lists are small)."""
    owner: dict[int, int] = {}  # event index -> spec index

    def augment(s: int, seen: set[int]) -> bool:
        for e in candidates[s]:
            if e in seen:
                continue
            seen.add(e)
            if e not in owner or augment(owner[e], seen):
                owner[e] = s
                return True
        return False

    for s in range(len(candidates)):
        augment(s, set())
    return {s: e for e, s in owner.items()}


def check_article(events: list[Event], expected: dict[str, Any]) -> list[str]:
    """Problems of the coded ``events`` against ``expected``; [] means the article passes."""
    specs = expected.get("events", [])
    candidates = [[i for i, ev in enumerate(events) if not event_problems(ev, s)] for s in specs]
    assigned = _assign(candidates)
    problems = []
    for s, spec in enumerate(specs):
        if s in assigned:
            continue
        label = spec.get("what", f"events[{s}]")
        if candidates[s]:
            taken = "; ".join(describe(events[i]) for i in candidates[s])
            problems.append(f"missing: {label}: its matching events are used by other "
                            f"expectations: {taken}")
        else:
            problems.append(f"missing: {label}: {match_expected(events, spec)[1]}")
    for spec in expected.get("must_not", []):
        for ev in must_not_hits(events, spec):
            problems.append(f"must_not: {spec.get('what', 'entry')}: {describe(ev)}")
    return problems


def split_known_gaps(expected: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(expected without the entries marked ``"known_gap"``, expected with only those entries).

    A known gap is an expectation the coder is known to miss, with the reason in its
    ``known_gap`` field; the pipeline tests require it to keep failing (strict), so that a fix
    cannot go unnoticed, and docs/accuracy.md lists them."""
    def keep(entries: list[dict[str, Any]], gaps: bool) -> list[dict[str, Any]]:
        return [e for e in entries if bool(e.get("known_gap")) == gaps]

    base = {k: v for k, v in expected.items() if k not in ("events", "must_not")}
    plain = {**base, "events": keep(expected.get("events", []), False),
             "must_not": keep(expected.get("must_not", []), False)}
    gaps = {**base, "events": keep(expected.get("events", []), True),
            "must_not": keep(expected.get("must_not", []), True)}
    return plain, gaps
