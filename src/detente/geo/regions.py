"""First-level administrative regions (ISO 3166-2, from pycountry): states, provinces, Länder.

News places events in regions as often as in cities ("strikes in New South Wales", "riots in
Kaduna State"). pycountry names every country's first-level subdivisions, mostly in the local
language ("Bayern"); English exonyms ("Bavaria") are aliases in data/places.yaml (``to: {region:
DE-BY}``). A region name that several countries use ("Punjab", "Córdoba") or that is only a
generic word ("Central", "North West": data/places.yaml ``region_generic_words``) is left out:
it cannot say which country. pycountry has no coordinates, so a region has none.
"""
from __future__ import annotations

import re
from collections import Counter

import pycountry

from .gazetteer import Place

_BRACKETS = re.compile(r"\s*\[([^\]]+)\]")


def region_names(name: str) -> list[str]:
    """"Catalunya [Cataluña]" -> ["Catalunya", "Cataluña"]: the name and its bracketed alternatives."""
    names = [_BRACKETS.sub("", name).strip(), *(m.strip() for m in _BRACKETS.findall(name))]
    return [n for n in names if n]


def admin_regions(generic_words: frozenset[str]) -> tuple[dict[str, Place], list[tuple[str, Place]]]:
    """(ISO 3166-2 code -> Place, [(name, Place)] for the names that identify one country)."""
    by_code: dict[str, Place] = {}
    named: list[tuple[str, Place]] = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        names = region_names(sub.name)
        place = Place(names[0], country.alpha_3, None, None, "region")
        by_code[sub.code] = place
        for n in names:
            named.append((n, place))
            if sub.type.lower() in ("state", "province") and not n.lower().endswith(sub.type.lower()):
                named.append((f"{n} {sub.type}", place))  # "Kaduna State", "Sindh Province"
    countries_of: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for n, p in named:
        key = (n.casefold(), p.country)
        if key not in seen:
            seen.add(key)
            countries_of[n.casefold()] += 1
    keep = [(n, p) for n, p in named if countries_of[n.casefold()] == 1 and not _generic(n, generic_words)]
    return by_code, keep


def _generic(name: str, generic_words: frozenset[str]) -> bool:
    words = re.split(r"[\s\-]+", name.casefold())
    return all(w in generic_words for w in words)
