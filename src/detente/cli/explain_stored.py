"""`detente explain --event ID`: the reasons the store kept for each report of a stored event.

The store keeps every mention's explanation (mentions.explanation, schema version 2), so a stored event
is explained as it was coded — with what the coder inferred from earlier sentences — without the article
text or the NLP models.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from ..errors import DetenteError
from ..models import Event
from ..ontology import load_codebook
from .coding import explain_panel, fail
from .safe_text import safe

#: Said under a report stored before the store kept the coder's reasons.
NO_REASONS = ("no reasons stored for this report (it was stored before Détente kept them): "
              "`detente explain FILE` re-codes its article")


def mention_event(event: dict[str, Any], m: dict[str, Any]) -> Event:
    """One stored report of ``event`` as an Event for ``explain_panel``; its span is the trigger's place in
    the sentence (the store keeps the sentence, not the article around it)."""
    code = load_codebook().get(m["cameo_code"])
    sentence = m["sentence_text"] or ""
    start = max(0, sentence.find(m["trigger"] or ""))
    return Event(
        event_id=m["mention_id"], article_id=m["article_id"], sentence_index=m["sentence_index"],
        sentence_text=sentence, span_start=start, span_end=start + len(m["trigger"] or ""),
        trigger=m["trigger"] or "", date=m["date"], date_precision=m["date_precision"],
        historical=bool(m["historical"]), source_code=m["source_code"] or "", source_name=m["source_name"] or "",
        source_text=m["source_text"] or "", target_code=m["target_code"] or "",
        target_name=m["target_name"] or "", target_text=m["target_text"] or "", cameo_code=code.code,
        cameo_root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
        plover_type=m["plover_type"] or "", plover_mode=m["plover_mode"] or "",
        plover_context=event.get("plover_context") or "", location_name=m["location_name"] or "",
        rule=m["rule"], confidence=m["confidence"], explanation=m.get("explanation") or {})


def explain_stored(db: Path | None, event_id: str, console: Console) -> None:
    """Print one panel per report of the stored event ``event_id``; one-line error and exit 2 without it."""
    from ..store import BrowsableStore, open_store

    try:
        with open_store(db, read_only=True) as store:
            if not isinstance(store, BrowsableStore):
                raise fail(f"the {type(store).__name__} backend cannot look up one event")
            event = store.event_detail(event_id.strip().lower())
    except DetenteError as exc:
        raise fail(str(exc)) from None
    if event is None:
        raise fail(f"no event {event_id} in the store (`detente events` lists their ids)")
    mentions = event["mentions"]
    console.rule(f"[bold]event {escape(event['event_id'])}[/] · {len(mentions)} report(s)")
    for n, m in enumerate(mentions, 1):
        console.print(f"{escape(safe(m['article_title'] or m['article_id']))} · published "
                      f"{m['article_date'] or 'unknown'} · id {escape(safe(m['article_id']))}")
        ev = mention_event(event, m)
        console.print(explain_panel(n, ev, ev.sentence_text))
        if not ev.explanation:
            console.print(NO_REASONS, markup=False)
