"""`detente eval`: score the coder on gold files (thin wrapper over detente.evaluation)."""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from . import app
from ..errors import DetenteError
from ..outfile import check_out, open_atomic
from .safe_text import safe

#: Tests swap in a fake coder here; None means the real detente.pipeline.Coder.
CODER_FACTORY: Any = None

#: --coder choices: the shipped coder, its candidates before the trained decider filters them (candidate
#: recall is their type recall), and the rules alone (no decider, proposals, headline, place carrying or inference)
CODER_VARIANTS = {
    "shipped": {},
    "candidates": {"decider": False},
    "rules": {"decider": False, "propose": False, "headline_once": False, "carry_locations": False,
              "infer_locations": False},
}


@app.command("eval")
def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (PLOVER GSR or Détente format).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object with all metrics.")] = False,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write a markdown error-analysis report.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Score only the first N gold records.")] = None,
    coder_variant: Annotated[str, typer.Option(
        "--coder", help="shipped (default); candidates: the decider off, so type recall is candidate recall; "
                        "rules: the rules alone, no trained component.")] = "shipped",
) -> None:
    """Code the gold sentences in one batched pass and print precision, recall, F1 and actor accuracy."""
    from ..evaluation import evaluate
    from ..evaluation.report import by_type_table, markdown_report, summary_table

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if coder_variant not in CODER_VARIANTS:
        err.print(f"detente: error: --coder must be one of {', '.join(CODER_VARIANTS)}", markup=False)
        raise typer.Exit(2)
    missing = [str(p) for p in gold if not p.is_file()]
    if missing:  # a bad argument, not bad gold data: one line, exit 2
        err.print(f"detente: error: no such gold file: {safe(', '.join(missing))}", markup=False)
        raise typer.Exit(2)
    try:
        check_out(report, inputs=gold, option="--report")
    except DetenteError as exc:
        err.print(f"detente: error: {safe(exc)}", markup=False)
        raise typer.Exit(2) from None
    try:
        coder = CODER_FACTORY() if CODER_FACTORY is not None else _variant_coder(coder_variant)
        result = evaluate(gold, coder=coder, limit=limit)
    except DetenteError as exc:
        err.print(f"error: {safe(exc)}", markup=False)
        raise typer.Exit(1) from None
    for problem in result.problems:
        err.print(f"skipped: {safe(problem)}", markup=False)
    for problem in result.scores.coder_errors:
        err.print(f"coder error: {safe(problem)}", markup=False)
    if result.scores.n == 0:
        err.print("error: no gold record could be scored", markup=False)
        raise typer.Exit(2)
    summary = result.summary()
    if report is not None:
        try:
            with open_atomic(report) as fh:
                fh.write(markdown_report(result, _command_line(gold, limit, coder_variant)))
        except DetenteError as exc:
            err.print(f"error: cannot write report: {safe(exc)}", markup=False)
            raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
        return
    out = Console(highlight=False)
    out.print(summary_table(summary))
    out.print(by_type_table(summary))
    if report is not None:
        out.print(f"report written to {safe(report)}", markup=False)


def _variant_coder(variant: str) -> Any:
    """None (evaluate's default coder) for the shipped coder, else a Coder with the variant's settings."""
    if variant == "shipped":
        return None
    from ..pipeline import Coder, CoderSettings  # late: loads spaCy
    return Coder(settings=CoderSettings(**CODER_VARIANTS[variant]))


def _command_line(gold: list[Path], limit: int | None, variant: str = "shipped") -> str:
    """The command that reproduces the scores (for the report header)."""
    parts = ["detente", "eval", *(shlex.quote(str(p)) for p in gold)]
    parts += ["--limit", str(limit)] if limit else []
    return " ".join(parts + (["--coder", variant] if variant != "shipped" else []))
