"""A small store for the analysis routes: events around a year boundary, at every date precision,
undated, and at low confidence; built with the store tests' fake coder (EVENT lines, no NLP)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from fake_coder import FakeCoder  # noqa: E402

from detente.models import Article  # noqa: E402
from detente.store import Store  # noqa: E402

#: (source, target, cameo, date or "-", precision, confidence); one article each, so nothing merges.
EVENTS = [
    ("TURGOV", "GRCGOV", "111", "2019-12-23", "day", 0.9),     # ISO week 2019-W52
    ("TURGOV", "USAGOV", "042", "2019-12-30", "day", 0.9),     # a Monday in ISO week 2020-W01
    ("USAGOV", "TURGOV", "163", "2020-01-13", "day", 0.3),     # 2020-W03: 2020-W02 is empty
    ("TUR", "USA", "036", "2019-12-01", "month", 0.9),         # placed by month and year, not by week
    ("TUR", "USA", "043", "2019-01-01", "year", 0.9),          # placed by year only
    ("TURMIL", "SYR", "190", "-", "day", 0.9),                 # undated
    ("RUSGOV", "UKRGOV", "112", "2020-02-03", "day", 0.9),     # not Turkey
]


def write_analysis_store(path: Path) -> Path:
    articles = []
    for i, (src, tgt, code, date, prec, conf) in enumerate(EVENTS):
        text = f"Lead sentence of article a{i}.\nEVENT {src} {tgt} {code} {date} {prec} conf={conf}"
        articles.append(Article(id=f"a{i}", text=text, title=f"Title a{i}", date=dt.date(2020, 3, 1),
                                source="Wire" if i % 2 else None, url=f"https://news.example/a{i}",
                                origin=f"test:a{i}"))
    with Store(path) as store:
        store.ingest(articles, FakeCoder())
    return path
