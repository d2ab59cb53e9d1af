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


@pytest.fixture(scope="module")
def code(request):
    """Code a sentence once per module run, published on the module's ``DAY`` (the coder and its model
    are loaded on first use)."""
    from detente.pipeline import code_article

    day = request.module.DAY
    cache: dict[str, list] = {}

    def run(text: str) -> list:
        if text not in cache:
            cache[text] = code_article(text, day)
        return cache[text]

    return run
