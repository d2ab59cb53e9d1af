"""With the start-up warm-up (`detente serve`, ``create_app(warm_coder=True)``) the actor name index is
built before the first request, so the first name search after /api/health does not build it (3-10 s)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from detente.api import actor_search, create_app
from detente.testing.fixtures import FixtureCoder


class CountingIndex(actor_search.ActorIndex):
    built = 0

    def __init__(self, *args: object, **kwargs: object) -> None:
        type(self).built += 1
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def counting_index(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[CountingIndex]]:
    monkeypatch.setattr(actor_search, "ActorIndex", CountingIndex)
    CountingIndex.built = 0
    actor_search._index.cache_clear()
    yield CountingIndex
    actor_search._index.cache_clear()  # the next user builds the real class again


def test_warm_up_builds_the_actor_index_before_the_first_request(fixture_db, counting_index) -> None:
    app = create_app(fixture_db, coder_factory=FixtureCoder, warm_coder=True)
    assert counting_index.built == 0 and not actor_search.index_built()  # creating the app builds nothing
    with TestClient(app, base_url="http://localhost") as client:  # runs the start-up handlers
        assert counting_index.built == 1 and actor_search.index_built()
        assert client.get("/api/health").status_code == 200
        r = client.get("/api/events", params={"country": "Türkiye", "limit": 1})
        assert r.status_code == 200, r.text
        assert client.get("/api/actors", params={"q": "Turkey"}).status_code == 200
    assert counting_index.built == 1  # the requests used the index built at start-up


def test_without_warm_up_the_first_name_search_builds_it(fixture_db, counting_index) -> None:
    with TestClient(create_app(fixture_db, coder_factory=FixtureCoder), base_url="http://localhost") as client:
        assert counting_index.built == 0
        assert client.get("/api/events", params={"country": "TUR", "limit": 1}).status_code == 200
        assert counting_index.built == 0  # a code never needs the index
        assert client.get("/api/events", params={"country": "Türkiye", "limit": 1}).status_code == 200
    assert counting_index.built == 1


def test_an_index_that_cannot_be_built_leaves_the_server_up(fixture_db, counting_index, monkeypatch) -> None:
    def broken() -> object:
        raise OSError("actor files unreadable")

    monkeypatch.setattr(actor_search, "load_actor_dictionary", broken)
    with TestClient(create_app(fixture_db, coder_factory=FixtureCoder, warm_coder=True),
                    base_url="http://localhost") as client:
        assert not actor_search.index_built()
        assert client.get("/api/health").status_code == 200
        assert client.get("/api/events", params={"country": "TUR", "limit": 1}).status_code == 200
