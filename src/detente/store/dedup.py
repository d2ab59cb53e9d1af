"""Cross-article deduplication: which mentions report the same real-world event.

The rule (documented in docs/store.md):

* Mentions are grouped into *blocks* by (source_code, target_code, CAMEO base code = first 3 digits).
  Non-factual mentions (PLOVER mode negation/future/hypothetical) each get a block of their own, so they
  are never merged with anything.
* Inside a block, mentions are visited in a fixed order: finest date precision first, then
  (date, article_id, sentence_index, span_start, mention_id). Each mention joins the first earlier
  cluster whose *anchor* (first mention) has a compatible date and whose location is compatible;
  otherwise it starts a new cluster and becomes its anchor.
* Dates are compatible when both are day-precise and at most ``day_window`` days apart, or, when one is
  coarser (week/month/year), when both fall in the same period at the coarser precision. The date used
  is the *event* date (a historical recall carries the recalled date), so recalls join the original event.
* Locations are compatible when either location country is empty or both are equal (store/writer.py passes
  an inferred country, geo/infer.py, as empty).
* Undated mentions only merge with undated mentions of the same article.

The result depends only on the set of mentions in a block, never on batch boundaries or input order, so
the store can recompute a touched block from scratch after every batch and stay deterministic.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple

from ..dates.bounds import month_end, shift_days, week_start
from ..models import NON_FACTUAL_MODES, stable_id

#: Date precisions from fine to coarse; "publication" (the article date stood in) counts as a day.
PRECISION_RANK = {"day": 0, "publication": 0, None: 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True)
class DedupConfig:
    """Settings of the dedup rule. ``day_window``: max days between two day-precise reports."""

    day_window: int = 1


class MentionKey(NamedTuple):
    """What dedup needs to know about one mention."""

    mention_id: str
    article_id: str
    sentence_index: int
    span_start: int
    date: dt.date | None
    date_precision: str | None
    location_country: str
    source: str  # the article's source (outlet); used for num_sources


@dataclass
class Cluster:
    anchor: MentionKey
    location: str
    members: list[MentionKey] = field(default_factory=list)
    location_from: str = ""  # mention_id of the first member that gave a location country

    @property
    def event_id(self) -> str:
        return stable_id("event", self.anchor.mention_id)

    @property
    def num_mentions(self) -> int:
        return len(self.members)

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.members})

    @property
    def num_sources(self) -> int:
        # An article without a named source counts as a source of its own.
        return len({m.source or f"article:{m.article_id}" for m in self.members})


def cameo_base(code: str) -> str:
    """The CAMEO base code: the first three digits (a 2-digit root stays as is)."""
    return (code or "")[:3]


def block_key(source_code: str, target_code: str, cameo_code: str, plover_mode: str, mention_id: str) -> str:
    """The dedup block of a mention (see module docstring)."""
    if (plover_mode or "") in NON_FACTUAL_MODES:
        return f"nonfactual|{mention_id}"
    return f"{source_code or ''}|{target_code or ''}|{cameo_base(cameo_code)}"


def _rank(precision: str | None) -> int:
    return PRECISION_RANK.get(precision, 0)


def _period(d: dt.date, rank: int) -> tuple[int, ...]:
    if rank == 1:
        return tuple(d.isocalendar()[:2])
    if rank == 2:
        return (d.year, d.month)
    return (d.year,)


def dates_compatible(a: MentionKey, b: MentionKey, config: DedupConfig) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None and a.article_id == b.article_id
    rank = max(_rank(a.date_precision), _rank(b.date_precision))
    if rank == 0:
        return abs((a.date - b.date).days) <= config.day_window
    return _period(a.date, rank) == _period(b.date, rank)


def _sort_key(m: MentionKey) -> tuple[Any, ...]:
    return (_rank(m.date_precision), m.date is None, m.date or dt.date.min, m.article_id,
            m.sentence_index, m.span_start, m.mention_id)


def _candidate_dates(m: MentionKey, config: DedupConfig) -> Iterable[dt.date | None]:
    """Anchor dates that could be compatible with ``m`` (anchors are never coarser than m)."""
    if m.date is None:
        yield None
        return
    rank = _rank(m.date_precision)
    if rank == 0:  # clamped: 0001-01-01 and 9999-12-31 are valid dates (docs/reliability.md)
        lo, hi = shift_days(m.date, -config.day_window), shift_days(m.date, config.day_window)
    elif rank == 1:
        lo = week_start(m.date)
        hi = shift_days(lo, 6)
    elif rank == 2:
        lo, hi = m.date.replace(day=1), month_end(m.date)
    else:
        lo, hi = dt.date(m.date.year, 1, 1), dt.date(m.date.year, 12, 31)
    for n in range((hi - lo).days + 1):
        yield lo + dt.timedelta(days=n)


def cluster_block(mentions: Iterable[MentionKey], config: DedupConfig = DedupConfig()) -> list[Cluster]:
    """Group the mentions of one block into clusters (events); order-independent."""
    clusters: list[Cluster] = []
    by_anchor_date: dict[dt.date | None, list[int]] = {}
    for m in sorted(mentions, key=_sort_key):
        best: int | None = None
        for d in _candidate_dates(m, config):
            for i in by_anchor_date.get(d, ()):
                c = clusters[i]
                if (best is None or i < best) and dates_compatible(c.anchor, m, config) and (
                        not c.location or not m.location_country or c.location == m.location_country):
                    best = i
        if best is None:
            by_anchor_date.setdefault(m.date, []).append(len(clusters))
            clusters.append(Cluster(anchor=m, location=m.location_country, members=[m],
                                    location_from=m.mention_id if m.location_country else ""))
        else:
            c = clusters[best]
            c.members.append(m)
            if not c.location and m.location_country:
                c.location, c.location_from = m.location_country, m.mention_id
    return clusters
