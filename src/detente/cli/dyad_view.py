"""What `detente dyad` counts beside its periods: the events that no period can hold.

A dyad timeline counts factual events per period, so two kinds of events between A and B fall outside it:
undated ones (the article had no publication date and the sentence no date of its own) and
non-factual ones (negated, future, hypothetical). `detente events --dyad A B` lists both, which is why
its count can be higher; the dyad output says how many of each there are rather than leaving them out
silently.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..store.filters import EventFilters


@dataclass
class DyadRest:
    """Counts of the dyad's events outside the timeline's periods (same dyad, direction and filters)."""

    undated: int = 0  # factual events without a date
    quad: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})  # of the undated
    goldstein_sum: float = 0.0  # of the undated
    not_factual: int = 0  # negated, future or hypothetical (dated or not)
    coarse: int = 0  # dated factual events known less precisely than a period (a year-only date by month)
    total: int = 0  # every event `detente events --dyad` lists with the same filters

    @property
    def goldstein_mean(self) -> float | None:
        return round(self.goldstein_sum / self.undated, 2) if self.undated else None

    def row(self) -> tuple[str, int, int, int, int, int, float | None]:
        """The table row ``undated`` in the columns of the timeline (period, events, q1..q4, Goldstein)."""
        return ("undated", self.undated, self.quad[1], self.quad[2], self.quad[3], self.quad[4], self.goldstein_mean)


#: How coarse each date precision and each period is: an event whose precision ranks above the
#: period's is counted in the period of its first day (a "2019" event in January 2019, by month).
_RANK = {"day": 0, "publication": 0, "week": 1, "month": 2, "year": 3}


def dyad_rest(store: Any, a: str, b: str, *, directed: bool, by: str = "month", since: dt.date | None = None,
              until: dt.date | None = None) -> DyadRest:
    """Count the dyad's undated factual events and its non-factual ones, through ``Store.event_rows``.

    Undated events have no place in a date range, so ``since``/``until`` bound only the non-factual count
    and ``total`` (as in `detente events --dyad A B --since ...`)."""
    rest = DyadRest()
    for e in store.event_rows(EventFilters(dyad=(a, b), directed=directed).validated()):
        dated = e.get("date") is not None
        in_range = dated and (since is None or _day(e["date"]) >= since) and (until is None or _day(e["date"]) <= until)
        if not e.get("factual"):
            if in_range or (not dated and since is None and until is None):
                rest.not_factual += 1
                rest.total += 1
            continue
        if not dated:
            rest.undated += 1
            rest.quad[int(e.get("quad_class") or 0)] = rest.quad.get(int(e.get("quad_class") or 0), 0) + 1
            rest.goldstein_sum += float(e.get("goldstein") or 0.0)
            if since is None and until is None:
                rest.total += 1
        elif in_range:
            rest.total += 1
            if _RANK.get(e.get("date_precision") or "day", 0) > _RANK.get(by, 0):
                rest.coarse += 1
    return rest


def _day(value: Any) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def dyad_caption(rest: DyadRest, a: str, b: str, directed: bool, dated_events: int, by: str = "month", *,
                 since: dt.date | None = None, until: dt.date | None = None) -> str:
    """Lines under the dyad table: what the periods count, and what they leave out and where it is."""
    lines = ["q1 verbal coop · q2 material coop · q3 verbal conflict · q4 material conflict"]
    left_out = []
    if rest.undated:
        left_out.append(f"{rest.undated:,} undated (no date: in no period)")
    if rest.not_factual:
        left_out.append(f"{rest.not_factual:,} not factual (negated, future or hypothetical)")
    if rest.coarse:
        lines.append(f"{rest.coarse:,} of the dated events are known only to a longer period than a {by}: "
                     "each is counted in the period of its first day")
    flags = "".join(f" {name} {value}" for name, value in (("--since", since), ("--until", until)) if value)
    listed = f"`detente events --dyad {a} {b}{' --directed' if directed else ''}{flags}`"
    if left_out:
        lines.append(f"periods count {dated_events:,} dated factual events; left out: {'; '.join(left_out)}. "
                     f"{listed} lists all {rest.total:,}.")
    return "\n".join(lines)


def period_label(period: Any, by: str) -> str:
    """A period as people write it: ``2019`` (year), ``2019-10`` (month), ``week of 2019-10-07``, ``2019-10-09``;
    anything that is not an ISO date (the ``undated`` row) as it is."""
    text = str(period)
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return text
    return {"year": f"{day.year}", "month": f"{day:%Y-%m}", "week": f"week of {day.isoformat()}"}.get(by, day.isoformat())
