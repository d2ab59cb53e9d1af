"""Is a text English? A stop-word ratio decides the clear cases; langdetect only the unsure ones.

English news is 35-50 % function words, so a ratio over ``EN_SURE`` settles it without
langdetect (which is slow and non-deterministic unless seeded).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

EN_SURE = 0.20  # at least this share of English stop words: English
OTHER_SURE = 0.20  # another language this high while English stays under EN_DOUBT: that language
EN_DOUBT = 0.10
MIN_WORDS = 8  # fewer words than this cannot be judged: accept
MIN_CONFIDENCE = 0.90  # langdetect must be this sure before we reject
LANGDETECT_MIN_WORDS = 20  # Latin script under this: langdetect guesses (and loading its profiles costs ~0.5 s)
OTHER_BACKING = 0.08  # stop-word share that backs a langdetect verdict in Latin script
RATIO_CHARS = 2000  # the stop-word test reads the start of long texts
SAMPLE_CHARS = 5000  # langdetect reads a little more

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@lru_cache(maxsize=1)
def stop_words() -> dict[str, frozenset[str]]:
    """Language id -> its stop words, from data/stopwords.yaml (validated)."""
    rows = yaml.safe_load(resources.files(__package__).joinpath("data/stopwords.yaml").read_text("utf-8"))
    table: dict[str, frozenset[str]] = {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("id"), str) or not row.get("words"):
            raise ValueError(f"stopwords.yaml: bad row {row!r}")
        table[row["id"]] = frozenset(str(w).lower() for w in row["words"])
    if "en" not in table:
        raise ValueError("stopwords.yaml: no 'en' row")
    return table


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, tuple[str, ...]]:
    """Stop word -> the languages it belongs to (one dict lookup per word of text)."""
    index: dict[str, list[str]] = {}
    for lang, vocab in stop_words().items():
        for word in vocab:
            index.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


def stop_word_ratios(text: str) -> tuple[int, dict[str, float]]:
    """(number of words, language -> share of words that are its stop words)."""
    words = _WORD.findall(text[:RATIO_CHARS].lower())
    counts = dict.fromkeys(stop_words(), 0)
    index = _word_languages()
    for word in words:
        for lang in index.get(word, ()):
            counts[lang] += 1
    n = len(words)
    return n, ({lang: c / n for lang, c in counts.items()} if n else {})


def latin_share(text: str) -> float:
    """Share of letters in Latin script (langdetect is reliable on the other scripts)."""
    letters = [c for c in text[:RATIO_CHARS] if c.isalpha()]
    return sum(c < "\u0250" for c in letters) / len(letters) if letters else 1.0


def detect_non_english(text: str) -> str | None:
    """The detected language code when ``text`` is confidently not English, else None.

    langdetect alone calls terse English (Reuters earnings tables: "Shr 45 cts vs 58 cts")
    Swedish or Danish, so in Latin script its answer must be backed by that language's
    stop words; a language without a stop-word list is then given the benefit of the doubt.
    """
    n_words, ratios = stop_word_ratios(text)
    if n_words < MIN_WORDS:
        return None
    en = ratios.pop("en")
    best_lang, best = max(ratios.items(), key=lambda kv: kv[1])
    if en >= EN_SURE and en >= best:
        return None
    if best >= OTHER_SURE and en < EN_DOUBT:
        return best_lang
    latin = latin_share(text) >= 0.5
    if latin and best < OTHER_BACKING:
        return None  # no language could back a langdetect verdict: skip the slow call
    if latin and n_words < LANGDETECT_MIN_WORDS:
        return None  # too short for langdetect in Latin script, and no stop-word list was sure: accept
    lang = _langdetect(text[:SAMPLE_CHARS])
    if lang is None:
        return None
    if not latin or ratios.get(lang, 0.0) >= OTHER_BACKING:
        return lang
    return None


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # deterministic answers
    try:
        guesses = detect_langs(text)
    except LangDetectException:  # no usable features (numbers, symbols): cannot tell
        return None
    top = guesses[0] if guesses else None
    if top is None or top.lang == "en" or top.prob < MIN_CONFIDENCE:
        return None
    lang: str = top.lang
    return lang
