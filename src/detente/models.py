"""The one typed model that flows through Détente.

``Article`` comes out of ``ingest``; ``ActorRef`` is a resolved actor; ``Event``
is what the coder produces and what the store, API and exporters consume.
``EVENT_FIELDS`` is the public column order of every JSONL/CSV output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DatePrecision = Literal["day", "week", "month", "year", "publication"]

#: Output columns, in order: JSONL keys = CSV header = these names.
EVENT_FIELDS: tuple[str, ...] = (
    "event_id", "article_id", "sentence_index", "sentence_text", "span_start", "span_end",
    "trigger", "date", "date_precision", "historical",
    "source_code", "source_country", "source_agent", "source_name", "source_text",
    "target_code", "target_country", "target_agent", "target_name", "target_text",
    "cameo_code", "cameo_root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "plover_context",
    "location_name", "location_country", "lat", "lon", "rule", "confidence",
)

#: PLOVER auxiliary modes that mark an event as not a plain fact.
NON_FACTUAL_MODES = frozenset({"negation", "future", "hypothetical"})
#: How ``explanation["location"]`` starts when the text gave no place and the country was inferred from
#: the actors or the article (geo/infer.py): a guess that store dedup does not let split an event.
INFERRED_LOCATION = "no place in the text; inferred"


def location_inferred(explanation: Any) -> bool:
    """Was the event's place inferred (not read in the text)? ``explanation``: a dict or its JSON text."""
    if isinstance(explanation, str):
        try:
            explanation = json.loads(explanation or "{}")
        except ValueError:
            return False
    why = explanation.get("location", "") if isinstance(explanation, dict) else ""
    return isinstance(why, str) and why.startswith(INFERRED_LOCATION)


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id (sha1 of the parts joined with NUL)."""
    h = hashlib.sha1("\x00".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


class Article(BaseModel):
    """One input document. ``date`` is the publication date (None if unknown)."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""  # file (and line) it came from, for error messages

    @property
    def body(self) -> str:
        """Title and text as one string; the title is its own first paragraph."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


class ActorRef(BaseModel):
    """A resolved actor: a CAMEO-style code plus how it was found."""

    model_config = ConfigDict(frozen=True)

    code: str  # e.g. "TURGOV", "IGONAT", "USA"
    country: str = ""  # first three letters when they name a country or IGO/NGO family
    agent: str = ""  # GOV, MIL, LEG, ...
    name: str = ""  # canonical name ("Hakan Fidan", "Türkiye")
    text: str = ""  # the words in the sentence
    start: int | None = None  # char offsets in the article body
    end: int | None = None
    entry_id: str = ""  # dictionary entry that matched
    why: str = ""  # one line: how the code was chosen


class Event(BaseModel):
    """One coded event (a mention of it in one sentence of one article)."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    article_id: str
    sentence_index: int
    sentence_text: str
    span_start: int
    span_end: int
    trigger: str
    date: dt.date | None
    date_precision: DatePrecision | None
    historical: bool = False
    source_code: str = ""
    source_country: str = ""
    source_agent: str = ""
    source_name: str = ""
    source_text: str = ""
    target_code: str = ""
    target_country: str = ""
    target_agent: str = ""
    target_name: str = ""
    target_text: str = ""
    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str = ""
    plover_mode: str = ""
    plover_context: str = ""
    location_name: str = ""
    location_country: str = ""
    lat: float | None = None
    lon: float | None = None
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    # Not part of the flat output: the reasons behind each decision, for `explain`.
    explanation: dict[str, str] = Field(default_factory=dict, exclude=True)

    @property
    def is_factual(self) -> bool:
        return self.plover_mode not in NON_FACTUAL_MODES

    def to_row(self) -> dict[str, object]:
        """The flat output row (EVENT_FIELDS order, dates as ISO strings)."""
        data = self.model_dump(mode="json")
        return {k: data[k] for k in EVENT_FIELDS}
