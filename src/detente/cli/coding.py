"""`detente code` and `detente explain`: code articles and show why each event exists."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from collections.abc import Iterator
from typing import IO, Annotated, ContextManager, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from ..errors import DetenteError
from ..ingest import Rejected
from ..models import Article, Event
from ..outfile import check_out, open_atomic
from ..models import EVENT_FIELDS
from ..output import TableView, date_at_precision, output_format
from . import app
from .format_option import FormatOpt
from .options import (DateFieldOpt, DateOpt, DbOpt, MinConfidenceOpt, OutOpt, QuietOpt, WorkersOpt, check_inputs,
                      parse_date, parse_min_confidence)
from .progress import (CountingCoder, Tally, count_articles, estimate_items, format_count, run_progress,
                       stderr_console)
from .safe_text import safe
from .tables import Column, output_width

err = Console(stderr=True, highlight=False)

PathsArg = Annotated[list[str], typer.Argument(help="Article files (.txt, .jsonl, .html, .xml/.rss, .csv), directories, or - for stdin.")]


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"detente: error: {safe(message)}", markup=False, soft_wrap=True)  # one line, however long
    return typer.Exit(code)


def _read(paths: list[str], date: str | None, date_field: str | None = None) -> Iterator[Article | Rejected]:
    from ..ingest import read_inputs

    default_date = parse_date(date)
    check_inputs(paths)
    return read_inputs(paths, default_date=default_date, date_field=date_field)


def _output(out: Path | None) -> ContextManager[IO[str]]:
    """stdout, or ``out`` written atomically (nothing is left behind if coding fails)."""
    return nullcontext(sys.stdout) if out is None else open_atomic(out)


#: `detente code --format table`: display order; priority decides what an 80-column terminal keeps.
CODE_TABLE = (
    Column("article", "article", 10, min_width=8, max_width=12), Column("sent", "sent", 8, "right"),
    Column("date", "date", 1), Column("source", "source", 2, min_width=6, max_width=16),
    Column("cameo", "CAMEO", 5), Column("target", "target", 3, min_width=6, max_width=16),
    Column("plover", "PLOVER", 4, min_width=7, max_width=18), Column("mode", "mode", 6, min_width=4, max_width=12),
    Column("trigger", "trigger", 9, min_width=8, max_width=30, flexible=True),
    Column("conf", "conf", 7, "right"),
)


def code_table_rows(events: list[Event]) -> list[list[str]]:
    """One row of text per event, in CODE_TABLE order (dates at their precision; * = historical)."""
    return [[e.article_id[:12], str(e.sentence_index),
             (date_at_precision(e.date, e.date_precision) or "undated") + ("*" if e.historical else ""),
             safe(e.source_code or "-"), e.cameo_code, safe(e.target_code or "-"), e.plover_type or "-",
             e.plover_mode or "", safe(e.trigger), f"{e.confidence:.2f}"] for e in events]


@app.command("code")
def code_cmd(
    paths: PathsArg,
    date: DateOpt = None,
    date_field: DateFieldOpt = None,
    fmt: FormatOpt = "table",
    out: OutOpt = None,
    workers: WorkersOpt = 1,
    engine: Annotated[str, typer.Option("--engine", help="Where to code: local (this machine) or ray (a Ray cluster).")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (with --engine ray; default: a local Ray).")] = None,
    min_confidence: MinConfidenceOpt = "0",
    quiet: QuietOpt = False,
) -> None:
    """Code articles into events (one row per event). Exit 1 if some items were rejected, 2 if nothing was coded.

    Progress (on a terminal) and a one-line summary go to stderr; --quiet drops both.
    """
    from ..pipeline import CoderSettings
    from ..scale.engines import open_coder

    try:
        writer = output_format(fmt)
        floor = parse_min_confidence(min_confidence)
        items = _read(paths, date, date_field)  # lazy: nothing is read before the output is known to be safe
        check_out(out, inputs=paths)
    except DetenteError as exc:
        raise fail(str(exc)) from None
    console = stderr_console()
    tally = Tally()

    def articles() -> Iterator[Article]:
        for item in count_articles(items, tally):
            if isinstance(item, Rejected):
                console.print(f"detente: rejected {safe(item.item)}: {safe(item.reason)}", markup=False, soft_wrap=True)
            else:
                yield item

    try:
        with _output(out) as stream, run_progress(console, "code", tally, estimate_items(paths), quiet=quiet) as bar:
            settings = CoderSettings(min_confidence=floor) if floor > 0 else None  # None: the shared default coder
            with open_coder(engine, workers=workers, address=address, settings=settings) as coder:
                def coded() -> Iterator[Event]:
                    for article, result in CountingCoder(coder, tally, bar).code_many(articles()):
                        if isinstance(result, Exception):
                            console.print(f"detente: rejected {safe(article.origin or article.id)}: coding failed: "
                                          f"{safe(result)}", markup=False, soft_wrap=True)
                        else:
                            yield from result

                if fmt == "table":  # the events of every article, then one table that fits the terminal
                    events = list(coded())
                    writer.write(stream, [c.header for c in CODE_TABLE], code_table_rows(events), TableView(
                        CODE_TABLE, title=f"{format_count(len(events), 'event')} from "
                                          f"{format_count(tally.coded, 'article')}",
                        caption="* historical (the article recalls it); mode: PLOVER auxiliary or event mode",
                        to_file=out is not None))
                else:  # rows written as the articles are coded
                    writer.write(stream, EVENT_FIELDS, ([row[k] for k in EVENT_FIELDS] for row in
                                                        (e.to_row() for e in coded())), TableView(to_file=out is not None))
    except DetenteError as exc:
        raise fail(str(exc)) from None
    if warning := tally.undated_warning():
        console.print(f"detente: warning: {warning}", markup=False, soft_wrap=True)
    if not quiet:
        console.print(f"detente: {tally.summary('coded')}", markup=False, soft_wrap=True)
    if tally.coded == 0:
        raise fail("nothing could be coded" + (f" ({tally.rejects} item(s) rejected)" if tally.rejects
                                               else " (no articles found)"), 2)
    if tally.rejects:
        raise typer.Exit(1)


@app.command("explain")
def explain_cmd(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Article files (.txt, .jsonl, .html, .xml/.rss, .csv), directories, or - for stdin.",
        show_default=False)] = None,
    date: DateOpt = None,
    date_field: DateFieldOpt = None,
    event: Annotated[Optional[str], typer.Option(
        "--event", metavar="ID", help="Explain a stored event instead of coding files: the reasons the store "
        "kept for each of its reports (ids as `detente events` lists them; store from --db).")] = None,
    db: DbOpt = None,
) -> None:
    """Show each event with its sentence, the trigger and actors highlighted, the rule that fired, and why."""
    console = Console()
    console.width = output_width(console, cap=120)
    if event is not None:
        if paths:
            raise fail("give article files to code or --event ID for a stored event, not both")
        from .explain_stored import explain_stored

        explain_stored(db, event, console)
        return
    if not paths:
        raise fail("give article files to code (or --event ID to explain a stored event)")
    from ..pipeline import code_articles

    tally = Tally()
    try:
        items = list(count_articles(_read(paths, date, date_field), tally))
    except DetenteError as exc:
        raise fail(str(exc)) from None
    if warning := tally.undated_warning():
        err.print(f"detente: warning: {warning}", markup=False, soft_wrap=True)
    articles = []
    for item in items:
        if isinstance(item, Rejected):
            err.print(f"detente: rejected {safe(item.item)}: {safe(item.reason)}", markup=False, soft_wrap=True)
        else:
            articles.append(item)
    if not articles:
        raise fail("nothing could be coded", 2)
    for article, result in code_articles(articles):
        console.rule(f"[bold]{escape(safe(article.title or article.id))}[/] · published {article.date or 'unknown'} · id {article.id}")
        if isinstance(result, Exception):
            console.print(f"[red]coding failed:[/] {escape(safe(result))}")
            continue
        if not result:
            console.print("no events")
        for n, e in enumerate(result, 1):
            console.print(explain_panel(n, e, article.body))


def explain_panel(n: int, e: Event, body: str) -> Panel:
    # the last copy of the sentence that starts at or before the trigger
    sent_start = body.rfind(e.sentence_text, 0, e.span_start + len(e.sentence_text))
    text = Text(e.sentence_text)
    if sent_start >= 0:
        text.stylize("bold black on yellow", e.span_start - sent_start, e.span_end - sent_start)
    for actor_text, style in ((e.source_text, "bold white on blue"), (e.target_text, "bold white on red")):
        if actor_text:
            i = e.sentence_text.find(actor_text)
            if i >= 0:
                text.stylize(style, i, i + len(actor_text))
    lines = Text()
    lines.append_text(text)
    lines.append("\n\n")
    head = (f"{e.source_code or '?'} -> {e.target_code or '?'}  CAMEO {e.cameo_code} "
            f"(root {e.cameo_root}, quad {e.quad_class}, Goldstein {e.goldstein:+.1f})  "
            f"PLOVER {e.plover_type or '-'} {e.plover_mode or ''}\n")
    lines.append(head, style="bold")
    lines.append(f"date {date_at_precision(e.date, e.date_precision) or 'unknown'} ({e.date_precision or '-'}){'  historical' if e.historical else ''}"
                 f"   place {e.location_name or '-'}   rule {e.rule}   confidence {e.confidence:.2f}\n")
    for key, why in e.explanation.items():
        lines.append(f"  {key}: ", style="cyan")
        lines.append(f"{why}\n")
    return Panel(lines, title=f"event {n} · sentence {e.sentence_index} · trigger '{e.trigger}'", title_align="left")
