"""Picklable stand-in coders for the scale tests (worker processes import this module by name).

``ScriptedCoder`` codes an article with the real coder's shape but no model: one ``Event`` per line
"EVENT <cameo>"; a line "FAIL" raises, "CRASH" kills the worker process, "SLOW <s>" sleeps.
"""
from __future__ import annotations

import os
import time
from typing import Iterable, Iterator

from detente.models import Article, Event, stable_id


class Unpicklable(Exception):
    def __init__(self, a, b):  # two required args: pickle cannot rebuild it from .args
        super().__init__(f"{a}/{b}")
        self.lock = __import__("threading").Lock()


class ScriptedCoder:
    def code(self, article: Article) -> list[Event]:
        events: list[Event] = []
        for i, line in enumerate(article.text.split("\n")):
            word, *rest = line.split() or [""]
            if word == "FAIL":
                raise ValueError(f"cannot code {article.id}")
            if word == "UNPICKLABLE":
                raise Unpicklable(1, 2)
            if word == "CRASH":
                os._exit(3)
            if word == "SLOW":
                time.sleep(float(rest[0]))
            if word == "EVENT":
                events.append(Event(
                    event_id=stable_id(article.id, i, rest[0]), article_id=article.id, sentence_index=i,
                    sentence_text=line, span_start=0, span_end=5, trigger="EVENT", date=article.date,
                    date_precision="publication" if article.date else None, cameo_code=rest[0],
                    cameo_root=rest[0][:2], quad_class=1, goldstein=1.0, rule="scripted", confidence=0.5,
                    explanation={"trigger": f"line {i}"}))
        return events

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        for a in articles:
            try:
                yield a, self.code(a)
            except Exception as exc:
                yield a, exc


def scripted_coder() -> ScriptedCoder:
    return ScriptedCoder()


def broken_coder() -> ScriptedCoder:
    raise RuntimeError("dictionary file is broken")


def article(i: int, text: str) -> Article:
    return Article(id=f"a{i:04d}", text=text, title=f"Article {i}")
