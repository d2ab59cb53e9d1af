"""Helpers that tests, demos and benchmarks share (library code, importable without pytest)."""
from detente.testing.expectations import (
    check_article,
    describe,
    event_problems,
    load_expectations,
    match_expected,
    must_not_hits,
    split_known_gaps,
    validate_expectations,
)

__all__ = [
    "check_article",
    "describe",
    "event_problems",
    "load_expectations",
    "match_expected",
    "must_not_hits",
    "split_known_gaps",
    "validate_expectations",
]
