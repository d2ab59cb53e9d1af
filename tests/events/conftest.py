from pathlib import Path

import pytest

from detente.events.lexicon import load_lexicon
from detente.events.patterns import load_patterns
from detente.nlp import load_nlp

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def mini_patterns():
    return load_patterns((FIXTURES / "mini_patterns.yaml",))


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()
