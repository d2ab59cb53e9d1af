"""`detente bench`: parse-only vs end-to-end throughput on one corpus, in one run."""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..errors import DetenteError
from . import app
from .coding import fail
from .options import QuietOpt
from .progress import format_count, format_duration, stderr_console
from .tables import output_width

#: Keys `--json` always prints (more may follow).
JSON_KEYS = ("articles", "sentences", "parse_only_sentences_per_s", "end_to_end_sentences_per_s", "ratio",
             "peak_rss_mb", "workers")


@contextmanager
def bench_status(console: Console, *, quiet: bool = False) -> Iterator[Callable[[str], None]]:
    """A spinner with the current step on a terminal (nothing in a pipe or with ``quiet``); yields the
    ``on_phase`` callback for run_bench. Only whole steps are shown: counting articles inside the timed
    runs would change what is measured."""
    if quiet or not console.is_terminal:
        yield lambda _text: None
        return
    with console.status("bench: starting") as status:
        yield lambda text: status.update(f"bench: {text}")


@app.command("bench")
def bench_cmd(
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="Articles file (default: the Reuters-21578 "
                                                   "JSONL in ../shared/data/reuters21578).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Use the first N articles.")] = 1000,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes for both runs.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a table.")] = False,
    no_prefilter: Annotated[bool, typer.Option("--no-prefilter", help="Code every sentence (no prefilter).")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Measure spaCy parse-only vs Détente end-to-end throughput (sentences/s, articles/s, ratio, peak RSS).

    Both runs first process the next 100 articles of the corpus untimed (warm-up, in every worker).

    The current step (on a terminal) and a one-line summary go to stderr; --quiet drops both.
    """
    from ..bench import run_bench

    console, started = stderr_console(), time.perf_counter()
    try:
        with bench_status(console, quiet=quiet) as on_phase:
            res = run_bench(corpus, limit=limit, workers=workers, prefilter=not no_prefilter, on_phase=on_phase)
    except DetenteError as exc:
        raise fail(str(exc)) from None
    if not quiet:
        console.print(f"detente: benchmarked {format_count(res.articles, 'article')} "
                      f"({format_count(res.sentences, 'sentence')}) → {format_count(res.events, 'event')}, "
                      f"{res.failed_articles:,} failed, {format_duration(time.perf_counter() - started)}",
                      markup=False, soft_wrap=True)
    data = res.as_dict()
    if as_json:
        ordered = {k: data[k] for k in JSON_KEYS} | {k: v for k, v in data.items() if k not in JSON_KEYS}
        typer.echo(json.dumps(ordered))
        return
    table = Table(title=f"{res.articles} articles, {res.sentences} sentences, {res.workers} worker(s), "
                        f"model {res.model}")
    for col in ("run", "seconds", "sentences/s", "articles/s"):
        table.add_column(col, justify="right" if col != "run" else "left")
    table.add_row("(a) parse-only: nlp.pipe over every sentence", f"{res.parse_only_seconds:.2f}",
                  f"{res.parse_only_sentences_per_s:,.1f}", f"{res.parse_only_articles_per_s:,.2f}")
    pf = f"prefilter {'on' if res.prefilter else 'off'}: {res.parsed_sentences} sentences parsed"
    table.add_row(f"(b) end-to-end coding ({pf})", f"{res.end_to_end_seconds:.2f}",
                  f"{res.end_to_end_sentences_per_s:,.1f}", f"{res.end_to_end_articles_per_s:,.2f}")
    console = Console()
    console.width = output_width(console, cap=140)
    console.print(table)
    console.print(f"ratio b/a = {res.ratio:.2f}   peak RSS per worker = {res.peak_rss_mb:.0f} MB "
                  f"({', '.join(f'{x:.0f}' for x in res.worker_peak_rss_mb)})   events = {res.events}   "
                  f"failed articles = {res.failed_articles}")
    console.print(f"CPU seconds: parse-only {res.parse_only_cpu_seconds:.2f}, end-to-end {res.end_to_end_cpu_seconds:.2f} "
                  f"(ratio {res.cpu_ratio:.2f}; not skewed by other jobs on the machine)")
