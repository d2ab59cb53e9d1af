"""Scoring predicted events against gold records (the metrics of issue #4).

Matching is per sentence (record). A predicted event may stand for a gold event only when their
auxiliary modes agree: a plain (factual) gold event is matched only by factual predictions, a
"negation" gold event only by a "negation" prediction. In records whose gold does not code modes
(the PLOVER GSR), non-factual predictions are left out of the scoring altogether.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..models import Event
from ..ontology import PLOVER_TYPES
from .gold import GoldActor, GoldEvent, GoldRecord, load_rules, normalize_code

NONE_LABEL = "(none)"  # confusion-matrix row/column for "no gold event" / "no prediction"


def _aux(mode: str) -> str:
    """The auxiliary mode that decides eligibility ("" for factual)."""
    return mode if mode in load_rules().non_factual_modes else ""


def country_match(gold: GoldActor, pred_code: str) -> bool:
    pred = normalize_code(pred_code)
    if not pred:
        return False
    if gold.generic:
        return pred[:3] in load_rules().generic_families.get(gold.country, frozenset([gold.country]))
    return pred[:3] == gold.country


def code_match(gold: GoldActor, pred_code: str) -> bool:
    pred = normalize_code(pred_code)
    if not country_match(gold, pred):
        return False
    if gold.generic:  # IGO + optional sector: the sector may sit anywhere after the family prefix
        chunks = {pred[i:i + 3] for i in range(3, len(pred), 3)}
        return not gold.agent or gold.agent in chunks
    return pred[:6] == gold.code[:6]


def any_country(golds: Sequence[GoldActor], pred_code: str) -> bool:
    return any(country_match(g, pred_code) for g in golds)


def any_code(golds: Sequence[GoldActor], pred_code: str) -> bool:
    return any(code_match(g, pred_code) for g in golds)


def eligible(gold: GoldEvent, pred: Event) -> bool:
    return _aux(gold.mode) == _aux(pred.plover_mode)


def full_match(gold: GoldEvent, pred: Event) -> bool:
    """Type + source country + target country (a gold event without target: type + source)."""
    if not eligible(gold, pred) or pred.plover_type != gold.plover:
        return False
    if gold.sources and not any_country(gold.sources, pred.source_code):
        return False
    return not gold.targets or any_country(gold.targets, pred.target_code)


@dataclass
class PRF:
    """Counts behind precision/recall; None where a denominator is zero."""

    tp_pred: int = 0  # correct predictions
    n_pred: int = 0
    tp_gold: int = 0  # found gold events
    n_gold: int = 0

    def as_dict(self) -> dict[str, float | None]:
        p = self.tp_pred / self.n_pred if self.n_pred else None
        r = self.tp_gold / self.n_gold if self.n_gold else None
        if p is None and r is None:
            f1 = None
        elif p is None or r is None:  # predictions but no gold, or gold but no predictions
            f1 = 0.0
        else:
            f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": _r(p), "recall": _r(r), "f1": _r(f1)}


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hits += bool(ok)

    @property
    def value(self) -> float | None:
        return _r(self.hits / self.total) if self.total else None


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass
class Scores:
    n: int = 0
    event_type: PRF = field(default_factory=PRF)
    cameo_root: PRF = field(default_factory=PRF)
    full_event: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    source_country: Ratio = field(default_factory=Ratio)
    source_code: Ratio = field(default_factory=Ratio)
    target_country: Ratio = field(default_factory=Ratio)
    target_code: Ratio = field(default_factory=Ratio)
    date: Ratio = field(default_factory=Ratio)
    historical: Ratio = field(default_factory=Ratio)
    location_country: Ratio = field(default_factory=Ratio)
    # (confidence, type right?) for every scored typed prediction: AUC and reliability table
    confidence: list[tuple[float, bool]] = field(default_factory=list)
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    actor_errors: list[dict[str, Any]] = field(default_factory=list)
    # type-matched gold events whose best prediction has the wrong date or place (error analysis)
    date_errors: list[dict[str, Any]] = field(default_factory=list)
    location_errors: list[dict[str, Any]] = field(default_factory=list)
    coder_errors: list[str] = field(default_factory=list)
    n_gold: int = 0
    n_pred: int = 0


def scored_predictions(record: GoldRecord, preds: Sequence[Event]) -> list[Event]:
    """The predictions that count for this record (see module docstring)."""
    return [p for p in preds if record.modes_annotated or not _aux(p.plover_mode)]


def score_record(scores: Scores, record: GoldRecord, preds: Sequence[Event]) -> None:
    """Add one sentence's gold events and predictions to ``scores``."""
    scores.n += 1
    preds = scored_predictions(record, preds)
    typed = [p for p in preds if p.plover_type]  # CAMEO-only events (e.g. 01x) have no PLOVER type
    scores.n_gold += len(record.events)
    scores.n_pred += len(typed)
    _score_types(scores, record, typed)
    _score_cameo(scores, record, preds)
    _score_full(scores, record, typed)
    for gold in record.events:
        _score_actors_and_date(scores, record, gold, typed)


def _score_types(scores: Scores, record: GoldRecord, typed: list[Event]) -> None:
    for gold in record.events:
        found = any(eligible(gold, p) and p.plover_type == gold.plover for p in typed)
        for prf in (scores.event_type, scores.by_type[gold.plover]):
            prf.n_gold += 1
            prf.tp_gold += found
        if found:
            scores.confusion[gold.plover][gold.plover] += 1
            continue
        # Confused with: predicted types that no gold event of this sentence explains.
        unexplained = sorted({p.plover_type for p in typed if eligible(gold, p)
                              and not any(eligible(g, p) and g.plover == p.plover_type for g in record.events)})
        for t in unexplained or [NONE_LABEL]:
            scores.confusion[gold.plover][t] += 1
        scores.misses.append({**_rec(record), "type": gold.plover, "cameo": gold.cameo,
                              "mode": gold.mode, "source": _codes(gold.sources), "target": _codes(gold.targets),
                              "predicted": sorted({p.plover_type + (f" ({p.plover_mode})" if _aux(p.plover_mode) else "")
                                                   for p in typed})})
    for p in typed:
        ok = any(eligible(g, p) and g.plover == p.plover_type for g in record.events)
        scores.confidence.append((float(p.confidence or 0.0), ok))
        for prf in (scores.event_type, scores.by_type[p.plover_type]):
            prf.n_pred += 1
            prf.tp_pred += ok
        if not ok:
            if not record.events:
                scores.confusion[NONE_LABEL][p.plover_type] += 1
            scores.false_alarms.append({**_rec(record), **_pred(p),
                                        "gold": [g.plover for g in record.events]})


def _score_cameo(scores: Scores, record: GoldRecord, preds: list[Event]) -> None:
    # Only sentences whose every gold event carries a CAMEO code can be scored at CAMEO level.
    if not record.modes_annotated or not all(g.cameo for g in record.events):
        return
    prf = scores.cameo_root
    for gold in record.events:
        prf.n_gold += 1
        prf.tp_gold += any(eligible(gold, p) and p.cameo_root == gold.cameo_root for p in preds)
    for p in preds:
        prf.n_pred += 1
        prf.tp_pred += any(eligible(g, p) and g.cameo_root == p.cameo_root for g in record.events)


def _score_full(scores: Scores, record: GoldRecord, typed: list[Event]) -> None:
    prf = scores.full_event
    for gold in record.events:
        prf.n_gold += 1
        prf.tp_gold += any(full_match(gold, p) for p in typed)
    for p in typed:
        prf.n_pred += 1
        prf.tp_pred += any(full_match(g, p) for g in record.events)


def _best(gold: GoldEvent, candidates: list[Event]) -> Event:
    """The prediction that best fits a type-matched gold event (country agreement first)."""
    def fit(p: Event) -> tuple[int, int]:
        country = any_country(gold.sources, p.source_code) + any_country(gold.targets, p.target_code)
        code = any_code(gold.sources, p.source_code) + any_code(gold.targets, p.target_code)
        return country, code
    return max(candidates, key=fit)  # max keeps the first of equals: coder order decides ties


def _score_actors_and_date(scores: Scores, record: GoldRecord, gold: GoldEvent,
                           typed: list[Event]) -> None:
    candidates = [p for p in typed if eligible(gold, p) and p.plover_type == gold.plover]
    if not candidates:
        return
    best = _best(gold, candidates)
    wrong = []
    if gold.sources:
        ok = any_country(gold.sources, best.source_code)
        scores.source_country.add(ok)
        scores.source_code.add(any_code(gold.sources, best.source_code))
        wrong += [] if ok else ["source"]
    if gold.targets:
        ok = any_country(gold.targets, best.target_code)
        scores.target_country.add(ok)
        scores.target_code.add(any_code(gold.targets, best.target_code))
        wrong += [] if ok else ["target"]
    if gold.date is not None:
        scores.date.add(best.date == gold.date)
        if best.date != gold.date:
            scores.date_errors.append({**_rec(record), "type": gold.plover, "gold": str(gold.date),
                                       "predicted": str(best.date or ""), "trigger": best.trigger,
                                       "historical": bool(best.historical), "publication": str(record.date or "")})
    if gold.historical is not None:
        scores.historical.add(bool(best.historical) == gold.historical)
    if gold.location_country:
        scores.location_country.add(best.location_country == gold.location_country)
        if best.location_country != gold.location_country:
            scores.location_errors.append({**_rec(record), "type": gold.plover, "gold": gold.location_country,
                                           "predicted": best.location_country or "",
                                           "place": best.location_name or ""})
    if wrong:
        scores.actor_errors.append({**_rec(record), "type": gold.plover, "wrong": wrong,
                                    "gold_source": _codes(gold.sources), "gold_target": _codes(gold.targets),
                                    "source": best.source_code, "target": best.target_code})


def _rec(record: GoldRecord) -> dict[str, str]:
    return {"id": record.id, "origin": record.origin, "text": record.text}


def _pred(p: Event) -> dict[str, str]:
    return {"type": p.plover_type, "cameo": p.cameo_code, "mode": p.plover_mode, "trigger": p.trigger,
            "source": p.source_code, "target": p.target_code, "rule": p.rule}


def _codes(actors: Sequence[GoldActor]) -> list[str]:
    return [a.code for a in actors]


def summary(scores: Scores) -> dict[str, Any]:
    """The `--json` object: the keys issue #4 requires, then a few extras."""
    by_type = {}
    for t in PLOVER_TYPES:
        prf = scores.by_type.get(t)
        if prf and (prf.n_gold or prf.n_pred):
            by_type[t] = {**prf.as_dict(), "support": prf.n_gold}
    labels = [*PLOVER_TYPES, NONE_LABEL]
    confusion = {g: {p: scores.confusion[g][p] for p in labels if scores.confusion[g][p]}
                 for g in labels if g in scores.confusion}
    return {
        "n": scores.n,
        "event_type": scores.event_type.as_dict(),
        "cameo_root": scores.cameo_root.as_dict(),
        "source_actor": {"country_accuracy": scores.source_country.value,
                         "code_accuracy": scores.source_code.value},
        "target_actor": {"country_accuracy": scores.target_country.value,
                         "code_accuracy": scores.target_code.value},
        "full_event": scores.full_event.as_dict(),
        "by_type": by_type,
        "date_accuracy": scores.date.value,
        "historical_accuracy": scores.historical.value,
        "location_country_accuracy": scores.location_country.value,
        "confidence": confidence_summary(scores.confidence),
        "gold_events": scores.n_gold,
        "predicted_events": scores.n_pred,
        "coder_errors": len(scores.coder_errors),
        "confusion": confusion,
    }


def auc(pairs: Sequence[tuple[float, bool]]) -> float | None:
    """Probability that a right prediction has a higher confidence than a wrong one (ties count half)."""
    pos = sorted(c for c, ok in pairs if ok)
    neg = sorted(c for c, ok in pairs if not ok)
    if not pos or not neg:
        return None
    from bisect import bisect_left, bisect_right
    wins = sum(bisect_left(neg, c) + 0.5 * (bisect_right(neg, c) - bisect_left(neg, c)) for c in pos)
    return _r(wins / (len(pos) * len(neg)))


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = 5) -> list[dict[str, Any]]:
    """Confidence bins against the observed precision of the predictions in them."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [ok for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c >= hi)]
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                     "precision": _r(sum(inside) / len(inside)) if inside else None})
    return rows


def confidence_summary(pairs: Sequence[tuple[float, bool]]) -> dict[str, Any]:
    return {"auc": auc(pairs), "reliability": reliability(pairs)}
