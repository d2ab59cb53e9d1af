"""Exports: pure functions from one stored event row (a dict from ``Store.event_rows``) to an output row,
plus the registered exporters (``detente.registry.exporters``) that stream them to a file atomically
(write to a temp file, then rename: detente.outfile)."""
from __future__ import annotations

import calendar
import datetime as dt
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterator


from .. import registry
from ..errors import UsageError
from ..outfile import open_atomic
from ..output import csv_cell, write_csv, write_jsonl
from .filters import EventFilters
from .protocol import EventStore

#: The built-in formats, in the order `detente export --help` names them.
FORMATS = ("gdelt", "plover", "parquet", "csv", "jsonl")

# GDELT 2.0 event table columns, in order, from "The GDELT Event Database Data Format Codebook V2.0"
# (GDELT-Event_Codebook-V2.0.pdf, 2/19/2015): 61 tab-separated fields, no header.
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR), *(f"Actor2{f}" for f in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO), *(f"Actor2Geo_{f}" for f in _GEO), *(f"ActionGeo_{f}" for f in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

PLOVER_CODEBOOK = "PLOVER 0.8 / CAMEO 1.1b3"


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def _num(v: Any, fmt: str = "{}") -> str:
    return "" if v is None else fmt.format(v)


def gdelt_id(event_id: str) -> int:
    """GLOBALEVENTID must be an integer: the first 15 hex digits of our event id (fits in BIGINT)."""
    return int(event_id[:15], 16)


def _actor(row: dict[str, Any], side: str) -> list[str]:
    code, country, agent = _s(row.get(f"{side}_code")), _s(row.get(f"{side}_country")), _s(row.get(f"{side}_agent"))
    # Actor*Type1Code: the role/sector (GOV, MIL, ...); Type2/3 and the lookup-based codes stay empty.
    return [code, _s(row.get(f"{side}_name")).upper(), country, "", "", "", "", agent, "", ""]


def _action_geo(row: dict[str, Any]) -> list[str]:
    name, country = _s(row.get("location_name")), _s(row.get("location_country"))
    lat, lon = row.get("lat"), row.get("lon")
    if not (name or country or lat is not None):
        return [""] * 8
    # Type 1 = country, 4 = world city/place (GDELT geo types); CountryCode is our ISO-3 code, not FIPS.
    gtype = "1" if (not name or name.upper() == country) and lat is None else "4"
    return [gtype, name, country, "", "", _num(lat), _num(lon), ""]


def gdelt_dates(d: dt.date | None, precision: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate for an event dated ``d`` at ``precision``.

    GDELT has no precision field, so each field is written only when the event's whole period lies in
    one of its units: a year-only date (stored as 2019-01-01) gives Year 2019 and leaves SQLDATE,
    MonthYear and FractionDate empty; a month, or a week inside one month, gives MonthYear and Year; a
    day (or the publication date) gives all four. So a day-level series never shows a year-only event
    on 1 January (docs/store.md, "Exports")."""
    if d is None:
        return ["", "", "", ""]
    last = (d + dt.timedelta(days=6) if precision == "week"
            else d.replace(day=calendar.monthrange(d.year, d.month)[1]) if precision == "month"
            else d.replace(month=12, day=31) if precision == "year" else d)
    one_day = last == d
    return [f"{d.year:04d}{d.month:02d}{d.day:02d}" if one_day else "",
            f"{d.year:04d}{d.month:02d}" if (last.year, last.month) == (d.year, d.month) else "",
            str(d.year) if last.year == d.year else "",
            f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" if one_day else ""]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One events row -> the 61 GDELT 2.0 fields (strings)."""
    d: dt.date | None = row.get("date")
    if isinstance(d, dt.datetime):
        d = d.date()
    added = row.get("added_at")
    code = _s(row.get("cameo_code"))
    out = [
        str(gdelt_id(row["event_id"])),
        *gdelt_dates(d, row.get("date_precision")),
        *_actor(row, "source"), *_actor(row, "target"),
        "1" if row.get("is_root") else "0",
        code, _s(row.get("cameo_base") or code[:3]), _s(row.get("cameo_root") or code[:2]),
        _num(row.get("quad_class")), _num(row.get("goldstein")),
        _num(row.get("num_mentions")), _num(row.get("num_sources")), _num(row.get("num_articles")),
        "0",  # AvgTone: we do not measure tone
        *([""] * 8), *([""] * 8), *_action_geo(row),
        f"{added.year:04d}{added:%m%d%H%M%S}" if added else "",
        _s(row.get("source_url")),
    ]
    return [" ".join(v.split("\t")).replace("\r", " ").replace("\n", " ") for v in out]


def _entity(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    code = _s(row.get(f"{side}_code"))
    if not code:
        return None
    ent = {"code": _s(row.get(f"{side}_country")) or code[:3], "sector": _s(row.get(f"{side}_agent")),
           "entity_text": _s(row.get(f"{side}_text")), "identifier_text": _s(row.get(f"{side}_name")),
           "cameo_code": code}
    return {k: v for k, v in ent.items() if v}


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One events row -> a PLOVER JSON record (field names from the PLOVER manual, "Data Fields")."""
    d = row.get("date")
    actor, recipient = _entity(row, "source"), _entity(row, "target")
    ptype, mode, ctx = _s(row.get("plover_type")), _s(row.get("plover_mode")), _s(row.get("plover_context"))
    loc = {"extracted_place": _s(row.get("location_name")), "resolved_place": _s(row.get("location_name")),
           "lat": row.get("lat"), "lon": row.get("lon"), "country_code": _s(row.get("location_country"))}
    loc = {k: v for k, v in loc.items() if v not in (None, "")}
    added = row.get("added_at")
    rec: dict[str, Any] = {
        "id": row["event_id"],
        "has_event": bool(ptype),
        "date": d.isoformat() if d else None,
        "actor": [actor] if actor else [],
        "recipient": [recipient] if recipient else [],
        "event": [ptype] if ptype else [],
        "mode": [mode] if mode else [],
        "context": [c.strip() for c in ctx.replace(";", ",").split(",") if c.strip()],
        "event_loc": loc or None,
        "event_text": [_s(row.get("trigger"))] if row.get("trigger") else [],
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "text": _s(row.get("sentence_text")),
        "text_info": {"sequence": row.get("sentence_index"), "start": row.get("span_start"),
                      "end": row.get("span_end")},
        "cite_info": {k: v for k, v in {
            "citation": row.get("anchor_article_id"), "url": row.get("source_url"),
            "title": row.get("article_title"), "publication": row.get("article_source"), "language": "en",
            "coder": "detente", "codebook": PLOVER_CODEBOOK}.items() if v},
        "coder": "detente",
        "coded_date": added.date().isoformat() if added else None,
        # Beyond the manual's fields (allowed by it): CAMEO code and GDELT-style counts.
        "cameo_code": _s(row.get("cameo_code")),
        "historical": bool(row.get("historical")),
        "num_mentions": row.get("num_mentions"), "num_sources": row.get("num_sources"),
        "num_articles": row.get("num_articles"),
    }
    return rec


def csv_row(row: dict[str, Any], columns: list[str]) -> list[str]:
    return [csv_cell(row.get(c)) for c in columns]


@dataclass(frozen=True)
class Exporter:
    """An export format: ``write(store, filters, fh)`` writes the filtered events of ``store`` to the open
    file ``fh`` (bytes when ``binary``, else text) and returns how many it wrote."""

    write: Callable[[EventStore, EventFilters, IO[Any]], int]
    binary: bool = False
    help: str = ""


def _write_gdelt(store: EventStore, filters: EventFilters, fh: IO[Any]) -> int:
    n = 0
    for row in store.event_rows(filters):
        fh.write("\t".join(gdelt_row(row)) + "\n")
        n += 1
    return n


def _write_plover(store: EventStore, filters: EventFilters, fh: IO[Any]) -> int:
    n = 0
    for row in store.event_rows(filters):
        fh.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(store: EventStore, filters: EventFilters, fh: IO[Any]) -> int:
    columns = store.event_columns()
    return write_csv(fh, columns, ([r.get(c) for c in columns] for r in store.event_rows(filters)))


def _write_jsonl(store: EventStore, filters: EventFilters, fh: IO[Any]) -> int:
    columns = store.event_columns()
    return write_jsonl(fh, columns, ([r.get(c) for c in columns] for r in store.event_rows(filters)))


def _write_parquet(store: EventStore, filters: EventFilters, fh: IO[Any]) -> int:
    import pyarrow.parquet as pq

    table = store.events_arrow(filters)
    pq.write_table(table, fh)
    return int(table.num_rows)


registry.exporters.register("gdelt", func=Exporter(_write_gdelt, help="GDELT 2.0 event table: 61 tab-separated columns"))
registry.exporters.register("plover", func=Exporter(_write_plover, help="PLOVER JSON records, one per line"))
registry.exporters.register("parquet", func=Exporter(_write_parquet, binary=True, help="every column, typed"))
registry.exporters.register("csv", func=Exporter(_write_csv, help="every column, with a header"))
registry.exporters.register("jsonl", func=Exporter(_write_jsonl, help="every column, one JSON object per line"))


def exporter_names() -> list[str]:
    """The built-in formats in FORMATS order, then those of plug-ins, sorted."""
    names = list(registry.exporters.get_all())
    return [f for f in FORMATS if f in names] + sorted(n for n in names if n not in FORMATS)


def get_exporter(fmt: str) -> Exporter:
    return registry.lookup(registry.exporters, fmt, Exporter, what="export format", choices=exporter_names)


@contextmanager
def _open_out(out: Path | str, binary: bool = False, fmt: str = "") -> Iterator[Any]:
    """``out`` written atomically (see detente.outfile.open_atomic); ``-`` writes to stdout."""
    if str(out) == "-":
        if binary:
            raise UsageError(f"{fmt or 'a binary format'} cannot be written to stdout; give --out FILE")
        yield sys.stdout
        return
    with open_atomic(out, binary=binary) as fh:
        yield fh


def export_events(store: EventStore, fmt: str, out: Path | str, filters: EventFilters | None = None) -> int:
    """Write the filtered events of ``store`` to ``out`` in the registered format ``fmt``; returns the number
    of events."""
    exporter = get_exporter(fmt)
    with _open_out(out, binary=exporter.binary, fmt=fmt) as fh:
        return exporter.write(store, filters or EventFilters(), fh)
