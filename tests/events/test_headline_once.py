"""A headline event the body repeats counts once (events/headline.py)."""
from __future__ import annotations

import datetime as dt

from detente.events.headline import drop_headline_repeats
from detente.models import Article, Event
from detente.testing.events import make_event
from detente.pipeline import Coder, CoderSettings


def _event(si: int, plover: str, src: str, tgt: str) -> Event:
    return make_event(cameo="111", plover=plover, source=src, target=tgt, sentence_index=si, span_start=si * 10,
                      date_precision="publication", rule="t", confidence=0.5, event_id=f"{si}{plover}{src}{tgt}")


def test_the_headline_copy_of_a_body_event_is_dropped_and_others_stay():
    events = [_event(0, "ACCUSE", "IRN", "IRQ"), _event(0, "THREATEN", "IRN", "IRQ"),
              _event(0, "ACCUSE", "USA", ""), _event(2, "ACCUSE", "IRNGOV", "IRQGOV")]
    kept = drop_headline_repeats(events, has_title=True)
    assert [(e.sentence_index, e.plover_type, e.source_country) for e in kept] == [
        (0, "THREATEN", "IRN"), (0, "ACCUSE", "USA"), (2, "ACCUSE", "IRN")]  # other type or other source stay
    assert drop_headline_repeats(events, has_title=False) == events  # sentence 0 is then body text


def test_the_coder_counts_a_headline_event_once():
    art = Article(id="h", title="Iran accuses Iraq of shelling border towns",
                  text="Iran on Tuesday accused Iraq of shelling two border towns, the news agency said.",
                  date=dt.date(1987, 3, 11))
    both = Coder(settings=CoderSettings(headline_once=False)).code(art)
    once = Coder().code(art)
    assert {e.sentence_index for e in both if e.plover_type == "ACCUSE"} == {0, 1}
    assert {e.sentence_index for e in once if e.plover_type == "ACCUSE"} == {1}
