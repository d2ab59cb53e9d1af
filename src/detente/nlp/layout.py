"""The text spaCy parses, and the map back to the original article.

The article body (title + blank line + text) is cut into sentences (nlp.segment); the ones to parse
(all, or those the prefilter keeps) are joined into one Doc text. Every Doc character offset maps back
to the article body, and every kept sentence keeps its index in the full article, so provenance
(sentence_index, span_start, span_end, sentence_text) never depends on what was skipped.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from .segment import Segment, split_sentences


@dataclass(frozen=True)
class Layout:
    text: str  # what spaCy parses
    segments: tuple[Segment, ...]  # kept sentences (original offsets)
    indexes: tuple[int, ...]  # their index among all sentences of the article
    doc_starts: tuple[int, ...]  # their start in ``text``
    n_sentences: int  # sentences in the whole article

    def locate(self, doc_char: int) -> tuple[int, int]:
        """(offset in the article body, sentence index) of a Doc character."""
        k = max(0, bisect.bisect_right(self.doc_starts, doc_char) - 1)
        return self.segments[k].start + (doc_char - self.doc_starts[k]), self.indexes[k]

    def sentence_text(self, doc_char: int) -> str:
        k = max(0, bisect.bisect_right(self.doc_starts, doc_char) - 1)
        return self.segments[k].text


def build_layout(body: str, keep: Callable[[list[str]], list[bool]] | None = None, max_chars: int | None = None) -> Layout:
    """``keep(list[str]) -> list[bool]`` chooses sentences (None: all)."""
    segs = split_sentences(body)
    flags = keep([s.text for s in segs]) if keep is not None else [True] * len(segs)
    parts: list[str] = []
    kept: list[Segment] = []
    idx: list[int] = []
    starts: list[int] = []
    pos = 0
    prev: Segment | None = None
    for i, (seg, flag) in enumerate(zip(segs, flags)):
        if not flag:
            prev = None
            continue
        if max_chars is not None and pos + len(seg.text) > max_chars:
            break
        if parts:
            # keep a line break where the article had one or where sentences were skipped
            sep = " " if prev is not None and "\n" not in body[prev.end:seg.start] else "\n"
            parts.append(sep)
            pos += 1
        starts.append(pos)
        parts.append(seg.text)
        pos += len(seg.text)
        kept.append(seg)
        idx.append(i)
        prev = seg
    return Layout("".join(parts), tuple(kept), tuple(idx), tuple(starts), len(segs))
