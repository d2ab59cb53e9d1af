"""Catalogue registries (as spaCy uses): the plug-in points for export formats and store backends.

``exporters``: name -> ``detente.store.exporters.Exporter`` (`detente export --format NAME`).
``stores``: name -> a factory ``(location: str, *, read_only: bool) -> EventStore`` (`--db NAME:LOCATION`).

The built-in entries are registered when ``detente.store`` is imported. A plug-in package adds its own
through the entry-point groups ``detente_exporters`` and ``detente_stores`` (loaded on lookup), or by
calling ``register`` itself; docs/extending.md has an example of each.
"""
from __future__ import annotations

import catalogue

exporters = catalogue.create("detente", "exporters", entry_points=True)
stores = catalogue.create("detente", "stores", entry_points=True)
