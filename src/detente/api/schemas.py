"""Typed request and response models of the HTTP API (the OpenAPI schema is generated from these).

``Event`` is the internal model; ``EventOut`` is what the API returns for a stored event, with the
anchor mention's provenance flattened in, and ``CodedEvent`` what POST /api/code returns.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_TEXT_CHARS = 1_000_000


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class EventOut(_Out):
    """One deduplicated event with its anchor mention (the first report of it)."""

    event_id: str
    date: dt.date | None
    date_precision: str | None
    historical: bool | None
    factual: bool | None
    source_code: str | None
    source_country: str | None
    source_agent: str | None
    source_name: str | None
    target_code: str | None
    target_country: str | None
    target_agent: str | None
    target_name: str | None
    cameo_code: str
    cameo_name: str = ""
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    confidence: float
    num_mentions: int
    num_sources: int
    num_articles: int
    sentence_text: str
    trigger: str
    source_text: str | None
    target_text: str | None
    rule: str
    article_id: str
    article_title: str | None
    article_url: str | None
    article_date: dt.date | None
    article_source: str | None


class EventPage(BaseModel):
    events: list[EventOut]
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    sort: str
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null on the last page")


class Span(BaseModel):
    """Character offsets [start, end) inside ``sentence_text``."""

    start: int
    end: int


class ArticleRef(BaseModel):
    id: str
    title: str | None
    url: str | None
    date: dt.date | None
    source: str | None


class MentionOut(BaseModel):
    """One report of an event: where it was read and which rule coded it."""

    mention_id: str
    article: ArticleRef
    sentence_index: int
    sentence_text: str
    trigger: str
    trigger_span: Span | None
    source_code: str | None
    source_name: str | None
    source_text: str | None
    source_span: Span | None
    target_code: str | None
    target_name: str | None
    target_text: str | None
    target_span: Span | None
    date: dt.date | None
    date_precision: str | None
    historical: bool | None
    cameo_code: str
    plover_type: str | None
    plover_mode: str | None
    location_name: str | None
    rule: str
    confidence: float
    explanation: dict[str, str] = Field(
        default_factory=dict,
        description="the coder's reasons for this mention, as `detente explain` prints them: keys such as "
                    "trigger, source, target, date, mode, location, decision, reciprocal, inference_1…; "
                    "{} for a mention stored before Détente kept them (schema version 1)")


class EventDetail(EventOut):
    provenance: MentionOut = Field(description="the anchor mention (its `explanation`: why the event was coded so)")
    mentions: list[MentionOut]


class TimelineBucket(BaseModel):
    events: int
    mentions: int
    q1: int = Field(description="verbal cooperation")
    q2: int = Field(description="material cooperation")
    q3: int = Field(description="verbal conflict")
    q4: int = Field(description="material conflict")
    cooperation: int
    conflict: int
    goldstein_sum: float
    goldstein_mean: float | None


class TimelinePoint(BaseModel):
    period: dt.date = Field(description="first day of the period")
    a_to_b: TimelineBucket
    b_to_a: TimelineBucket
    total: TimelineBucket


class Timeline(BaseModel):
    a: str
    b: str
    by: Literal["day", "week", "month", "year"]
    periods: list[TimelinePoint]


class RoleOut(BaseModel):
    code: str
    start: dt.date | None = Field(description="first day of the role (null: open)")
    end: dt.date | None = Field(description="last day of the role (null: open)")
    title: str = ""


class ActorOut(BaseModel):
    code: str = Field(description="for a dictionary entry: its country code, or the code of the role held today")
    name: str | None
    country: str | None
    agent: str | None
    as_source: int = Field(description="stored events with exactly this code as source")
    as_target: int
    events: int
    kind: str = Field(default="code", description="code (seen in the store, no dictionary entry matched), "
                                                  "country, person, igo, ngo or group")
    entry_id: str | None = Field(default=None, description="the dictionary entry, e.g. person:recep-tayyip-erdogan")
    matched: str | None = Field(default=None, description="the name or alias that matched q")
    score: float | None = Field(default=None, description="100 exact name, 81-90 name prefix, below: fuzzy")
    roles: list[RoleOut] = Field(default_factory=list, description="a person's dated roles (code by date range)")


class ActorList(BaseModel):
    actors: list[ActorOut]


class FacetCount(BaseModel):
    value: str | int | None = Field(description="null: events without a value for the field")
    count: int


class FacetOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "field": "plover_type", "counts": [{"value": "CONSULT", "count": 3}, {"value": "ACCUSE", "count": 2}],
        "other": 0, "total": 5}]})

    field: str
    counts: list[FacetCount] = Field(description="the `limit` most frequent values, by count then value")
    other: int = Field(description="events whose value is not among `counts`")
    total: int = Field(description="events matching the filters (= the /api/events total; sum of counts + other)")


class SeriesPoint(BaseModel):
    period: str = Field(description='"2019", "2019-10" or the ISO week "2019-W41"')
    start: dt.date = Field(description="first day of the period")
    events: int
    quad: dict[str, int] = Field(description='events per quad class, keys "1" to "4"')
    goldstein_mean: float | None = Field(description="null when the period has no events")


class SeriesOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "actor": "TUR", "by": "month", "undated": 4, "coarser": 1, "periods": [
            {"period": "2025-01", "start": "2025-01-01", "events": 2, "quad": {"1": 0, "2": 0, "3": 1, "4": 1},
             "goldstein_mean": -5.0},
            {"period": "2025-02", "start": "2025-02-01", "events": 0, "quad": {"1": 0, "2": 0, "3": 0, "4": 0},
             "goldstein_mean": None}]}]})

    actor: str
    by: Literal["week", "month", "year"]
    periods: list[SeriesPoint] = Field(description="every period from the first to the last (or since/until); "
                                                   "empty ones with zeros")
    undated: int = Field(description="matching events without a date: in no period")
    coarser: int = Field(description="matching events dated less precisely than `by` (a year in a month or week "
                                     "series, a month in a week series): in no period")


class SqlOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "columns": ["plover_type", "n"], "rows": [["CONSULT", 3], ["ACCUSE", 2]], "truncated": False}]})

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="the query had more rows than max_rows")


class Stats(BaseModel):
    articles: int
    mentions: int
    events: int
    rejects: int
    factual_events: int
    merged_events: int
    by_quad_class: dict[str, int]
    by_plover_type: dict[str, int]
    first_date: dt.date | None
    last_date: dt.date | None
    migrations: list[str]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    events: int
    read_only: bool = Field(description="true when this server accepts no writes (no write token configured, "
                                        "so POST /api/articles is refused): always the opposite of write_enabled")
    write_enabled: bool = Field(description="a write token is configured (DETENTE_TOKEN or FILE.tokens.json), so "
                                            "POST /api/articles can store articles")


class CodeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=2000)
    date: dt.date | None = Field(default=None, description="publication date (YYYY-MM-DD)")
    id: str | None = Field(default=None, max_length=200)


class CodedEvent(BaseModel):
    """An event as the coder produced it, with the reasons behind each decision."""

    event_id: str
    sentence_index: int
    sentence_text: str
    span_start: int
    span_end: int
    trigger: str
    date: dt.date | None
    date_precision: str | None
    historical: bool
    source_code: str
    source_name: str
    source_text: str
    target_code: str
    target_name: str
    target_text: str
    cameo_code: str
    cameo_name: str = ""
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str
    plover_context: str
    location_name: str
    location_country: str
    lat: float | None
    lon: float | None
    rule: str
    confidence: float
    explanation: dict[str, str]


class CodeResponse(BaseModel):
    article_id: str
    events: list[CodedEvent]
    seconds: float


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(default=None, max_length=200, description="default: a hash of title and text")
    title: str | None = Field(default=None, max_length=2000)
    date: dt.date | None = None
    source: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000)
    origin: str | None = Field(default=None, max_length=1000,
                               description="where the article came from (file:line); names it in rejects "
                                           "(default: POST /api/articles #i)")


class RejectIn(BaseModel):
    """An item the client could not read (`detente ingest --server`): recorded as a reject."""
    model_config = ConfigDict(extra="forbid")

    item: str = Field(min_length=1, max_length=1000)
    reason: str = Field(min_length=1, max_length=2000)
    code: str = Field(default="E100", pattern=r"^E[0-9]{3}$")


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default_factory=list, max_length=500)
    rejects: list[RejectIn] = Field(default_factory=list, max_length=500,
                                    description="items the client could not read, recorded as rejects")

    @model_validator(mode="after")
    def _not_empty(self) -> "ArticlesIn":
        if not self.articles and not self.rejects:
            raise ValueError("give at least one article")
        return self


class RejectOut(BaseModel):
    item: str
    reason: str


class IngestOut(BaseModel):
    articles_new: int
    articles_skipped: int
    mentions: int
    events: int = Field(description="events this request added to the store (a mention merged into an event "
                                    "already stored adds none)")
    events_total: int = Field(description="events in the store after this request")
    rejects: int
    seconds: float
    rejected: list[RejectOut] = Field(default_factory=list, description="the items of this request rejected, with reasons")


class ErrorOut(BaseModel):
    detail: str
