"""Event filters shared by ``Store.events``, ``read_events``, the CLI and the exporters."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from ..errors import UsageError
from ..ontology import PLOVER_TYPES


def _date(value: Any, name: str) -> dt.date | None:
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"bad {name} date {value!r}: expected YYYY-MM-DD") from None


def check_min_confidence(value: Any) -> float:
    """A minimum confidence is a number from 0 to 1 (UsageError otherwise); returned as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise UsageError(f"bad min_confidence {value!r}: give a number from 0 to 1 (0 = every event)")
    return float(value)


@dataclass(frozen=True)
class EventFilters:
    """Which events to return. Actor codes match by prefix ("TUR" matches "TURGOV").

    dyad: (A, B): A acted on B, or B on A unless ``directed``. country: source, target or
    location country. type: PLOVER type. cameo: CAMEO code prefix ("16" = all of root 16).
    factual: True = only factual events, False = only non-factual, None = all.
    min_confidence: only events whose calibrated confidence is at least this (0-1; 0 = all).
    """

    dyad: tuple[str, str] | None = None
    directed: bool = False
    country: str | None = None
    type: str | None = None
    cameo: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    factual: bool | None = None
    limit: int | None = None
    min_confidence: float = 0.0

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> "EventFilters":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise UsageError(f"unknown event filter(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**kwargs).validated()

    def validated(self) -> "EventFilters":
        dyad = self.dyad
        if dyad is not None:
            if len(dyad) != 2 or not all(isinstance(x, str) and x.strip() for x in dyad):
                raise UsageError("dyad needs two actor codes, e.g. ('TUR', 'USA')")
            dyad = (dyad[0].strip().upper(), dyad[1].strip().upper())
        ptype = self.type.strip().upper() if self.type else None
        if ptype and ptype not in PLOVER_TYPES:
            raise UsageError(f"unknown PLOVER type {self.type!r} (one of {', '.join(PLOVER_TYPES)})")
        cameo = self.cameo.strip() if self.cameo else None
        if cameo and not (cameo.isdigit() and 1 <= len(cameo) <= 4):
            raise UsageError(f"bad CAMEO code {self.cameo!r}: expected 2-4 digits")
        since, until = _date(self.since, "since"), _date(self.until, "until")
        if since and until and since > until:
            raise UsageError(f"--since {since} is after --until {until}")
        if self.limit is not None and self.limit < 0:
            raise UsageError("limit must be >= 0")
        country = self.country.strip().upper() if self.country else None
        return EventFilters(dyad, self.directed, country, ptype, cameo, since, until, self.factual, self.limit,
                            check_min_confidence(self.min_confidence))

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """SQL WHERE clause (without the keyword; "TRUE" when empty) and its parameters."""
        f = self.validated()
        p = f"{alias}." if alias else ""
        clauses: list[str] = []
        params: list[Any] = []

        def actor(side: str, code: str) -> str:
            params.extend([code, code])
            return f"(starts_with({p}{side}_code, ?) OR {p}{side}_country = ?)"

        if f.dyad:
            a, b = f.dyad
            fwd = f"({actor('source', a)} AND {actor('target', b)})"
            if f.directed:
                clauses.append(fwd)
            else:
                clauses.append(f"({fwd} OR ({actor('source', b)} AND {actor('target', a)}))")
        if f.country:
            clauses.append(f"({p}source_country = ? OR {p}target_country = ? OR {p}location_country = ? "
                           f"OR starts_with({p}source_code, ?) OR starts_with({p}target_code, ?))")
            params.extend([f.country] * 5)
        if f.type:
            clauses.append(f"{p}plover_type = ?")
            params.append(f.type)
        if f.cameo:
            clauses.append(f"starts_with({p}cameo_code, ?)")
            params.append(f.cameo)
        if f.since:
            clauses.append(f"{p}date >= ?")
            params.append(f.since)
        if f.until:
            clauses.append(f"{p}date <= ?")
            params.append(f.until)
        if f.factual is not None:
            clauses.append(f"{p}factual = ?")
            params.append(f.factual)
        if f.min_confidence > 0:
            clauses.append(f"{p}confidence >= ?")
            params.append(f.min_confidence)
        return (" AND ".join(clauses) or "TRUE"), params
