"""The real-news gold (gold/news/): the frozen test split, the file format and its scoring by sentence."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from detente.evaluation import evaluate
from detente.evaluation.gold import read_gold
from detente.models import Event
from detente.testing.events import make_event

NEWS = Path(__file__).resolve().parents[2] / "gold" / "news"
TEST_SHA256 = "697b404e95f0e948f58c1710418dfaef8ee6ed64e903860f7696252a0b23c532"


def test_the_test_split_is_frozen():
    digest = hashlib.sha256((NEWS / "test.jsonl").read_bytes()).hexdigest()
    assert digest == TEST_SHA256, "gold/news/test.jsonl changed: it is frozen (docs/accuracy.md)"


def test_news_gold_files_parse_without_problems_and_sentences_are_verbatim():
    gold = read_gold(sorted(NEWS.glob("*.jsonl")))
    assert not gold.problems
    test = [r for r in gold.records if r.origin.startswith(str(NEWS / "test.jsonl"))]
    assert len(test) >= 80 and sum(len(r.sentences) for r in test) >= 600
    for rec in gold.records:
        body = f"{rec.title}\n\n{rec.text}" if rec.title else rec.text
        for s in rec.sentences:
            assert body[s.start:s.end] == s.text


def _event(aid: str, start: int, plover: str, source: str, target: str, confidence: float) -> Event:
    return make_event(cameo="111", plover=plover, source=source, target=target, article_id=aid, span_start=start,
                      date_precision="publication", rule="t", confidence=confidence, event_id=f"{aid}{start}")


def test_predictions_are_scored_in_the_sentence_that_holds_their_trigger(tmp_path):
    title, text = "Iran accuses Iraq", "Iran accused Iraq of shelling. Markets rose. Later text."
    rec = {"id": "a1", "title": title, "date": "1987-03-10", "source": "T", "text": text,
           "sentences": [title, "Iran accused Iraq of shelling.", "Markets rose."],
           "events": [{"sentence": "Iran accused Iraq of shelling.", "plover": "ACCUSE", "cameo": "112",
                       "mode": "", "historical": False, "date": None, "trigger": "accused",
                       "source": "IRNGOV", "target": ["IRQ", "IRQGOV"], "location": None}]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    body = f"{title}\n\n{text}"
    preds = [_event("a1", body.index("accused"), "ACCUSE", "IRNGOV", "IRQGOV", 0.9),   # right
             _event("a1", body.index("Markets"), "PROTEST", "USA", "", 0.2),           # false alarm
             _event("a1", body.index("Later"), "ASSAULT", "USA", "IRQ", 0.5)]           # not annotated

    def coder(text, date=None, title=None, id=None):
        assert date == dt.date(1987, 3, 10) and title == "Iran accuses Iraq"
        return preds

    s = evaluate([path], coder=coder).summary()
    assert s["n"] == 3  # one scoring unit per annotated sentence
    assert s["event_type"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert s["full_event"]["recall"] == 1.0
    assert s["confidence"]["auc"] == 1.0


def test_wrong_dates_and_places_are_listed_for_error_analysis(tmp_path):
    from detente.evaluation.report import markdown_report
    text = "Iran shelled Basra yesterday."
    rec = {"id": "a2", "title": "", "date": "1987-03-10", "source": "T", "text": text, "sentences": [text],
           "events": [{"sentence": text, "plover": "ASSAULT", "cameo": "195", "mode": "", "historical": False,
                       "date": "1987-03-09", "trigger": "shelled", "source": "IRNMIL", "target": "IRQ",
                       "location": {"name": "Basra", "country": "IRQ"}}]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    pred = make_event(cameo="195", source="IRNMIL", target="IRQ", article_id="a2", trigger="shelled",
                      span_start=text.index("shelled"), date=dt.date(1987, 3, 10), date_precision="publication",
                      location_country="IRN", location_name="Iran", rule="t", event_id="p")
    result = evaluate([path], coder=lambda *a, **k: [pred])
    assert result.summary()["date_accuracy"] == 0.0
    assert [(d["gold"], d["predicted"]) for d in result.scores.date_errors] == [("1987-03-09", "1987-03-10")]
    assert [(d["gold"], d["predicted"]) for d in result.scores.location_errors] == [("IRQ", "IRN")]
    report = markdown_report(result)
    assert "## Date errors (1)" in report and "## Location errors (1)" in report
