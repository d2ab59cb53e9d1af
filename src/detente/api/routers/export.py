"""GET /api/export: every event the filters of /api/events match, as one CSV, JSON lines or Parquet file.

The dashboard's "download this view". Rows are the API's events (the /api/events fields, the same CSV
columns), read in keyset pages of the same query as /api/events, so the file holds exactly the view's
events whatever its size. The file is built in a spooled temporary file before the answer starts, so a
store error is an error answer, never a truncated download.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import tempfile
from typing import IO, Annotated, Any, Iterator, Literal, get_args

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from ...output import api_csv_cell, write_csv
from ...store import BrowsableStore
from ...store.read_api import EventQuery
from .. import deps
from ..event_params import event_query
from ..schemas import ErrorOut, EventOut
from .events import CSV_COLUMNS, SortName, event_out

router = APIRouter(prefix="/api", tags=["events"])

#: Events read per page while exporting (bounded memory for any size of view).
PAGE = 2000
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}
ExportFormat = Literal["csv", "jsonl", "parquet"]


def all_events(store: BrowsableStore, query: EventQuery) -> Iterator[EventOut]:
    """Every event ``query`` matches, in its sort order, page after page."""
    page_query = dataclasses.replace(query, limit=PAGE, after=None)
    while True:
        rows, nxt = store.events_page(page_query)
        yield from (event_out(r) for r in rows)
        if nxt is None:
            return
        page_query = dataclasses.replace(page_query, after=nxt)


def _arrow_type(annotation: Any) -> Any:
    import pyarrow as pa  # untyped: ignore_missing_imports in pyproject

    kinds = {t for t in get_args(annotation) or (annotation,) if t is not type(None)}
    for python_type, arrow_type in ((bool, pa.bool_()), (int, pa.int64()), (float, pa.float64()),
                                    (dt.date, pa.date32())):
        if python_type in kinds:
            return arrow_type
    return pa.string()


def parquet_schema() -> Any:
    """The Parquet columns: EventOut's fields with their types (a column of only nulls keeps its type)."""
    import pyarrow as pa

    return pa.schema([(name, _arrow_type(f.annotation)) for name, f in EventOut.model_fields.items()])


def write_export(events: Iterator[EventOut], fmt: str, out: IO[bytes]) -> int:
    """Write ``events`` to the binary file ``out`` in ``fmt``; returns how many were written."""
    n = 0
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = parquet_schema()
        with pq.ParquetWriter(out, schema) as writer:
            batch: list[dict[str, Any]] = []
            for e in events:
                batch.append(e.model_dump())
                n += 1
                if len(batch) == PAGE:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        return n
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    if fmt == "jsonl":
        for e in events:
            text.write(json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n")
            n += 1
    else:
        dumped = (e.model_dump(mode="json") for e in events)
        # booleans as in JSON (true/false), missing values as empty cells: the /api/events CSV
        n = write_csv(text, CSV_COLUMNS, ([d.get(k) for k in CSV_COLUMNS] for d in dumped), cell=api_csv_cell)
    text.flush()
    text.detach()  # leave ``out`` open for the caller
    return n


@router.get("/export", summary="Download the events of a view",
            description="Every event the filters (those of /api/events) match, in the order of `sort`, as "
                        "one file: `csv` (the /api/events CSV columns), `jsonl` (one /api/events event per "
                        "line) or `parquet` (the same columns, typed). No paging: the whole view. The "
                        "X-Event-Count header says how many events the file holds.",
            response_class=StreamingResponse,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()}},
                       422: {"model": ErrorOut}, 503: {"model": ErrorOut}})
def export(store: Annotated[BrowsableStore, Depends(deps.read_store)],
           query: Annotated[EventQuery, Depends(event_query)],
           format: Annotated[ExportFormat, Query(description="csv, jsonl or parquet")] = "csv",
           sort: Annotated[SortName, Query(description="sort key; a leading - sorts descending")] = "date",
           ) -> StreamingResponse:
    query = dataclasses.replace(query, sort=sort.lstrip("-"), descending=sort.startswith("-"))
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    n = write_export(all_events(store, query), format, spool)
    spool.seek(0)

    def chunks() -> Iterator[bytes]:
        try:
            while block := spool.read(256 * 1024):
                yield block
        finally:
            spool.close()

    headers = {"Content-Disposition": f'attachment; filename="events.{format}"', "X-Event-Count": str(n)}
    return StreamingResponse(chunks(), media_type=MEDIA[format], headers=headers)
