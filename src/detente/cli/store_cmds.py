"""Store commands: `detente ingest`, `query`, `events`, `dyad`, `export` (thin wrappers over detente.store)."""
from __future__ import annotations

import datetime as dt
import os
import sys
import time
from contextlib import nullcontext
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional, Sequence, cast

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import DetenteError, UsageError
from ..outfile import check_out, open_atomic
from ..output import TableView, date_at_precision, output_format
from ..store import default_db_path
from . import app
from .options import (DateFieldOpt, DateOpt, DbOpt, MinConfidenceOpt, OutOpt, QuietOpt, WorkersOpt, check_inputs,
                      parse_date, parse_min_confidence)
from .format_option import FormatOpt
from .progress import (CountingCoder, Tally, count_articles, estimate_items, format_count, format_duration,
                       format_size, run_progress, stderr_console)
from .safe_text import safe
from .tables import EVENT_COLUMNS, Column, output_width

if TYPE_CHECKING:
    from ..store import EventFilters

err = Console(stderr=True, highlight=False)
DyadOpt = Annotated[Optional[tuple[str, str]], typer.Option("--dyad", help="Two actor codes A B (either direction unless --directed).")]
DirectedOpt = Annotated[bool, typer.Option("--directed", help="With --dyad: only A acting on B.")]
CountryOpt = Annotated[Optional[str], typer.Option("--country", help="Source, target or location country (ISO-3).")]
TypeOpt = Annotated[Optional[str], typer.Option("--type", help="PLOVER event type, e.g. SANCTION.")]
CameoOpt = Annotated[Optional[str], typer.Option("--cameo", help="CAMEO code prefix, e.g. 16 or 036.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="First event date (YYYY-MM-DD).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Last event date (YYYY-MM-DD).")]
FactualOpt = Annotated[bool, typer.Option("--factual-only", help="Leave out negated, future and hypothetical events.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", min=0, help="At most this many events.")]


def _error_line(message: str) -> None:
    """One unwrapped line on stderr."""
    sys.stderr.write(f"detente: error: {safe(' '.join(message.split()))}\n")
    sys.stderr.flush()


def _user_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into ONE line on stderr and exit code 2 (no traceback)."""
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DetenteError as exc:
            _error_line(str(exc))
            raise typer.Exit(2) from None
        except BrokenPipeError:  # `detente events | head`
            raise typer.Exit(0) from None
    return wrapper


def _filters(dyad: list[str] | tuple[str, ...] | None, directed: bool, country: str | None, type_: str | None,
             cameo: str | None, since: str | None, until: str | None, factual_only: bool = False,
             limit: int | None = None, min_confidence: str = "0") -> EventFilters:
    from ..store import EventFilters

    # Typer gives the two codes of --dyad; EventFilters.validated() says so if there are not two
    return EventFilters(dyad=cast("tuple[str, str]", tuple(dyad)) if dyad else None, directed=directed, country=country, type=type_,
                        cameo=cameo, since=parse_date(since), until=parse_date(until),
                        factual=True if factual_only else None, limit=limit,
                        min_confidence=parse_min_confidence(min_confidence)).validated()


def _check_format(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(allowed)}")


# -- ingest ------------------------------------------------------------------------------------------
def make_coder(workers: int = 1) -> Any:
    """The coder for `ingest` and `serve` (detente.pipeline.make_coder; $DETENTE_CODER=module:Class
    swaps in another class, used by tests)."""
    from ..pipeline import make_coder as build

    return build(workers=workers)


class ConfidenceFloor:
    """`ingest --min-confidence`: any coder's events under ``floor`` are dropped before they are stored
    (the same rule as CoderSettings.min_confidence, which $DETENTE_CODER classes do not know)."""

    def __init__(self, coder: Any, floor: float):
        self.coder, self.floor = coder, floor

    def code_many(self, articles: Any) -> Any:
        for article, result in self.coder.code_many(articles):
            yield article, (result if isinstance(result, Exception)
                            else [e for e in result if e.confidence >= self.floor])


def ingest_summary_line(summary: Any) -> str:
    """``ingested 2,225 articles → 5,561 events, 3 rejected, 6 min 40 s`` (new articles, new event rows)."""
    tally = Tally(coded=summary.articles_new, events=summary.events, rejects=summary.rejects)
    tally.started -= summary.seconds
    return tally.summary("ingested")


def _summary_table(summary: Any, stats: dict[str, Any], rejects: list[tuple[Any, ...]]) -> Table:
    rate = (summary.articles_new + summary.articles_skipped) / summary.seconds if summary.seconds else 0.0
    t = Table(title=ingest_summary_line(summary), title_justify="left", show_header=False, box=None,
              pad_edge=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_row("articles added", f"{summary.articles_new:,}")
    t.add_row("articles already stored", f"{summary.articles_skipped:,}")
    t.add_row("event mentions added", f"{summary.mentions:,}")
    t.add_row("rejected items", f"{summary.rejects:,}")
    t.add_row("time", f"{summary.seconds:,.1f} s ({rate:,.1f} articles/s)")
    size = stats.get("size_bytes")
    t.add_row("store", f"{stats['path']}" + (f" ({format_size(size)})" if size is not None else ""))
    t.add_row("store totals", f"{stats['articles']:,} articles · {stats['mentions']:,} mentions · "
                              f"{stats['events']:,} events ({stats['merged_events']:,} merged) · "
                              f"{stats['rejects']:,} rejects")
    for item, reason in rejects:
        t.add_row(Text("rejected", style="yellow"), Text(f"{safe(item)}: {safe(reason)}", overflow="ellipsis"))
    return t


@app.command("ingest")
@_user_errors
def ingest_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Article files (.txt, .jsonl, .html, .xml/.rss, .csv), directories, or - for stdin.")] = None,
    db: DbOpt = None,
    workers: WorkersOpt = 1,
    date: DateOpt = None,
    date_field: DateFieldOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Items per transaction.")] = 50,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line on stderr per committed batch.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine) or ray (a Ray cluster).")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (with --engine ray; default: a local Ray).")] = None,
    shards: Annotated[Path, typer.Option("--shards", help="Directory for Parquet shards (with --engine ray).")] = Path("shards"),
    from_parquet: Annotated[Optional[Path], typer.Option("--from-parquet", help="Load Parquet shards written by --engine ray (each exactly once); no PATHs.")] = None,
    min_confidence: MinConfidenceOpt = "0",
    server: Annotated[Optional[str], typer.Option("--server", help="Send the articles to this running `detente serve` (e.g. http://127.0.0.1:8765), which codes and stores them (POST /api/articles; needs a write token). Without it, a store held by a live server (its STORE.server.json) is written through that server automatically.")] = None,
    token: Annotated[Optional[str], typer.Option("--token", help="Write token for --server (default: $DETENTE_TOKEN); make one with `detente token --db STORE`.", show_default=False)] = None,
    quiet: QuietOpt = False,
) -> None:
    """Code articles into the store; texts already stored are skipped. Exit 1 if some items were rejected, 2 if nothing could be ingested.

    Progress (on a terminal) and the summary go to stderr; --quiet drops both.

    Articles without a publication date are counted in a warning: give one with --date or --date-field.

    While `detente serve` holds the store (DuckDB allows one writer process), ingest goes through that
    server: with --server URL, or found from the STORE.server.json file the server writes next to the store.
    """
    from ..ingest import read_inputs
    from ..store import open_store

    floor = parse_min_confidence(min_confidence)
    if server is None and from_parquet is None and engine == "local":
        from .server_info import read_info

        held = read_info(db or default_db_path())
        if held is not None:
            server = held.url
            err.print(f"detente: {safe(db or default_db_path())} is held by `detente serve` (pid {held.pid}); "
                      f"ingesting through {safe(held.url)}", markup=False)
    if server is not None:
        _ingest_via_server(server, token, paths, parse_date(date), batch_size, verbose, floor,
                           engine != "local" or address is not None or from_parquet is not None,
                           date_field=date_field, quiet=quiet)
        return
    if from_parquet is not None:
        if floor > 0:
            raise UsageError("--min-confidence applies while coding; --from-parquet loads events already coded "
                             "(pass it to the `ingest --engine ray` run that wrote the shards)")
        _ingest_from_parquet(db, from_parquet, paths)
        return
    if not paths:
        raise UsageError("give at least one PATH (or --from-parquet DIR)")
    default_date = parse_date(date)
    check_inputs(paths)
    if engine == "ray":
        _ingest_on_ray(db, paths, default_date, workers, address, shards, floor, date_field)
        return
    if engine != "local" or address:
        raise UsageError("--engine must be local or ray; --address needs --engine ray")
    items = read_inputs(paths, default_date=default_date, date_field=date_field)
    console, tally = stderr_console(), Tally()
    with open_store(db) as store:
        coder = make_coder(workers)
        if floor > 0:
            coder = ConfidenceFloor(coder, floor)
        with run_progress(console, "ingest", tally, estimate_items(paths), quiet=quiet) as bar:
            def committed(s: Any) -> None:
                if verbose:
                    err.print(f"detente: committed {s.articles_new} articles, {s.mentions} mentions, "
                              f"{s.rejects} rejects so far", markup=False)

            summary = store.ingest(count_articles(items, tally), CountingCoder(coder, tally), batch_size=batch_size,
                                   progress=bar.update, on_commit=committed)
        stats = store.stats()
        rejects = [(r["item"], r["reason"]) for r in store.rejects(5)] if summary.rejects else []
    if stats.get("size_bytes") is not None and callable(getattr(store, "size_bytes", None)):
        stats["size_bytes"] = store.size_bytes()  # closed: DuckDB has checkpointed its WAL into the file
    _finish_ingest(summary, stats, rejects, tally, quiet=quiet)


def _ingest_via_server(url: str, token: str | None, paths: list[str] | None, default_date: Any, batch_size: int,
                       verbose: bool, floor: float, other_engine: bool, *, date_field: str | None = None,
                       quiet: bool = False) -> None:
    """`ingest --server URL` (or a store held by a live server): the server codes and stores."""
    from ..ingest import read_inputs
    from .remote_ingest import ingest_remote, server_stats

    if other_engine:
        raise UsageError("--server sends articles to a running server; it cannot be combined with "
                         "--engine ray, --address or --from-parquet")
    if floor > 0:
        raise UsageError("--min-confidence is not applied by the server's POST /api/articles: leave it out "
                         "with --server (filter when reading: `detente events --min-confidence`)")
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"--server must be an http:// or https:// URL, got {url!r}")
    token = token or os.environ.get("DETENTE_TOKEN", "")
    if not token:
        raise UsageError(f"writing through the server at {url} needs a write token: run `detente token --db STORE` "
                         "and pass it with --token TOKEN or $DETENTE_TOKEN")
    if not paths:
        raise UsageError("give at least one PATH")
    check_inputs(paths)

    def sent(s: Any) -> None:
        if verbose:
            err.print(f"detente: sent {s.batches} batch(es): {s.articles_new} articles, {s.mentions} mentions, "
                      f"{s.rejects} rejects so far", markup=False)

    tally = Tally()
    items = count_articles(read_inputs(paths, default_date=default_date, date_field=date_field), tally)
    summary = ingest_remote(url, token, items, batch_size=batch_size, on_batch=sent)
    stats = server_stats(url) or {}
    stats = {"path": f"{url} (through the server)", "size_bytes": None, **{k: stats.get(k, 0) for k in
                                              ("articles", "mentions", "events", "merged_events", "rejects")}}
    _finish_ingest(summary, stats, summary.rejected[:5], tally, quiet=quiet)


def _finish_ingest(summary: Any, stats: dict[str, Any], rejects: list[Any], tally: Tally, *, quiet: bool = False) -> None:
    """The ingest summary and the undated-articles warning on stderr, then exit 2 if nothing was
    ingested, 1 if some items were rejected."""
    if not quiet:
        err.print(_summary_table(summary, stats, rejects))
    if warning := tally.undated_warning():
        err.print(f"detente: warning: {warning}", markup=False, soft_wrap=True)
    if summary.articles_new == 0 and summary.articles_skipped == 0:
        _error_line("nothing could be ingested"
                    + (f" ({summary.rejects} item(s) rejected)" if summary.rejects else " (no articles found)"))
        raise typer.Exit(2)
    if summary.rejects:
        raise typer.Exit(1)


def _ingest_from_parquet(db: Path | None, directory: Path, paths: list[str] | None) -> None:
    """`ingest --from-parquet DIR`: load shards coded elsewhere (each one exactly once)."""
    from ..scale.shards import list_shards
    from ..store import open_store
    from ..store.parquet_load import load_parquet_shards

    if paths:
        raise UsageError("--from-parquet takes no PATH arguments")
    if not directory.is_dir():
        raise UsageError(f"no such directory: {directory}")
    try:
        found = list_shards(directory)
    except OSError as exc:
        raise UsageError(f"cannot read {directory}: {exc.strerror or exc}") from None
    if not found:
        raise UsageError(f"no shards found in {directory} (expected shard-* folders written by "
                         f"`detente ingest --engine ray`)")
    with open_store(db) as store:
        summary = load_parquet_shards(store, directory)
        stats = store.stats()
    _print_load(summary, stats)


def _print_load(summary: Any, stats: dict[str, Any]) -> None:
    loaded = ", ".join(f"{k} {v}" for k, v in summary.as_dict().items())
    err.print(f"detente: parquet shards: {loaded}", markup=False)
    err.print("detente: store: " + ", ".join(f"{k} {v}" for k, v in stats.items() if not isinstance(v, (dict, list))),
              markup=False)


def _ingest_on_ray(db: Path | None, paths: list[str], default_date: Any, workers: int, address: str | None,
                   shards: Path, min_confidence: float = 0.0, date_field: str | None = None) -> None:
    """`ingest --engine ray`: Ray actors code batches into Parquet shards, then the store loads them."""
    from ..ingest import read_inputs
    from ..pipeline import CoderSettings
    from ..scale.engines import ingest_via_ray
    from ..store import open_store

    settings = CoderSettings(min_confidence=min_confidence) if min_confidence > 0 else None
    with open_store(db) as store:
        run, loaded = ingest_via_ray(store, read_inputs(paths, default_date=default_date, date_field=date_field), shards,
                                     address=address, workers=workers, settings=settings)
        stats = store.stats()
    err.print(f"detente: coded on Ray into {safe(shards)}/ (run {getattr(run, 'run_id', run)})", markup=False)
    _print_load(loaded, stats)


# -- reading -----------------------------------------------------------------------------------------
def _cell(v: Any) -> Any:
    if isinstance(v, dt.datetime) and v == dt.datetime.combine(v.date(), dt.time()):
        return v.date().isoformat()  # pandas turns DATE into midnight timestamps
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, float) and v != v:  # NaN from pandas
        return None
    return v


def _print_rows(columns: list[str], rows: list[tuple[Any, ...]] | list[list[Any]], fmt: str, out: Path | None,
                title: str | None = None, table: Sequence[Column] | None = None) -> None:
    """Rows to stdout, or to ``out`` written atomically (a full disk leaves no partial file)."""
    with (open_atomic(out) if out else nullcontext(sys.stdout)) as stream:
        _write_rows(stream, columns, rows, fmt, title, to_file=out is not None, table=table)


def _write_rows(stream: Any, columns: list[str], rows: list[tuple[Any, ...]] | list[list[Any]], fmt: str, title: str | None,
                *, to_file: bool, table: Sequence[Column] | None = None) -> None:
    """Through the registered ``fmt`` (detente.output.output_format). ``table``: the columns of a terminal
    table (priority, widths); None: the query's own, left to right."""
    output_format(fmt).write(stream, columns, ([_cell(v) for v in r] for r in rows),
                             TableView(table, title=title, to_file=to_file))


@app.command("query")
@_user_errors
def query_cmd(
    sql: Annotated[str, typer.Argument(help="One read-only SQL query (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN).")],
    db: DbOpt = None,
    fmt: FormatOpt = "table",
    out: OutOpt = None,
) -> None:
    """Run a read-only SQL query on the store (tables: articles, mentions, events, event_mentions, rejects)."""
    from ..store import open_store

    output_format(fmt)  # an unknown format fails before the query runs
    check_out(out, store=db or default_db_path())
    with open_store(db, read_only=True) as store:
        result = store.query(sql)
    _print_rows(result.columns, list(result), fmt, out, title=f"{len(result)} row(s)")


#: Columns shown by `detente events --format table` (csv/jsonl give every column); tables.EVENT_COLUMNS
#: says which an 80-column terminal keeps.
EVENT_TABLE_COLUMNS = tuple(c.key for c in EVENT_COLUMNS)


@app.command("events")
@_user_errors
def events_cmd(
    db: DbOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False, country: CountryOpt = None,
    type_: TypeOpt = None, cameo: CameoOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    factual_only: FactualOpt = False, limit: LimitOpt = None, fmt: FormatOpt = "table", out: OutOpt = None,
    min_confidence: MinConfidenceOpt = "0",
) -> None:
    """List deduplicated events, filtered."""
    from ..store import open_store

    output_format(fmt)
    flt = _filters(dyad, directed, country, type_, cameo, since, until, factual_only, limit, min_confidence)
    check_out(out, store=db or default_db_path())
    with open_store(db, read_only=True) as store:
        columns = list(EVENT_TABLE_COLUMNS) if fmt == "table" else store.event_columns()
        records = list(store.event_rows(flt))
    if fmt == "table":  # dates at their precision: 2019, 2019-10, 2019-10-09 (other formats keep both fields)
        records = [{**r, "date": date_at_precision(r.get("date"), r.get("date_precision")) or "undated",
                    "goldstein": None if r.get("goldstein") is None else f"{r['goldstein']:+.1f}"} for r in records]
    rows = [tuple(r.get(c) for c in columns) for r in records]
    _print_rows(columns, rows, fmt, out, title=f"{len(rows)} event(s)", table=EVENT_COLUMNS)


def bar_chart(values: list[int], width: int = 30) -> list[str]:
    """Terminal bars scaled to the largest value."""
    top = max(values, default=0)
    return ["█" * (round(v / top * width) if top else 0) or ("▏" if v else "") for v in values]


@app.command("dyad")
@_user_errors
def dyad_cmd(
    a: Annotated[str, typer.Argument(help="First actor code, e.g. TUR.")],
    b: Annotated[str, typer.Argument(help="Second actor code, e.g. USA.")],
    by: Annotated[str, typer.Option("--by", help="Period: day, week, month or year.")] = "month",
    db: DbOpt = None, directed: DirectedOpt = False, since: SinceOpt = None, until: UntilOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Factual events between two actors per period: counts, quad-class counts, mean Goldstein, chart.

    Undated events get a row of their own (no period holds them).

    The caption counts the non-factual events left out (negated, future, hypothetical): `events --dyad A B` lists them.
    """
    from ..store import EventFilters, open_store
    from .dyad_view import dyad_caption, dyad_rest, period_label

    output_format(fmt)
    base = EventFilters(since=parse_date(since), until=parse_date(until)).validated()
    with open_store(db, read_only=True) as store:
        df = store.dyad_timeline(a, b, by=by, directed=directed, filters=base)
        rest = dyad_rest(store, a, b, directed=directed, by=by, since=base.since, until=base.until)
    columns = ["period", "events", "q1", "q2", "q3", "q4", "goldstein_mean"]
    rows = [tuple(_cell(v) for v in r) for r in df[columns].itertuples(index=False)]
    dated = int(df["events"].sum()) if len(df) else 0
    a, b = a.strip().upper(), b.strip().upper()
    if fmt != "table":  # machine formats keep dated periods only; the rest is said on stderr
        _print_rows(columns, rows, fmt, None)
        if rest.undated or rest.not_factual:
            caption = dyad_caption(rest, a, b, directed, dated, by, since=base.since, until=base.until)
            err.print(f"detente: {caption.splitlines()[-1]}", markup=False, soft_wrap=True)
        return
    arrow = "→" if directed else "↔"
    title = f"{a} {arrow} {b} by {by}: {format_count(dated, 'event')}" + (
        f" + {rest.undated:,} undated" if rest.undated else "")
    t = Table(title=title, caption=dyad_caption(rest, a, b, directed, dated, by, since=base.since, until=base.until))
    for c in ("period", "events", "q1", "q2", "q3", "q4", "Goldstein"):
        t.add_column(c, justify="left" if c == "period" else "right")
    t.add_column("")
    console = Console()
    console.width = output_width(console)
    bars = bar_chart([int(r[1]) for r in rows], width=max(5, min(30, console.width - 60)))
    for r, bar in zip([*rows, rest.row()] if rest.undated else rows, [*bars, ""]):
        g = r[6]
        style = "green" if g is not None and g > 0 else "red" if g is not None and g < 0 else ""
        t.add_row(period_label(r[0], by), *(str(v) for v in r[1:6]), "" if g is None else f"{g:+.2f}",
                  Text(bar, style=style))
    console.print(t)


@app.command("export")
@_user_errors
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="gdelt (61-column TSV), plover (JSONL), parquet, csv, jsonl, or a plug-in format (docs/extending.md).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (- for stdout, except parquet).")],
    db: DbOpt = None, dyad: DyadOpt = None, directed: DirectedOpt = False, country: CountryOpt = None,
    type_: TypeOpt = None, cameo: CameoOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    factual_only: FactualOpt = False, limit: LimitOpt = None, min_confidence: MinConfidenceOpt = "0",
    quiet: QuietOpt = False,
) -> None:
    """Export deduplicated events (written to a temp file, then renamed: never half-written).

    On a terminal a status line shows while the export runs; the summary (events, file, time) goes to
    stderr. --quiet turns both off."""
    from ..store import open_store
    from ..store.exporters import export_events, exporter_names

    _check_format(fmt, tuple(exporter_names()))
    flt = _filters(dyad, directed, country, type_, cameo, since, until, factual_only, limit, min_confidence)
    check_out(out, store=db or default_db_path())
    console = stderr_console()
    started = time.monotonic()
    # no status line when the export itself goes to the terminal (--out -)
    status = console.status(f"exporting events as {fmt} …") if console.is_terminal and not quiet and str(
        out) != "-" else nullcontext()
    with status, open_store(db, read_only=True) as store:
        n = export_events(store, fmt, out, flt)
    if not quiet and str(out) != "-":  # on stdout the events themselves are the output
        console.print(f"detente: exported {format_count(n, 'event')} to {safe(out)} ({fmt}), "
                      f"{format_duration(time.monotonic() - started)}", markup=False, highlight=False)
