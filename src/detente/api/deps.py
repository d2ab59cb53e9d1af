"""Shared state of one API app: settings, store access and the coder, as FastAPI dependencies.

Reads open the store read-only, one connection per request; a write (POST /api/articles) waits for
the readers to finish and holds the only writable connection while it ingests, because DuckDB refuses
a read-write and a read-only connection to the same file in one process.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from fastapi import Request

from ..errors import StoreError
from ..store import BrowsableStore, open_store


#: Host names the API answers to by default (with the bind address): DNS rebinding protection.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass
class ApiSettings:
    db: Path
    cors_origins: list[str] = field(default_factory=list)
    max_body_bytes: int = 5 * 1024 * 1024
    max_page: int = 500
    max_periods: int = 1000
    #: builds the coder for POST /api/code and /api/articles (default: detente.pipeline.Coder)
    coder_factory: Callable[[], Any] | None = None
    #: the longest a write waits for the store (readers finish, new readers queue behind it): then 503
    write_wait_s: float = 30.0
    #: the longest a read waits while a write holds the store: then 503
    read_wait_s: float = 30.0
    #: POST /api/code without a valid write token: at most this many characters of text (413 beyond)
    max_anonymous_chars: int = 20_000
    #: POST /api/code requests coding or waiting at once; one more gets 429
    code_queue: int = 8
    #: a POST /api/code request (queue wait + coding) ends after this many seconds with 503
    code_timeout_s: float = 60.0
    #: Host header values accepted (no port); others get 400. Empty: LOCAL_HOSTS
    allowed_hosts: list[str] = field(default_factory=list)
    #: GET /api/sql: a query still running after this many seconds is interrupted (408)
    sql_timeout_s: float = 5.0


class Busy(Exception):
    """The store or the coder could not be had in time: the client should retry (503 + Retry-After)."""

    def __init__(self, message: str, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after


class _RWLock:
    """Many readers or one writer; a waiting writer goes before readers that arrive after it.

    Without that preference, readers that overlap one another keep the count above zero forever and a
    writer never gets in. Both sides wait at most ``timeout`` seconds (then Busy)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0

    @contextmanager
    def read(self, timeout: float | None = None) -> Iterator[None]:
        with self._cond:
            if not self._cond.wait_for(lambda: not self._writer and not self._writers_waiting, timeout):
                raise Busy(f"the store is being written; no read slot within {timeout:g} s")
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self, timeout: float | None = None) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                if not self._cond.wait_for(lambda: not self._writer and not self._readers, timeout):
                    raise Busy(f"the store is busy; the write could not start within {timeout:g} s")
            finally:
                self._writers_waiting -= 1
                self._cond.notify_all()  # readers held back by this writer may go on if it gave up
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class StoreGate:
    def __init__(self, path: Path, *, read_wait_s: float | None = None, write_wait_s: float | None = None):
        self.path = path
        self.read_wait_s, self.write_wait_s = read_wait_s, write_wait_s
        self._lock = _RWLock()

    @contextmanager
    def reader(self) -> Iterator[BrowsableStore]:
        with self._lock.read(self.read_wait_s):
            with _browsable(open_store(self.path, read_only=True)) as store:
                yield store

    @contextmanager
    def writer(self) -> Iterator[BrowsableStore]:
        with self._lock.write(self.write_wait_s):
            with _browsable(open_store(self.path)) as store:
                yield store


@contextmanager
def _browsable(store: Any) -> Iterator[BrowsableStore]:
    """``store``, closed afterwards; a backend without the API's reads is a StoreError (503)."""
    try:
        if not isinstance(store, BrowsableStore):
            raise StoreError(f"the {type(store).__name__} backend cannot serve the HTTP API "
                             f"(it does not implement detente.store.protocol.BrowsableStore)")
        yield store
    finally:
        store.close()


class CoderHolder:
    """Loads the coder once, on first use (loading spaCy takes seconds); one article at a time."""

    def __init__(self, factory: Callable[[], Any] | None):
        self._factory = factory
        self._coder: Any = None
        self.lock = threading.Lock()  # held while coding
        self._load_lock = threading.Lock()

    def get(self) -> Any:
        with self._load_lock:
            if self._coder is None:
                if self._factory is not None:
                    self._coder = self._factory()
                else:
                    from ..pipeline import make_coder

                    self._coder = make_coder()
            return self._coder


def settings(request: Request) -> ApiSettings:
    found: ApiSettings = request.app.state.settings  # app.state is untyped: set by create_app
    return found


def read_store(request: Request) -> Iterator[BrowsableStore]:
    """Dependency: a read-only store for this request."""
    with request.app.state.gate.reader() as store:
        yield store


def gate(request: Request) -> StoreGate:
    found: StoreGate = request.app.state.gate
    return found


def coder(request: Request) -> CoderHolder:
    found: CoderHolder = request.app.state.coder
    return found
