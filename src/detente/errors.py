"""Coded errors. Library code raises these; the CLI turns them into one line and an exit code.

E100 input, E200 data file, E300 store, E400 usage, E500 output file.
"""
from __future__ import annotations


class DetenteError(Exception):
    """Base class: ``code`` is a stable identifier such as ``E101``."""

    code = "E000"

    def __init__(self, message: str, *, item: str | None = None):
        self.item = item
        super().__init__(message)

    def __str__(self) -> str:
        msg = super().__str__()
        return f"[{self.code}] {self.item}: {msg}" if self.item else f"[{self.code}] {msg}"


class InputError(DetenteError):
    """An input item cannot be read or is not a usable article."""

    code = "E100"


class DataFileError(DetenteError):
    """A knowledge file (codebook, dictionary, patterns) is invalid."""

    code = "E200"


class StoreError(DetenteError):
    """The event store cannot be opened or written."""

    code = "E300"


class UsageError(DetenteError):
    """Bad arguments from the user (dates, formats, paths)."""

    code = "E400"


class OutputError(DetenteError):
    """An output file (--out, --report) cannot be written, e.g. the disk is full."""

    code = "E500"
