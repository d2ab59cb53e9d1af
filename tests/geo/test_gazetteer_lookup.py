"""The offline gazetteer: names -> Place."""
from __future__ import annotations

import csv

import pytest
import yaml

from detente.geo import Place, load_gazetteer
from detente.geo import gazetteer as gz


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_gazetteer_washington_is_the_capital(gaz):
    place = gaz.lookup("Washington")
    assert place.country == "USA" and place.kind == "city"
    assert place.lat == pytest.approx(38.9, abs=0.1) and place.lon == pytest.approx(-77.0, abs=0.1)


@pytest.mark.parametrize("name,iso3,kind", [
    ("Türkiye", "TUR", "country"), ("Turkey", "TUR", "country"), ("the United States", "USA", "country"),
    ("U.S.", "USA", "country"), ("Russian Federation", "RUS", "country"), ("Ankara", "TUR", "city"),
    ("Kiev", "UKR", "city"), ("Kyiv", "UKR", "city"), ("New York", "USA", "city"), ("Texas", "USA", "region"),
    ("Georgia", "GEO", "country"), ("Moscow", "RUS", "city"), ("London", "GBR", "city"),
    ("White House", "USA", "city"), ("beijing", "CHN", "city"),
])
def test_gazetteer_lookup_names(gaz, name, iso3, kind):
    place = gaz.lookup(name)
    assert isinstance(place, Place) and (place.country, place.kind) == (iso3, kind)


def test_gazetteer_countries_have_centroids(gaz):
    usa, tur = gaz.lookup("United States"), gaz.lookup("Türkiye")
    assert usa.lat == pytest.approx(38, abs=3) and usa.lon == pytest.approx(-97, abs=5)
    assert tur.lat == pytest.approx(39, abs=2) and tur.lon == pytest.approx(35, abs=3)


def test_gazetteer_states_have_coordinates(gaz):
    texas = gaz.lookup("Texas")
    assert 25 < texas.lat < 37 and -107 < texas.lon < -93


@pytest.mark.parametrize("name", ["Reuters", "Fidan", "", "defence sector"])
def test_gazetteer_unknown_names_are_none(gaz, name):
    assert gaz.lookup(name) is None


def test_gazetteer_is_cached():
    assert load_gazetteer() is load_gazetteer()


def test_gazetteer_data_rows_have_ids():
    with gz.CENTROIDS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 200 and len({r["id"] for r in rows}) == len(rows)
    aliases = yaml.safe_load(gz.PLACES.read_text(encoding="utf-8"))["aliases"]
    assert len({a["id"] for a in aliases}) == len(aliases)


def test_gazetteer_bad_alias_fails_loudly(tmp_path, monkeypatch):
    from detente.errors import DataFileError

    path = tmp_path / "places.yaml"
    path.write_text(yaml.safe_dump({"aliases": [{"id": "x", "names": ["X"], "to": {}}]}), encoding="utf-8")
    monkeypatch.setattr(gz, "PLACES", path)
    with pytest.raises(DataFileError):
        gz._read_aliases()


def test_gazetteer_validate_shipped_files_are_clean():
    from detente.geo import validate_geo_data

    assert validate_geo_data() == []


def test_gazetteer_validate_reports_file_line_field(tmp_path):
    from detente.geo import validate_geo_data

    places = tmp_path / "places.yaml"
    places.write_text("aliases:\n  - {id: a, names: [A], to: {country: XXX}}\n  - {id: a, names: [], to: {}}\n"
                      "location_prepositions: [in]\nplace_labels: [GPE]\n"
                      "former_states:\n  - {code: SUN, name: Soviet Union, members: {RUS: soon}}\n  - {code: X}\n",
                      encoding="utf-8")
    cents = tmp_path / "c.csv"
    cents.write_text("id,iso3,name,lat,lon\nusa,USA,US,38,-97\nusa,US,US,99,0\n", encoding="utf-8")
    errors = validate_geo_data(places, cents)
    assert f"{places}:2 [to.country] 'XXX' is not an ISO-3166 alpha-3 code" in errors
    assert any(e.startswith(f"{places}:3 [id]") for e in errors)
    assert any(e.startswith(f"{places}:3 [names]") for e in errors)
    assert any(e.startswith(f"{cents}:3 [id]") for e in errors)
    assert any(e.startswith(f"{cents}:3 [lat/lon]") for e in errors)
    assert any(e.startswith(f"{cents}:3 [iso3]") for e in errors)
    assert any("[former_states.SUN] 'RUS'" in e for e in errors)
    assert any("[former_states] {'code': 'X'}" in e for e in errors)
