"""Ingest: files, folders and stdin -> ``Article`` objects or ``Rejected`` items with a reason.

    from detente.ingest import read_inputs, Rejected
    for item in read_inputs(["news/", "feed.xml"], default_date=date(2025, 3, 26)):
        ...

Formats and rejection reasons: docs/input-formats.md.
"""
from .readers import MAX_ARTICLE_BYTES, SUPPORTED_SUFFIXES, Rejected, read_inputs

__all__ = ["read_inputs", "Rejected", "SUPPORTED_SUFFIXES", "MAX_ARTICLE_BYTES"]
