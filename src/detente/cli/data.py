"""`detente validate`: check every knowledge file (codebook, patterns, lexicon, actors, dates, language data)."""
from __future__ import annotations

import importlib

import typer
from rich.console import Console

from . import app

#: (label, module, function) — each function returns a list of "file:line [field] msg" errors.
VALIDATORS = (
    ("CAMEO codebook", "detente.ontology", "validate_codebook"),
    ("event patterns", "detente.events.patterns", "validate_pattern_files"),
    ("event lexicon", "detente.events.lexicon", "validate_lexicon"),
    ("mode recoding", "detente.events.recoding", "validate_recoding"),
    ("actor dictionaries", "detente.actors", "validate_actor_data"),
    ("date vocabulary", "detente.dates", "validate_date_data"),
    ("place gazetteer", "detente.geo", "validate_geo_data"),
    ("language data", "detente.nlp.language", "validate_language_data"),
    ("trained models", "detente.events.decider", "validate_models"),
)


@app.command("validate")
def validate_cmd() -> None:
    """Validate the knowledge files (codebook, verb patterns, actor dictionaries...) and print file:line errors."""
    console = Console(highlight=False)
    total = 0
    for label, module, func in VALIDATORS:
        try:
            check = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            console.print(f"[yellow]skip[/] {label}: no validator ({module}.{func})")
            continue
        errors = check()
        total += len(errors)
        status = "[green]ok[/]" if not errors else f"[red]{len(errors)} error(s)[/]"
        console.print(f"{status} {label}")
        for e in errors:
            console.print(f"  {e}", markup=False)
    if total:
        raise typer.Exit(1)
