"""A headline event the body repeats counts once (events/headline.py)."""
from __future__ import annotations

import datetime as dt

from detente.events.headline import drop_headline_repeats
from detente.models import Article, Event
from detente.pipeline import Coder, CoderSettings


def _event(si: int, plover: str, src: str, tgt: str) -> Event:
    return Event(event_id=f"{si}{plover}{src}{tgt}", article_id="a", sentence_index=si, sentence_text="",
                 span_start=si * 10, span_end=si * 10 + 3, trigger="x", date=None, date_precision="publication",
                 historical=False, source_code=src, source_country=src[:3], target_code=tgt,
                 target_country=tgt[:3], cameo_code="111", cameo_root="11", quad_class=3, goldstein=-2.0,
                 plover_type=plover, plover_mode="", plover_context="", rule="t", confidence=0.5)


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
