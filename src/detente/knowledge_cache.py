"""Compiled knowledge: each knowledge object is built once from its source files and kept as a pickle.

Building the pattern set, the actor dictionary, its phrase table and the gazetteer from YAML/CSV takes
seconds; reading them back from a pickle takes a fraction of one. An entry is keyed by the sha256 of
its source files (path and bytes), the code that builds it, the Détente version and ``FORMAT_VERSION``,
so editing a data file, the code or upgrading picks a new key and never reads a stale entry.

Where: ``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente``, else ``~/.cache/detente``. Deleting the
folder clears it. The cache is an optimisation only: an unwritable folder, a truncated or corrupt file or
one from another version is ignored and the object is rebuilt from source. A file holds a header line,
the sha256 of the pickle and the pickle; the digest is checked before unpickling, so only a complete
file written by this module is read. Like any pickle, an entry is as trusted as the folder it lies in:
keep the cache folder private to its user (the default ones are).
"""
from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from . import __version__

#: Bump when the layout of a cached object changes in a way its source files do not show.
FORMAT_VERSION = 1
MAGIC = b"detente-knowledge-cache\n"
#: Entries kept per kind: older ones (previous edits of the data) are removed when a new one is written.
KEEP_PER_KIND = 4

T = TypeVar("T")


def cache_dir() -> Path:
    """The folder that holds compiled knowledge (it need not exist yet)."""
    explicit = os.environ.get("DETENTE_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "detente"


def content_key(kind: str, files: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """sha256 over the format, the Détente version, ``extra`` and each file's resolved path and bytes.

    Raises OSError when a file cannot be read (the caller builds from source and reports the error)."""
    h = hashlib.sha256(f"{kind}\0{FORMAT_VERSION}\0{__version__}\0".encode())
    for item in extra:
        h.update(item.encode() + b"\0")
    for path in files:
        data = Path(path).read_bytes()
        h.update(f"{Path(path).resolve()}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def load_or_build(kind: str, files: Iterable[Path], build: Callable[[], T], expected: type[T],
                  extra: Iterable[str] = ()) -> tuple[T, str | None]:
    """The object compiled from ``files``: read from the cache, or built by ``build`` and stored.

    Returns the object and its content key (None when a source file could not be read, in which case
    ``build`` runs and raises its own clear error). Never raises for a cache problem."""
    try:
        key = content_key(kind, files, extra)
    except OSError:
        return build(), None
    try:
        path = cache_dir() / f"{kind}-{key[:40]}.pickle"
    except RuntimeError:  # no $HOME and no passwd entry (some containers): no cache, still code
        return build(), key
    cached = _read(path, expected)
    if cached is not None:
        return cached, key
    obj = build()
    _write(path, obj)
    return obj, key


def _read(path: Path, expected: type[T]) -> T | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if len(raw) <= head or not raw.startswith(MAGIC):
        return None
    payload = memoryview(raw)[head:]
    if hashlib.sha256(payload).digest() != raw[len(MAGIC):head]:
        return None  # truncated or damaged: rebuild
    try:
        with _gc_paused():
            obj = pickle.loads(payload)
    except Exception:  # a class that moved or changed shape since: rebuild
        return None
    return obj if isinstance(obj, expected) else None


def _write(path: Path, obj: object) -> None:
    """Write atomically (temp file + rename) so a reader never sees half a file; skip on any OSError."""
    buf = io.BytesIO()
    try:
        _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    except Exception:  # something unpicklable (a user subclass holding a handle): just don't cache it
        return
    payload = buf.getbuffer()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC)
            fh.write(hashlib.sha256(payload).digest())
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
        _prune(path)
    except OSError:
        pass  # read-only home, full disk: the cache is an optimisation, coding goes on
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(newest: Path) -> None:
    kind = newest.name.rsplit("-", 1)[0]
    others = [p for p in newest.parent.glob(f"{kind}-*.pickle") if p.name.rsplit("-", 1)[0] == kind and p != newest]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEEP_PER_KIND - 1:]:
        old.unlink(missing_ok=True)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Unpickling creates ~100k objects; the cyclic collector would scan them again and again (3x slower)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def rebuild_model(cls: type[BaseModel], values: dict[str, Any], fields_set: frozenset[str]) -> BaseModel:
    """A pydantic model from its field values, as it was when pickled (validated then), without
    pydantic's per-object ``__setstate__``; ~3x faster for the 20k people of the actor dictionary."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields_set))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self._field_sets: dict[frozenset[str], frozenset[str]] = {}  # one object per distinct set: pickled once

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel) and not obj.__pydantic_extra__ and not obj.__pydantic_private__:
            fields_set = frozenset(obj.__pydantic_fields_set__)
            return rebuild_model, (type(obj), obj.__dict__, self._field_sets.setdefault(fields_set, fields_set))
        return NotImplemented
