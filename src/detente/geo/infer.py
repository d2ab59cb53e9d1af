"""Where an event with no place in its text most likely happened: its actors' country or the article's.

Real news often never says where a reported act took place ("Tony Blair has backed Chancellor Gordon
Brown's report", "Bangladesh police arrested four industrialists"); its reader knows it from the
actors or from the rest of the article. After the report's place has carried (geo/carry.py), an
event still unlocated takes the first of (the order measured on gold/news train, docs/accuracy.md):

1. a visit (CAMEO 042) happens in the host's country (its target's), a hosted visit (043) in its
   source's; the visitor's own country is never the place of a visit;
2. the country both its actors belong to, or its only actor's country (a domestic act);
3. between two states, the target's country (an attack hits the target's ground; a minister travels
   to meet his counterpart);
4. the country the article's places mostly lie in (the places its parsed sentences name).

Only states count (not "IGO"). An inferred place is a country (its centroid), never a city, and
its explanation says that it is an inference and from what.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ..models import INFERRED_LOCATION, Event
from .gazetteer import Gazetteer, Place, read_centroids
from .periods import country_on, former_state_names

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
VISIT, HOST_VISIT = "042", "043"


@dataclass(frozen=True)
class ArticlePlaces:
    """The countries of the places an article names, in text order."""

    countries: tuple[str, ...]

    def main_country(self) -> str:
        """The most named country; ties go to the earliest named."""
        counts = Counter(self.countries)
        if not counts:
            return ""
        top = max(counts.values())
        return next(c for c in self.countries if counts[c] == top)


def article_places(doc: Doc, gazetteer: Gazetteer, day: dt.date | None) -> ArticlePlaces:
    """Place entities of the parsed text that the gazetteer knows, with their country on ``day``."""
    out = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            place = gazetteer.lookup(ent.text)
            if place is not None and place.country:
                out.append(country_on(place.country, day))
    return ArticlePlaces(tuple(out))


def infer_locations(events: Sequence[Event], places: ArticlePlaces, states: dict[str, Place]) -> list[Event]:
    """``events`` in the same order, unlocated ones given an inferred country where one is found.

    ``states``: the countries a place may be inferred in, by code, with the place to give."""
    main = places.main_country()
    out = []
    for e in events:
        found, why = ("", "") if e.location_country else _infer(e, main, states)
        if not found:
            out.append(e)
            continue
        place = states[found]
        out.append(e.model_copy(update={
            "location_name": place.name, "location_country": found, "lat": place.lat, "lon": place.lon,
            "explanation": {**e.explanation, "location": f"{INFERRED_LOCATION} {found}: {why}"}}))
    return out


def _infer(e: Event, main: str, states: dict[str, Place]) -> tuple[str, str]:
    src = e.source_country if e.source_country in states else ""
    tgt = e.target_country if e.target_country in states else ""
    if e.cameo_code == VISIT:
        return (tgt, "a visit takes place in the host's (target's) country") if tgt else \
            (main, "a visit, with no host country: the country the article's places mostly lie in") \
            if main in states and main != src else ("", "")
    if e.cameo_code == HOST_VISIT and src:
        return src, "a hosted visit takes place in the host's (source's) country"
    if src and (src == tgt or not tgt):
        return src, "the country of both its actors" if tgt else "its only actor's country"
    if tgt and not src:
        return tgt, "its only actor's country"
    if src and tgt:  # measured on gold/news train: the target's country 11 of 15, the article's 5
        return tgt, "an act between two states, placed in its target's country"
    if main in states:
        return main, "the country the article's places mostly lie in"
    return "", ""


@lru_cache(maxsize=1)
def state_places() -> dict[str, Place]:
    """Every state a place may be inferred in: today's countries (centroids) and the former states."""
    states = {code: Place(name, code, lat, lon, "country") for code, (lat, lon, name) in read_centroids().items()}
    for code, name in former_state_names().items():
        states.setdefault(code, Place(name, code, None, None, "country"))
    return states
