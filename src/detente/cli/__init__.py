"""The `detente` command line: a Typer app whose commands live in one module per area.

Each module under detente.cli registers its commands on ``app`` when imported; ``COMMAND_MODULES``
lists them. Commands stay thin: they parse options and call the library.
"""
from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="detente",
    help="Détente: code news articles into CAMEO/PLOVER political events with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules that add commands to ``app`` (imported in this order; help lists commands by name).
COMMAND_MODULES = ("coding", "data", "store_cmds", "serve_cmds", "eval_cmds", "bench_cmds")


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:  # an area not built yet
            if exc.name != f"{__name__}.{name}":
                raise


_register()


def main() -> None:
    """Console-script entry point."""
    app(prog_name="detente")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
