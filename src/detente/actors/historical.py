"""Predecessor states: a country code on a date before its state existed is its predecessor's
(RUS before 1991-12-26 is SUN). Data: actors/data/historical_states.yaml."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DataFileError
from ..models import ActorRef


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, dt.date, str], ...]:
    path = resources.files(__package__).joinpath("data/historical_states.yaml")
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return tuple((str(r["code"]), r["until"], str(r["as"])) for r in rows
                     if isinstance(r["until"], dt.date) and len(str(r["code"])) == len(str(r["as"])) == 3)
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise DataFileError(f"historical_states.yaml is invalid: {exc}") from None


def historical_ref(ref: ActorRef, on: dt.date | None) -> ActorRef:
    """``ref`` with its country replaced by the predecessor state's on ``on`` (unchanged otherwise)."""
    if on is None:
        return ref
    for code, until, old in _table():
        if ref.country == code and on <= until:
            return ref.model_copy(update={"code": old + ref.code[3:], "country": old,
                                          "why": ref.why + f"; {code} on {on} is {old} (historical_states.yaml)"})
    return ref
