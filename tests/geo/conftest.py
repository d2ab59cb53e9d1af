"""Fixtures for the geo tests (shared with the other stage tests in tests/nlp_fixtures.py)."""
from nlp_fixtures import PUB, SEED, nlp, seed_doc, token  # noqa: F401  (fixtures and helpers)
