"""`detente code` and `detente explain`: code articles and show why each event exists."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Annotated, ContextManager, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from ..errors import DetenteError
from ..outfile import check_out, open_atomic
from ..output import FORMATS, csv_header, events_table, to_csv_rows, to_jsonl
from . import app
from .options import DateOpt, MinConfidenceOpt, OutOpt, WorkersOpt, check_inputs, parse_date, parse_min_confidence
from .safe_text import safe

err = Console(stderr=True, highlight=False)

PathsArg = Annotated[list[str], typer.Argument(help="Article files (.txt, .jsonl, .html, .xml/.rss, .csv), directories, or - for stdin.")]


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"detente: error: {safe(message)}", markup=False, soft_wrap=True)  # one line, however long
    return typer.Exit(code)


def _read(paths: list[str], date: str | None):
    from ..ingest import read_inputs

    default_date = parse_date(date)
    check_inputs(paths)
    return read_inputs(paths, default_date=default_date)


def _output(out: Path | None) -> ContextManager[IO[str]]:
    """stdout, or ``out`` written atomically (nothing is left behind if coding fails)."""
    return nullcontext(sys.stdout) if out is None else open_atomic(out)


@app.command("code")
def code_cmd(
    paths: PathsArg,
    date: DateOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format: table, jsonl or csv.")] = "table",
    out: OutOpt = None,
    workers: WorkersOpt = 1,
    engine: Annotated[str, typer.Option("--engine", help="Where to code: local (this machine) or ray (a Ray cluster).")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (with --engine ray; default: a local Ray).")] = None,
    min_confidence: MinConfidenceOpt = "0",
) -> None:
    """Code articles into events (one row per event). Exit 1 if some items were rejected, 2 if nothing was coded."""
    from ..ingest import Rejected
    from ..pipeline import CoderSettings
    from ..scale.engines import open_coder

    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        floor = parse_min_confidence(min_confidence)
        items = _read(paths, date)  # lazy: nothing is read before the output is known to be safe
        check_out(out, inputs=paths)
    except DetenteError as exc:
        raise fail(str(exc)) from None
    n_ok = n_rej = 0
    table_events = []
    rejected: list = []

    def articles():
        nonlocal n_rej
        for item in items:
            if isinstance(item, Rejected):
                n_rej += 1
                rejected.append(item)
                err.print(f"detente: rejected {safe(item.item)}: {safe(item.reason)}", markup=False, soft_wrap=True)
            else:
                yield item

    try:
        with _output(out) as stream:
            if fmt == "csv":
                stream.write(csv_header())
            settings = CoderSettings(min_confidence=floor) if floor > 0 else None  # None: the shared default coder
            with open_coder(engine, workers=workers, address=address, settings=settings) as coder:
                for article, result in coder.code_many(articles()):
                    if isinstance(result, Exception):
                        n_rej += 1
                        err.print(f"detente: rejected {safe(article.origin or article.id)}: coding failed: {safe(result)}",
                                  markup=False, soft_wrap=True)
                        continue
                    n_ok += 1
                    if fmt == "jsonl":
                        stream.write(to_jsonl(result))
                    elif fmt == "csv":
                        stream.write(to_csv_rows(result))
                    else:
                        table_events.extend(result)
            if fmt == "table":
                console = Console(file=stream, width=160) if out else Console(width=160)
                console.print(events_table(table_events, title=f"{len(table_events)} events from {n_ok} articles"))
                console.print("* historical (the article recalls it); mode: PLOVER auxiliary or event mode")
    except DetenteError as exc:
        raise fail(str(exc)) from None
    if n_ok == 0:
        raise fail("nothing could be coded" + (f" ({n_rej} item(s) rejected)" if n_rej else " (no articles found)"), 2)
    if n_rej:
        raise typer.Exit(1)


@app.command("explain")
def explain_cmd(
    paths: PathsArg,
    date: DateOpt = None,
) -> None:
    """Show each event with its sentence, the trigger and actors highlighted, the rule that fired, and why."""
    from ..ingest import Rejected
    from ..pipeline import code_articles

    console = Console(width=120)
    try:
        items = list(_read(paths, date))
    except DetenteError as exc:
        raise fail(str(exc)) from None
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


def explain_panel(n: int, e, body: str) -> Panel:
    sent_start = body.rfind(e.sentence_text, 0, e.span_start + 1)
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
    lines.append(f"date {e.date or 'unknown'} ({e.date_precision or '-'}){'  historical' if e.historical else ''}"
                 f"   place {e.location_name or '-'}   rule {e.rule}   confidence {e.confidence:.2f}\n")
    for key, why in e.explanation.items():
        lines.append(f"  {key}: ", style="cyan")
        lines.append(f"{why}\n")
    return Panel(lines, title=f"event {n} · sentence {e.sentence_index} · trigger '{e.trigger}'", title_align="left")
