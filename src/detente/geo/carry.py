"""A report's place carries to its later events that name none (like its date does).

News reports state the place once ("farmers marched through Kiel today ...") and go on without it
("the demonstrators burned effigies ...", "speakers at a rally called on the government ...").
An event with no place of its own takes the place of the nearest earlier located event of the same
article, at most MAX_GAP sentences back, when both are news of the day (neither recalled as
historical). Measured on gold/news dev (docs/accuracy.md).
"""
from __future__ import annotations

from ..models import Event

MAX_GAP = 3  # sentences


def carry_locations(events: list[Event], max_gap: int = MAX_GAP) -> list[Event]:
    """``events`` in the same order, unlocated ones given the report's place where it carries."""
    located = sorted((e.sentence_index, e.span_start, i) for i, e in enumerate(events)
                     if e.location_country and not e.historical)
    out = list(events)
    for i, e in enumerate(events):
        if e.location_country or e.historical:
            continue
        before = [(s, st, j) for s, st, j in located
                  if (s, st) < (e.sentence_index, e.span_start) and e.sentence_index - s <= max_gap]
        if not before:
            continue
        src = events[before[-1][2]]
        why = (f"no place of its own; carried from sentence {src.sentence_index} "
               f"('{src.location_name}', the report's place)")
        out[i] = e.model_copy(update={
            "location_name": src.location_name, "location_country": src.location_country,
            "lat": src.lat, "lon": src.lon, "explanation": {**e.explanation, "location": why}})
    return out
