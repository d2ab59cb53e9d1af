"""Hand-made Events for tests and demos: only the fields a check reads, the rest filled consistently."""
from __future__ import annotations

from typing import Any

from ..models import Event
from ..ontology import load_codebook


def make_event(*, cameo: str = "010", plover: str | None = None, source: str = "", target: str = "",
               sentence_index: int = 0, span_start: int = 0, trigger: str = "x", article_id: str = "a",
               confidence: float = 1.0, **fields: Any) -> Event:
    """An Event coded ``cameo`` (root, quad class, Goldstein and PLOVER type from the codebook unless
    given) between actor codes ``source`` and ``target`` (their countries are the first three letters).
    Any other Event field can be set by keyword; the event id is unique per distinct argument set."""
    code = load_codebook().get(cameo)
    values: dict[str, Any] = dict(
        article_id=article_id, sentence_index=sentence_index, sentence_text="", span_start=span_start,
        span_end=span_start + len(trigger), trigger=trigger, date=None, date_precision=None,
        source_code=source, source_country=source[:3], target_code=target, target_country=target[:3],
        cameo_code=cameo, cameo_root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
        plover_type=code.plover_type if plover is None else plover, plover_mode="", plover_context="",
        rule="test", confidence=confidence)
    values.update(fields)
    if "event_id" not in values:
        key = (article_id, sentence_index, span_start, cameo, values["plover_type"], source, target)
        values["event_id"] = "-".join(str(k) for k in key)
    return Event(**values)
