"""One sentence splitter (nlp.segment): the store's sentence count and the fixture coder use the coder's own."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from detente.models import Article
from detente.nlp.layout import build_layout
from detente.nlp.segment import split_sentences
from detente.store import Store
from detente.store.writer import count_sentences
from detente.testing.fixtures import FIXTURE_DIR, FixtureCoder, load_articles

ARTICLE = Article(id="a1", title="Title line", date=dt.date(2025, 3, 26), origin="test:a1",
                  text="The U.S. envoy met Mr. Lavrov on Jan. 5. Prices rose 2 pct. Iran condemned it.")


def test_segment_users_store_counts_the_sentences_the_coder_numbers(tmp_path: Path) -> None:
    # abbreviations do not end a sentence, the title is one
    assert count_sentences(ARTICLE) == len(split_sentences(ARTICLE.body)) == build_layout(ARTICLE.body).n_sentences == 4
    assert count_sentences(Article(id="blank", text=" ")) == 1
    store = Store(tmp_path / "t.duckdb")
    try:
        store.ingest([ARTICLE], FixtureCoder([]))
        assert list(store.query("SELECT n_sentences FROM articles WHERE article_id = 'a1'")) == [(4,)]
    finally:
        store.close()


def test_segment_users_fixture_coder_numbers_sentences_like_the_coder() -> None:
    coder = FixtureCoder()
    n_events = 0
    for article in load_articles(FIXTURE_DIR / "articles.jsonl"):
        segments = split_sentences(article.body)
        for event in coder.code(article):
            n_events += 1
            segment = segments[event.sentence_index]
            assert event.sentence_text == segment.text
            assert segment.start <= event.span_start < event.span_end <= segment.end
            assert article.body[event.span_start:event.span_end] == event.trigger
    assert n_events >= 6
