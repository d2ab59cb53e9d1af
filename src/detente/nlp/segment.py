"""Cheap sentence segmentation with character offsets, before any parsing.

The prefilter needs sentences before spaCy runs, and provenance needs offsets into the original
article. ``split_sentences`` cuts at line breaks and at sentence-final punctuation followed by a
capitalised word, except after known abbreviations ("U.S.", "Mr.", "Jan.") and initials.

It is Détente's one sentence splitter: the layout numbers an article's sentences with it (the
``sentence_index`` of every event), and the store's sentence count, the fixture coder, the benchmarks
and the gold sampler use the same split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .language import language_data

ABBREVIATIONS = language_data().abbreviations  # nlp/lang/en.yaml

_BOUNDARY = re.compile(r"""([.!?]["'’”)\]]*)\s+(?=["'‘“(\[]?[A-Z0-9])""")
_LINE = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Segment:
    start: int  # char offset in the original text
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the word ending at text[dot] (a '.') an abbreviation or an initial?"""
    i = dot
    while i > 0 and not text[i - 1].isspace() and text[i - 1] not in "(\"'“‘":
        i -= 1
    word = text[i:dot].lower().rstrip(".")
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word


def split_sentences(text: str) -> list[Segment]:
    """Sentences (and headings/lines) of ``text`` with their offsets; empty ones dropped."""
    out: list[Segment] = []
    pos = 0
    for line_match in list(_LINE.finditer(text)) + [None]:
        line_end = line_match.start() if line_match else len(text)
        _split_line(text, pos, line_end, out)
        if line_match:
            pos = line_match.end()
    return out


def _split_line(text: str, start: int, end: int, out: list[Segment]) -> None:
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        punct_end = m.end(1)
        if text[m.start(1)] == "." and _is_abbreviation(text, m.start(1)):
            continue
        _add(text, cur, punct_end, out)
        cur = m.end()
    _add(text, cur, end, out)


def _add(text: str, start: int, end: int, out: list[Segment]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Segment(start, end, text[start:end]))
