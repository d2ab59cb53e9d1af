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
    """Console-script entry point: usage errors come out as one line (`detente: error: ...`, exit 2)."""
    if len(sys.argv) <= 1:
        app(prog_name="detente")  # no arguments: the help screen
        return
    try:
        code = app(prog_name="detente", standalone_mode=False)
    except KeyboardInterrupt:
        sys.stderr.write("detente: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # Typer vendors Click: its usage errors carry format_message/exit_code
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        if type(exc).__name__ == "Abort":
            sys.stderr.write("detente: aborted\n")
            sys.exit(1)
        command = getattr(getattr(getattr(exc, "ctx", None), "command", None), "name", None)
        hint = f" (see: detente {command} --help)" if command and command != "detente" else ""
        from .safe_text import safe

        sys.stderr.write(f"detente: error: {safe(exc.format_message())}{hint}\n")
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()  # it exits with the command's code
