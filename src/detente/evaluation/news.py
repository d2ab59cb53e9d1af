"""Real-news gold (gold/news/*.jsonl): whole articles whose listed sentences are annotated.

One record per article: ``{"id", "title", "date", "source", "text", "sentences": [...], "events":
[{"sentence", "plover", "cameo", "mode", "historical", "date", "trigger", "source", "target",
"location"}]}`` (docs/annotation.md). The coder reads the whole article; a prediction counts for
the annotated sentence that holds the start of its trigger span, and predictions outside the
annotated sentences are not scored. A listed sentence with no gold event is a true non-event.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from ..models import Event
    from .gold import GoldEvent, GoldRecord

FORMAT_NEWS = "news"


@dataclass(frozen=True)
class GoldSentence:
    index: int
    text: str
    start: int  # offsets in the article body (title + blank line + text), as the coder's spans
    end: int
    events: tuple[GoldEvent, ...]


def article_body(title: str | None, text: str) -> str:
    """The string the coder's character offsets refer to (models.Article.body)."""
    return f"{title}\n\n{text}" if title else text


def parse_news(obj: dict[str, Any], rec_id: str, text: str, origin: str) -> GoldRecord:
    from .gold import GoldError, GoldRecord, _parse_date, _parse_event

    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    sentences = obj["sentences"]
    if not sentences or not all(isinstance(s, str) and s.strip() for s in sentences):
        raise GoldError("'sentences' must be a non-empty list of strings")
    body = article_body(title, text)
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, sent in enumerate(sentences):
        start = body.find(sent, pos)
        if start < 0:
            start = body.find(sent)
        if start < 0:
            raise GoldError(f"sentence {i} is not verbatim in the title or text: {sent[:60]!r}")
        spans.append((start, start + len(sent)))
        pos = start + len(sent)
    by_sentence: dict[int, list[GoldEvent]] = {i: [] for i in range(len(sentences))}
    all_events = []
    for n, ev in enumerate(obj["events"]):
        if not isinstance(ev, dict) or ev.get("sentence") not in sentences:
            raise GoldError(f"event {n}: its 'sentence' is not one of the record's sentences")
        gold = _parse_event(ev, n)
        by_sentence[sentences.index(ev["sentence"])].append(gold)
        all_events.append(gold)
    gold_sentences = tuple(GoldSentence(i, s, *spans[i], tuple(by_sentence[i])) for i, s in enumerate(sentences))
    return GoldRecord(id=rec_id, text=text, date=_parse_date(obj.get("date"), "date"), events=tuple(all_events),
                      origin=origin, format=FORMAT_NEWS, modes_annotated=True, title=title, sentences=gold_sentences)


def sentence_records(record: GoldRecord, preds: Sequence[Event]) -> list[tuple[GoldRecord, list[Event]]]:
    """One scoring unit per annotated sentence, with the predictions whose trigger starts in it."""
    out = []
    for sent in record.sentences:
        inside = [p for p in preds if p.span_start is not None and sent.start <= p.span_start < sent.end]
        unit = replace(record, id=f"{record.id}#s{sent.index}", text=sent.text, events=sent.events,
                       sentences=(), origin=f"{record.origin} s{sent.index}")
        out.append((unit, inside))
    return out
