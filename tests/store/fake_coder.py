"""A tiny deterministic coder with the shape of detente.pipeline.Coder, for store tests.

Each line of an article's text of the form
    EVENT <source> <target> <cameo> <date|-> <precision> [mode=<m>] [loc=<ISO3>] [why=<reason_for_source>]
becomes one Event (sentence_index = line number; explanation: the line, and ``why`` with _ as spaces as
the reason for the source; ``inferred=1``: the place was inferred, geo/infer.py); a line "FAIL" makes the
article fail.
Everything else is ignored. ``DETENTE_FAKE_CODER_DELAY`` (seconds per article) slows it down.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from typing import Iterable, Iterator

from detente.models import INFERRED_LOCATION, Article, Event, stable_id
from detente.ontology import load_codebook


class FakeCoder:
    def __init__(self, **_: object):
        self.book = load_codebook()
        self.delay = float(os.environ.get("DETENTE_FAKE_CODER_DELAY", "0") or 0)

    def code(self, article: Article) -> list[Event]:
        events: list[Event] = []
        offset = 0
        for i, line in enumerate(article.text.split("\n")):
            start = offset
            offset += len(line) + 1
            parts = line.split()
            if parts == ["FAIL"]:
                raise ValueError(f"cannot code {article.id}")
            if len(parts) < 6 or parts[0] != "EVENT":
                continue
            src, tgt, code, date, prec, *extra = parts[1:]
            opts = dict(x.split("=", 1) for x in extra)
            c = self.book.get(code)
            events.append(Event(
                event_id=stable_id(article.id, i, start, code), article_id=article.id, sentence_index=i,
                sentence_text=line, span_start=start, span_end=start + len(line), trigger="EVENT",
                date=None if date == "-" else dt.date.fromisoformat(date),
                date_precision=None if date == "-" else prec, historical=opts.get("hist") == "1",
                source_code=src, source_country=src[:3], source_agent=src[3:6], source_name=src,
                source_text=src, target_code=tgt, target_country=tgt[:3], target_agent=tgt[3:6],
                target_name=tgt, target_text=tgt, cameo_code=code, cameo_root=c.root, quad_class=c.quad_class,
                goldstein=c.goldstein, plover_type=c.plover_type, plover_mode=opts.get("mode", c.plover_mode),
                plover_context=c.plover_context, location_name=opts.get("loc", ""),
                location_country=opts.get("loc", ""), lat=float(opts["lat"]) if "lat" in opts else None,
                lon=float(opts["lon"]) if "lon" in opts else None, rule="fake",
                confidence=float(opts.get("conf", 0.9)),
                explanation={"trigger": f"line {i}: EVENT -> CAMEO {code}",
                             **({"source": opts["why"].replace("_", " ")} if "why" in opts else {}),
                             **({"location": f"{INFERRED_LOCATION} {opts.get('loc', '')}: a test guess"}
                                if opts.get("inferred") == "1" else {})}))
        return events

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        for a in articles:
            if self.delay:
                time.sleep(self.delay)
            try:
                yield a, self.code(a)
            except Exception as exc:  # one bad article never stops the batch
                yield a, exc
