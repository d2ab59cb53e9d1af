"""A report's place: a locative PP elsewhere in the sentence, and the place carried to later events."""
from __future__ import annotations

import datetime as dt

from detente.geo.carry import carry_locations
from detente.models import Event
from detente.pipeline import code_article
from detente.testing.events import make_event


def _event(si: int, start: int, place: str = "", country: str = "", historical: bool = False) -> Event:
    return make_event(cameo="140", plover="PROTEST", sentence_index=si, span_start=start, trigger="xxxx",
                      date_precision="publication", historical=historical, rule="t", confidence=0.5,
                      location_name=place, location_country=country, lat=1.0 if place else None,
                      lon=2.0 if place else None, event_id=f"e{si}{start}")


def test_a_place_carries_to_the_next_events_of_the_report_only():
    events = [_event(1, 10, "Kiel", "DEU"), _event(2, 50), _event(3, 90, historical=True), _event(9, 400)]
    out = carry_locations(events)
    assert (out[1].location_name, out[1].location_country, out[1].lat) == ("Kiel", "DEU", 1.0)
    assert "carried from sentence 1" in out[1].explanation["location"]
    assert out[2].location_country == ""  # a recalled event keeps no place of today's report
    assert out[3].location_country == ""  # too far from the last located event
    assert carry_locations([_event(2, 50), _event(1, 10, "Kiel", "DEU")])[0].location_country == "DEU"


def test_a_locative_pp_elsewhere_in_the_sentence_places_the_event():
    text = "Iraq said it had repelled an Iranian attack on positions held by its army in Basra."
    events = code_article(text, dt.date(1987, 3, 12))
    assert events and all(e.location_country == "IRQ" for e in events)
    assert "is in the sentence" in events[0].explanation["location"]
