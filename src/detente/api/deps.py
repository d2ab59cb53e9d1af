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

from ..store import Store


@dataclass
class ApiSettings:
    db: Path
    cors_origins: list[str] = field(default_factory=list)
    max_body_bytes: int = 5 * 1024 * 1024
    max_page: int = 500
    max_periods: int = 1000
    #: builds the coder for POST /api/code and /api/articles (default: detente.pipeline.Coder)
    coder_factory: Callable[[], Any] | None = None


class _RWLock:
    """Many readers or one writer."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._readers:
                self._cond.wait()
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class StoreGate:
    def __init__(self, path: Path):
        self.path = path
        self._lock = _RWLock()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        with self._lock.read():
            store = Store(self.path, read_only=True)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self._lock.write():
            store = Store(self.path)
            try:
                yield store
            finally:
                store.close()


class CoderHolder:
    """Loads the coder once, on first use (loading spaCy takes seconds); one article at a time."""

    def __init__(self, factory: Callable[[], Any] | None):
        self._factory = factory
        self._coder: Any = None
        self.lock = threading.Lock()

    def get(self) -> Any:
        with self.lock:
            if self._coder is None:
                if self._factory is not None:
                    self._coder = self._factory()
                else:
                    from ..pipeline import Coder

                    self._coder = Coder()
            return self._coder


def settings(request: Request) -> ApiSettings:
    return request.app.state.settings


def read_store(request: Request) -> Iterator[Store]:
    """Dependency: a read-only Store for this request."""
    with request.app.state.gate.reader() as store:
        yield store


def gate(request: Request) -> StoreGate:
    return request.app.state.gate


def coder(request: Request) -> CoderHolder:
    return request.app.state.coder
