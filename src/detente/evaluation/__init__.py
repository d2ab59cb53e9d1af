"""`detente eval`: code gold sentences in one batched pass and score them (issue #4).

    from detente.evaluation import evaluate
    result = evaluate(["gold/detente_gold.jsonl"])         # the real coder
    result = evaluate(records, coder=FakeCoder())           # any object with code_many(), or a callable
    result.summary()["event_type"]["f1"]

The coder is injectable so that metrics can be tested without a spaCy model.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

from ..errors import UsageError
from ..models import Article, Event
from .gold import GoldRecord, GoldSet, read_gold
from .news import sentence_records
from .scoring import Scores, score_record, summary

__all__ = ["EvalResult", "evaluate", "read_gold", "records_to_articles", "GoldRecord", "GoldSet"]


class BatchCoder(Protocol):
    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]: ...


#: A coder is a BatchCoder or a function like ``code_article(text, date=, title=, id=)``.
CoderLike = BatchCoder | Callable[..., list[Event]]


@dataclass
class EvalResult:
    scores: Scores
    problems: list[str] = field(default_factory=list)  # bad gold lines, "file:line [id] message"
    seconds: float = 0.0
    sources: list[str] = field(default_factory=list)  # the gold files scored

    def summary(self) -> dict[str, Any]:
        return {**summary(self.scores), "seconds": round(self.seconds, 2), "skipped": len(self.problems)}


def records_to_articles(records: Sequence[GoldRecord]) -> list[Article]:
    """One Article per gold record; ids are made unique so that results map back by position."""
    seen: set[str] = set()
    articles = []
    for i, rec in enumerate(records):
        aid = rec.id if rec.id not in seen else f"{rec.id}#{i}"
        seen.add(aid)
        articles.append(Article(id=aid, text=rec.text, title=rec.title, date=rec.date, origin=rec.origin))
    return articles


def _default_coder() -> BatchCoder:
    try:
        from ..pipeline import Coder  # imported late: it loads spaCy and the dictionaries
    except ImportError as exc:
        raise UsageError(f"the event coder is not available: {exc}") from None
    return Coder()


def _code_all(coder: CoderLike, articles: list[Article]) -> list[list[Event] | Exception]:
    if hasattr(coder, "code_many"):
        out: list[list[Event] | Exception] = [[] for _ in articles]
        index = {a.id: i for i, a in enumerate(articles)}
        for article, result in coder.code_many(articles):
            out[index[article.id]] = result
        return out
    results: list[list[Event] | Exception] = []
    for a in articles:  # a plain function: one call per sentence
        try:
            results.append(list(coder(a.text, date=a.date, title=a.title, id=a.id)))
        except Exception as exc:  # noqa: BLE001 - one failing sentence must not stop the run
            results.append(exc)
    return results


def evaluate(gold: Iterable[str | Path] | Sequence[GoldRecord] | GoldSet, coder: CoderLike | None = None,
             *, limit: int | None = None) -> EvalResult:
    """Code every gold sentence (one batched pass) and score the predictions.

    ``gold`` is gold file paths, already-read records, or a GoldSet. ``coder`` defaults to
    ``detente.pipeline.Coder()``. Bad gold lines land in ``result.problems`` and are skipped.
    """
    start = time.perf_counter()
    gold_set, sources = _as_gold_set(gold, limit)
    records = gold_set.records
    scores = Scores()
    if records:
        coder = coder if coder is not None else _default_coder()
        results = _code_all(coder, records_to_articles(records))
        for rec, result in zip(records, results):
            if isinstance(result, Exception):
                scores.coder_errors.append(f"{rec.origin} [{rec.id}] coder failed: {result}")
                result = []
            if rec.sentences:  # a news article: each annotated sentence is scored on its own
                for unit, preds in sentence_records(rec, result):
                    score_record(scores, unit, preds)
            else:
                score_record(scores, rec, result)
    return EvalResult(scores=scores, problems=gold_set.problems, seconds=time.perf_counter() - start,
                      sources=sources)


def _as_gold_set(gold: Any, limit: int | None) -> tuple[GoldSet, list[str]]:
    if isinstance(gold, GoldSet):
        return GoldSet(gold.records[:limit], list(gold.problems)), []
    items = list(gold)
    if items and all(isinstance(x, GoldRecord) for x in items):
        return GoldSet(items[:limit]), []
    paths = [Path(x) for x in items]
    return read_gold(paths, limit=limit), [str(p) for p in paths]
