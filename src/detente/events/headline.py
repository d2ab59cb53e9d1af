"""An event the headline states and the body repeats counts once (issue #13).

"IRAN ACCUSES IRAQ OF SHELLING TOWNS" and, in the body, "Iran accused Iraq on Tuesday of shelling
...": one event, reported twice. The body's mention has the details (date, place, full actors), so
the headline's is dropped when a body event has its PLOVER type and agrees on the countries it names.
"""
from __future__ import annotations

from ..models import Event


def _agrees(head: str, body: str) -> bool:
    return not head or not body or head == body


def drop_headline_repeats(events: list[Event], has_title: bool) -> list[Event]:
    """``events`` without the headline's events that a body sentence repeats (sentence 0 = title)."""
    if not has_title:
        return events
    body = [e for e in events if e.sentence_index > 0 and e.plover_type]

    def repeated(h: Event) -> bool:
        return any(b.plover_type == h.plover_type and _agrees(h.source_country, b.source_country)
                   and _agrees(h.target_country, b.target_country) for b in body)

    return [e for e in events if e.sentence_index != 0 or not e.plover_type or not repeated(e)]
