"""Progress and summaries for long commands (`code`, `ingest`, `bench`): what is happening, on stderr.

On a terminal a Rich progress bar shows articles done (of the total when it is known), the rate,
the events so far and the rejects; in a pipe or a CI log there is no bar, only the one-line summary
at the end (``coded 2,225 articles → 5,561 events, 3 rejected, 6 min 40 s``). stdout stays the
command's output; ``--quiet`` turns both off. The tally also counts articles without a publication
date, for the warning that their relative dates stay unresolved.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TaskID, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from ..ingest.items import Rejected
from ..models import Article, Event


def stderr_console() -> Console:
    """A console on stderr, made when the command runs (so FORCE_COLOR / TTY_COMPATIBLE apply).

    soft_wrap: a summary line stays one line (a long path is not broken at 80 columns when stderr is a
    pipe), so scripts can read it; a terminal still wraps it visually."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def format_count(n: int, noun: str) -> str:
    """``1 article``, ``2,225 articles``."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def format_duration(seconds: float) -> str:
    """``0.4 s``, ``12 s``, ``6 min 40 s``, ``1 h 02 min``: as precise as a person reads it."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def format_size(n_bytes: int) -> str:
    """``512 bytes``, ``40.0 KB``, ``7.9 MB``, ``1.2 GB`` (powers of 1000, as `ls -lh --si` shows)."""
    if n_bytes < 1000:
        return f"{n_bytes:,} bytes"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if n_bytes < scale * 1000 or unit == "GB":
            return f"{n_bytes / scale:,.1f} {unit}"
    raise AssertionError("unreachable")


@dataclass
class Tally:
    """What went through a run: articles read and coded, events, rejects, undated articles."""

    articles: int = 0  # articles read (rejected items not included)
    undated: int = 0  # of those, articles with no publication date
    coded: int = 0  # articles the coder returned events for
    events: int = 0
    rejects: int = 0  # items rejected by a reader or the coder
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self, verb: str = "coded") -> str:
        """``coded 2,225 articles → 5,561 events, 3 rejected, 6 min 40 s``."""
        return (f"{verb} {format_count(self.coded, 'article')} → {format_count(self.events, 'event')}, "
                f"{self.rejects:,} rejected, {format_duration(self.seconds)}")

    def undated_warning(self) -> str | None:
        """The warning for articles without a publication date (None when every article has one)."""
        if not self.undated:
            return None
        return (f"{self.undated:,} of {format_count(self.articles, 'article')} "
                f"{'has' if self.undated == 1 else 'have'} no date: their relative dates "
                "(\"on Tuesday\", \"last month\") stay unresolved; use --date YYYY-MM-DD or --date-field FIELD")


def count_articles(items: Iterable[Any], tally: Tally) -> Iterator[Any]:
    """Pass ``items`` through unchanged, counting articles (and the undated ones) and rejected items
    as they are read."""
    for item in items:
        if isinstance(item, Article):
            tally.articles += 1
            if item.date is None:
                tally.undated += 1
        elif isinstance(item, Rejected):
            tally.rejects += 1
        yield item


class _Coder(Protocol):
    def code_many(self, articles: Iterable[Article]) -> Iterable[tuple[Article, list[Event] | Exception]]: ...


class CountingCoder:
    """Wraps a coder: counts coded articles, events and coding failures, and moves the bar along."""

    def __init__(self, coder: _Coder, tally: Tally, bar: "RunProgress | None" = None):
        self.coder, self.tally, self.bar = coder, tally, bar

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        for article, result in self.coder.code_many(articles):
            if isinstance(result, BaseException):
                self.tally.rejects += 1
            else:
                self.tally.coded += 1
                self.tally.events += len(result)
            if self.bar is not None:
                self.bar.update()
            yield article, result


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


class RunProgress:
    """One bar for one run: articles done (of ``total`` when known), rate, events and rejects so far."""

    def __init__(self, progress: Progress, task: TaskID, tally: Tally, total: int | None):
        self.progress, self.task, self.tally, self.total = progress, task, tally, total

    def update(self, advance: int = 1) -> None:
        self.progress.update(self.task, advance=advance, events=self.tally.events, rejects=self.tally.rejects)
        if self.total is not None and self.progress.tasks[0].completed > self.total:
            self.progress.update(self.task, total=None)  # the estimate was low: no ETA rather than a wrong one

    def set_total(self, total: int | None) -> None:
        self.total = total
        self.progress.update(self.task, total=total)


@contextmanager
def run_progress(console: Console, label: str, tally: Tally, total: int | None = None, *,
                 quiet: bool = False) -> Iterator[RunProgress]:
    """A progress bar on ``console`` while the block runs; shown only on a terminal and not ``quiet``."""
    columns = (TextColumn(f"[bold]{label}"), BarColumn(bar_width=20), MofNCompleteColumn(), RateColumn(),
               TextColumn("{task.fields[events]:,} events · {task.fields[rejects]:,} rejected"),
               TimeRemainingColumn(), TimeElapsedColumn())
    # stdout is never redirected through the bar: it carries the command's output, byte for byte
    with Progress(*columns, console=console, transient=False, redirect_stdout=False,
                  disable=quiet or not console.is_terminal) as bar:
        task = bar.add_task(label, total=total, events=0, rejects=0)
        yield RunProgress(bar, task, tally, total)


#: estimate_items reads at most this many bytes in all (then the count is unknown: no ETA).
ESTIMATE_BUDGET = 1 << 30


def estimate_items(paths: list[str], budget: int = ESTIMATE_BUDGET) -> int | None:
    """A quick item count for the progress bar's ETA (JSONL/CSV lines, one per other file).

    Lines are counted in 1 MiB chunks (a one-line 1 GB file costs 1 MiB, not 1 GB), only in regular
    files, and only up to ``budget`` bytes in all; None (unknown) when that is not enough."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if suffix in (".jsonl", ".ndjson", ".csv"):
                if not f.is_file():
                    return None  # a FIFO (read once, by the command itself) or a device: unknown count
                n, budget = _count_lines(f, budget)
                if n is None:
                    return None
                total += max(n - (1 if suffix == ".csv" else 0), 1)
            elif suffix in (".xml", ".rss", ".atom", ".json"):
                return None  # feeds and JSON arrays: unknown item count without parsing
            else:
                total += 1
    return total


def _count_lines(file: Path, budget: int) -> tuple[int | None, int]:
    """(lines in ``file``, budget left), reading 1 MiB at a time; (None, 0) past the budget."""
    n, last = 0, b"\n"
    try:
        with file.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                budget -= len(chunk)
                if budget < 0:
                    return None, 0
                n += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1, budget
    return n + (last != b"\n"), budget
