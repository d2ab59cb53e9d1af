"""One coder thread behind a bounded queue, with a time limit per job (POST /api/code).

Waiting requests hold no worker thread (they await a future), so a burst of /api/code calls cannot
starve the thread pool that serves the other routes; a full queue is refused at once (429). A job
that runs past its deadline is interrupted: the coder is pure Python between spaCy components, so an
exception raised asynchronously in the coder thread (``PyThreadState_SetAsyncExc``) stops it within a
component. The thread is a daemon and ``close()`` interrupts the running job, so shutdown never waits
for a long article.
"""
from __future__ import annotations

import ctypes
import queue
import threading
import time
from concurrent.futures import Future
from typing import Any, Callable


class QueueFull(Exception):
    """No room for another job (429)."""


class CodingTimeout(Exception):
    """The job did not finish before its deadline (503)."""


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in the thread at its next bytecode (None: withdraw a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               None if exc is None else ctypes.py_object(exc))


class CodingQueue:
    def __init__(self, lock: threading.Lock, *, size: int = 8, timeout_s: float = 60.0):
        self.size, self.timeout_s = size, timeout_s
        self._lock = lock  # the coder's lock, shared with POST /api/articles
        self._jobs: queue.Queue[tuple[Callable[[], Any], float, Future[Any]] | None] = queue.Queue()
        self._pending = 0
        self._count_lock = threading.Lock()
        self._state = threading.Lock()  # guards _running_deadline/_interrupted against the timer
        self._closed = False
        self._thread: threading.Thread | None = None
        self._interrupted = False
        self._running = False

    @property
    def pending(self) -> int:
        return self._pending

    def submit(self, fn: Callable[[], Any]) -> Future[Any]:
        """Queue ``fn``; its future gets the result, CodingTimeout, or fn's exception. QueueFull when full."""
        with self._count_lock:
            if self._closed:
                raise CodingTimeout("the server is shutting down")
            if self._pending >= self.size:
                raise QueueFull(f"{self._pending} coding requests are already queued (limit {self.size})")
            self._pending += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="detente-coder", daemon=True)
                self._thread.start()
        fut: Future[Any] = Future()
        self._jobs.put((fn, time.monotonic() + self.timeout_s, fut))
        return fut

    def close(self) -> None:
        """Refuse new jobs, fail the queued ones and interrupt the running one (graceful shutdown)."""
        with self._count_lock:
            self._closed = True
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job[2].set_exception(CodingTimeout("the server is shutting down"))
                self._done()
        self._interrupt()
        self._jobs.put(None)

    # -- the coder thread -------------------------------------------------------------------------
    def _done(self) -> None:
        with self._count_lock:
            self._pending -= 1

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, deadline, fut = job
            try:
                if not fut.set_running_or_notify_cancel():
                    continue
                try:
                    fut.set_result(self._timed(fn, deadline))
                except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                    fut.set_exception(exc if isinstance(exc, Exception) else CodingTimeout(str(exc)))
            finally:
                self._done()

    def _timed(self, fn: Callable[[], Any], deadline: float) -> Any:
        left = deadline - time.monotonic()
        if left <= 0:
            raise CodingTimeout(f"waited {self.timeout_s:g} s in the coding queue")
        if not self._lock.acquire(timeout=left):
            raise CodingTimeout(f"the coder stayed busy for {self.timeout_s:g} s")
        timer = threading.Timer(max(deadline - time.monotonic(), 0.0), self._interrupt)
        try:
            with self._state:
                self._interrupted, self._running = False, True
            timer.start()
            try:
                return fn()
            finally:
                timer.cancel()
                with self._state:
                    self._running = False
                    if self._interrupted:  # raised, or still pending: clear it and raise it here
                        _set_async_exc(threading.get_ident(), None)
                        raise CodingTimeout(f"coding took longer than {self.timeout_s:g} s")
        finally:
            self._lock.release()

    def _interrupt(self) -> None:
        thread = self._thread
        with self._state:
            if thread is None or not self._running or thread.ident is None:
                return
            self._interrupted = True
            _set_async_exc(thread.ident, CodingTimeout)
