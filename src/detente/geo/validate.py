"""`validate_geo_data()`: check data/places.yaml and data/country_centroids.csv ("file:line [field] msg")."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pycountry
import yaml

from . import gazetteer


def validate_geo_data(places: Path | None = None, centroids: Path | None = None) -> list[str]:
    """Every problem in the geo data files, one "file:line [field] msg" string each."""
    places, centroids = places or gazetteer.PLACES, centroids or gazetteer.CENTROIDS
    return _check_places(places) + _check_centroids(centroids)


def _check_places(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
        root, raw = yaml.compose(text), yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        return [f"{path}:1 [file] {exc}"]
    errors: list[str] = []
    for field in ("aliases", "location_prepositions", "place_labels"):
        if not isinstance((raw or {}).get(field), list):
            errors.append(f"{path}:1 [{field}] missing list")
    if errors or root is None:  # no root means no lists: already reported
        return errors
    nodes = next(v for k, v in root.value if k.value == "aliases").value
    seen = set()
    for row, node in zip(raw["aliases"], nodes):
        line = node.start_mark.line + 1
        to = row.get("to") or {}
        if not row.get("id") or row["id"] in seen:
            errors.append(f"{path}:{line} [id] missing or duplicate {row.get('id')!r}")
        seen.add(row.get("id"))
        if not row.get("names"):
            errors.append(f"{path}:{line} [names] required")
        country = to.get("country")
        if not (country or to.get("state") or to.get("region")):
            errors.append(f"{path}:{line} [to] needs country, state or region")
        elif to.get("region") and pycountry.subdivisions.get(  # type: ignore[no-untyped-call]  # pycountry: unannotated
                code=to["region"]) is None:
            errors.append(f"{path}:{line} [to.region] {to['region']!r} is not an ISO 3166-2 code")
        elif country and pycountry.countries.get(alpha_3=country) is None:
            errors.append(f"{path}:{line} [to.country] {country!r} is not an ISO-3166 alpha-3 code")
    return errors + _check_former_states(path, raw.get("former_states"))


def _check_former_states(path: Path, rows: Any) -> list[str]:
    """former_states (geo/periods.py): a code, a name and successor ISO3 -> first day as a state."""
    if rows is None:
        return []
    if not isinstance(rows, list):
        return [f"{path}:1 [former_states] must be a list"]
    errors = []
    for row in rows:
        code = row.get("code") if isinstance(row, dict) else None
        if not (isinstance(code, str) and len(code) == 3 and row.get("name") and isinstance(row.get("members"), dict)):
            errors.append(f"{path}:1 [former_states] {row!r} needs a three-letter code, a name and members")
            continue
        for member, since in row["members"].items():
            if not (isinstance(member, str) and len(member) == 3 and isinstance(since, dt.date)):
                errors.append(f"{path}:1 [former_states.{code}] {member!r}: {since!r} must be ISO3: YYYY-MM-DD")
    return errors


def _check_centroids(path: Path) -> list[str]:
    errors: list[str] = []
    seen: set[str | None] = set()
    try:
        with path.open(encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                if not row.get("id") or row["id"] in seen:
                    errors.append(f"{path}:{line} [id] missing or duplicate {row.get('id')!r}")
                seen.add(row.get("id"))
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                        raise ValueError("out of range")
                except (TypeError, ValueError, KeyError) as exc:
                    errors.append(f"{path}:{line} [lat/lon] {exc}")
                if len(row.get("iso3") or "") != 3:
                    errors.append(f"{path}:{line} [iso3] must be three letters")
    except OSError as exc:
        errors.append(f"{path}:1 [file] {exc}")
    return errors
