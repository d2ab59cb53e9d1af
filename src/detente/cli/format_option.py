"""The ``--format`` option of `detente code`, `events`, `query` and `dyad`: its choices are the formats
registered in ``detente.registry.output_formats`` (plug-ins included), looked up when the command line is
read or ``--help`` is drawn, never at import (loading plug-ins would slow every command's start)."""
from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.models import OptionInfo


class _FormatOptionInfo(OptionInfo):
    """Typer reads ``metavar`` each time it builds the command (each run, each --help): the choices of
    that moment, plug-ins registered since import included."""

    @property
    def metavar(self) -> str:
        from ..output import output_format_names

        return "[" + "|".join(output_format_names()) + "]"

    @metavar.setter
    def metavar(self, value: Any) -> None:  # OptionInfo.__init__ sets it: the property decides
        pass


def _format_option() -> Any:
    # the value is checked by the command (detente.output.output_format), so a bad one is its one error line
    info = typer.Option("--format", "-f", help="Output format: table, csv, jsonl or a plug-in format (docs/extending.md).")
    info.__class__ = _FormatOptionInfo
    return info


FormatOpt = Annotated[str, _format_option()]
