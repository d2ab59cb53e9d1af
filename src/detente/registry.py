"""Catalogue registries (as spaCy uses): the plug-in points for export formats, output formats and
store backends.

``exporters``: name -> ``detente.store.exporters.Exporter`` (`detente export --format NAME`).
``output_formats``: name -> ``detente.output.OutputFormat`` (`--format NAME` of `detente code`, `events`,
`query` and `dyad`: rows to the terminal, a pipe or ``--out``).
``stores``: name -> a factory ``(location: str, *, read_only: bool) -> EventStore`` (`--db NAME:LOCATION`).

The built-in entries are registered when ``detente.store`` (exporters, stores) or ``detente.output``
(output formats) is imported. A plug-in package adds its own through the entry-point groups
``detente_exporters``, ``detente_output_formats`` and ``detente_stores`` (loaded on lookup), or by
calling ``register`` itself; docs/extending.md has an example of each.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import catalogue

from .errors import UsageError

T = TypeVar("T")

exporters = catalogue.create("detente", "exporters", entry_points=True)
output_formats = catalogue.create("detente", "output_formats", entry_points=True)
stores = catalogue.create("detente", "stores", entry_points=True)


def lookup(registry: Any, name: str, expected: type[T], *, what: str, choices: Callable[[], list[str]]) -> T:
    """The entry ``name`` of ``registry``: a UsageError naming the choices when there is none, and one
    naming the expected class when a plug-in registered something else under that name."""
    try:
        entry = registry.get(name)
    except catalogue.RegistryError:
        raise UsageError(f"unknown {what} {name!r}: choose one of {', '.join(choices())}") from None
    if not isinstance(entry, expected):
        raise UsageError(f"{what} {name!r} is registered as a {type(entry).__name__}, "
                         f"not a {expected.__module__}.{expected.__qualname__}")
    return entry
