"""``safe``: what the CLI prints about inputs (file names, reject reasons, titles) made harmless.

A file name or reason can hold terminal escape sequences (``\\x1b]0;title\\x07``, ``\\x1b[2J``),
carriage returns that overwrite the line, bidi overrides that reorder it, or undecodable bytes
(surrogate escapes) that stop the write. Every such character is shown as a Python-style escape
(``\\x1b``, ``\\u202e``, ``\\udcff``), so the line stays one line and shows what is really there.
"""
from __future__ import annotations

import re

# C0 controls (tab and newline included: a message is one line), DEL, C1 controls, the bidi
# controls and line/paragraph separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def safe(text: object) -> str:
    """``str(text)`` with control, bidi and surrogate characters escaped (printable text unchanged)."""
    return _UNSAFE.sub(_escape, str(text))
