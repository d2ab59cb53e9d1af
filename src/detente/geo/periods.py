"""A place's country on the event's date: the state it lay in then, not today's.

The gazetteer knows today's map: Moscow is in Russia. An event in Moscow in 1987 happened in the
Soviet Union (SUN), as its actors are coded; data/places.yaml ``former_states`` lists the states that
split and the day each successor became a state of its own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

import yaml

from ..errors import DataFileError
from .gazetteer import PLACES, Place


@lru_cache(maxsize=1)
def former_states() -> dict[str, tuple[str, str, dt.date]]:
    """Successor ISO3 -> (former state's code, its name, the successor's first day)."""
    try:
        rows = yaml.safe_load(PLACES.read_text(encoding="utf-8"))["former_states"]
        out = {}
        for row in rows:
            for member, since in row["members"].items():
                if not isinstance(since, dt.date):
                    raise TypeError(f"{row['code']}.{member}: {since!r} is not a date")
                out[str(member)] = (str(row["code"]), str(row["name"]), since)
        return out
    except (OSError, KeyError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read former_states: {exc}", item=str(PLACES)) from exc


def former_state_names() -> dict[str, str]:
    """Former state code -> name ("SUN" -> "Soviet Union")."""
    return {code: name for code, name, _ in former_states().values()}


def country_on(country: str, day: dt.date | None) -> str:
    """The code of the state ``country``'s territory lay in on ``day`` (itself when unknown or later)."""
    former = former_states().get(country)
    if former is None or day is None or day >= former[2]:
        return country
    return former[0]


def place_on(place: Place, day: dt.date | None) -> tuple[Place, str]:
    """(the place with its country on ``day``, a note when that differs from today's, else "")."""
    country = country_on(place.country, day)
    if country == place.country:
        return place, ""
    name = former_state_names()[country]
    return (replace(place, country=country),
            f"; on {day} {place.country} was part of the {name} ({country})")
