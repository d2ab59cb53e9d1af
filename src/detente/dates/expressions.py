"""Date expressions: find them in a Doc and resolve them against the publication date.

The vocabulary (month, weekday, number names) and the regex rules live in ``data/expressions.yaml``; this
module compiles them once per process and maps each rule's ``kind`` to a small resolver. A relative
expression ("Tuesday", "last week", "March 16") needs the publication date: without one it resolves to
``None``, never to today's date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml
from spacy.tokens import Doc

from ..errors import DataFileError
from ..nlp.language import LANGUAGE

# month, weekday and number names and the expression rules of the process language (nlp/language.py)
DATA_FILE = Path(__file__).parent / "data" / ("expressions.yaml" if LANGUAGE == "en" else f"expressions.{LANGUAGE}.yaml")
KINDS = ("day", "month", "year", "decade", "weekday", "offset", "ago", "period")
#: spaCy entity labels whose text may hold a date ("on Tuesday night" is sometimes TIME)
NER_LABELS = frozenset({"DATE", "TIME"})
# bounds: a hit is never part of a longer word, code or number ("S-400", "F-35", "2019-20")
_LEFT = r"(?<![\w\-’'./])"
_RIGHT = r"(?![\w]|[-.]\d|,\d{3})"


@dataclass(frozen=True)
class DateMention:
    """A date expression in a Doc (token span without its leading preposition) and what it resolves to."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    date: dt.date | None
    precision: str
    relative: bool


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    exact: re.Pattern[str]     # for resolve_expression (whole string)
    scan: re.Pattern[str]      # for find_dates (inside running text)
    context: bool
    days: int


@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    shifts: dict[str, int]
    units: dict[str, str]
    prepositions: frozenset[str]


@dataclass(frozen=True)
class _Table:
    vocab: _Vocab
    rules: tuple[_Rule, ...]
    # every place where some rule could start: one scan of the text instead of one per rule
    starts: re.Pattern[str]


#: what a resolver returns: (date or None, precision, relative, note)
_Resolved = tuple[dt.date | None, str, bool, str]


def _names(rows: list[dict[str, Any]], key: str, where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in rows:
        if "id" not in row or key not in row or not row.get("names"):
            raise DataFileError(f"{where}: each row needs id, {key} and names", item=str(DATA_FILE))
        for name in row["names"]:
            out[name.lower()] = row[key]
    return out


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", " ") for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _table() -> _Table:
    try:
        raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read date expressions: {exc}", item=str(DATA_FILE)) from exc
    voc = raw["vocab"]
    vocab = _Vocab(
        months=_names(voc["months"], "month", "months"),
        weekdays=_names(voc["weekdays"], "weekday", "weekdays"),
        numbers=_names(voc["numbers"], "value", "numbers"),
        shifts=_names(voc["shifts"], "value", "shifts"),
        units=_names(voc["units"], "unit", "units"),
        prepositions=frozenset(p.lower() for p in voc["prepositions"]),
    )
    fill = {
        "MONTH": _alternation(vocab.months),
        "WEEKDAY": _alternation(vocab.weekdays),
        "NUM": _alternation(vocab.numbers),
        "SHIFT": _alternation(vocab.shifts),
        "UNIT": _alternation(vocab.units),
        "PART": "(?:" + _alternation(voc["parts_of_day"]) + ")",
        "YEAR": r"(?:1[89]\d\d|20\d\d)",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])",
    }
    rules, seen = [], set()
    for row in raw["rules"]:
        rid, kind = row.get("id"), row.get("kind")
        if not rid or rid in seen or kind not in KINDS or not row.get("pattern"):
            raise DataFileError(f"bad date rule {row!r}: needs a unique id, a pattern and kind in {KINDS}",
                                item=str(DATA_FILE))
        seen.add(rid)
        pattern = re.sub(r"\{([A-Z]+)\}", lambda m: "(?:" + fill[m.group(1)] + ")", row["pattern"])
        pattern = pattern.replace(" ", r"\s+")
        try:
            exact = re.compile(pattern, re.IGNORECASE)
            scan = re.compile(_LEFT + "(?:" + pattern + ")" + _RIGHT, re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(f"rule {rid}: bad pattern: {exc}", item=str(DATA_FILE)) from exc
        rules.append(_Rule(rid, kind, exact, scan, bool(row.get("context")), int(row.get("days", 0))))
    anywhere = "|".join("(?:" + _NAMED_GROUP.sub("(?:", r.exact.pattern) + ")" for r in rules)
    return _Table(vocab, tuple(rules), re.compile(_LEFT + "(?=" + anywhere + ")", re.IGNORECASE))


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _scan(rule: _Rule, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rule.scan.finditer(text)``, trying only the given start positions (a superset of the matches)."""
    resume = 0
    for pos in starts:
        if pos < resume:
            continue
        m = rule.scan.match(text, pos)
        if m is not None:
            yield m
            resume = max(m.end(), pos + 1)


# --- resolvers: (match, pub_date, future) -> (date | None, precision, relative, note) -------------------

def _month_start(year: int, month: int, shift: int = 0) -> dt.date:
    idx = year * 12 + (month - 1) + shift
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _num(text: str, vocab: _Vocab) -> int:
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else vocab.numbers[text]


def _month(text: str, vocab: _Vocab) -> int:
    return int(text) if text.isdigit() else vocab.months[text.lower()]


def _r_day(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    month, day = _month(m["month"], v), int(m["day"])
    if m.groupdict().get("year"):
        return _safe_date(int(m["year"]), month, day), "day", False, ""
    if pub is None:
        return None, "day", True, ""
    found = _safe_date(pub.year, month, day)
    if found is None:  # Feb 29 in a non-leap publication year: try the neighbouring leap year
        found = _safe_date(pub.year + (1 if future else -1), month, day)
    elif future and found < pub:
        found = _safe_date(pub.year + 1, month, day)
    elif not future and found > pub:
        found = _safe_date(pub.year - 1, month, day)
    return found, "day", True, ""


def _r_month(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    month = _month(m["month"], v)
    if m.groupdict().get("year"):
        return dt.date(int(m["year"]), month, 1), "month", False, ""
    if pub is None:
        return None, "month", True, ""
    if m.groupdict().get("shift"):  # "February last year"
        return dt.date(pub.year + v.shifts[m["shift"].lower()], month, 1), "month", True, ""
    year = pub.year
    if future and month < pub.month:
        year += 1
    elif not future and month > pub.month:
        year -= 1
    return dt.date(year, month, 1), "month", True, ""


def _r_year(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    return dt.date(int(m["year"]), 1, 1), "year", False, ""


def _r_decade(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    decade = int(m["decade"])
    if decade < 100:  # "'90s": the latest such decade not after the publication (or 2000s) decade
        ceiling = pub.year // 10 * 10 if pub else 2020  # without a date: '30s-'90s are 1900s
        decade = 2000 + decade if 2000 + decade <= ceiling else 1900 + decade
    return dt.date(decade, 1, 1), "year", False, f"the decade {decade}s is dated to its first year"


def _r_weekday(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    if pub is None:
        return None, "day", True, ""
    target = v.weekdays[m["weekday"].lower()]
    shift = v.shifts[m["shift"].lower()] if m["shift"] else None
    if shift == 0:  # "this Tuesday": the Tuesday of the publication week
        return _monday(pub) + dt.timedelta(days=target), "day", True, ""
    back = (pub.weekday() - target) % 7
    if shift == -1 or (shift is None and not future):
        if shift == -1 and back == 0:
            back = 7  # "last Tuesday" written on a Tuesday is a week ago
        return pub - dt.timedelta(days=back), "day", True, ""
    ahead = (target - pub.weekday()) % 7 or 7
    return pub + dt.timedelta(days=ahead), "day", True, ""


def _r_offset(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab, days: int = 0) -> _Resolved:
    if pub is None:
        return None, "day", True, ""
    return pub + dt.timedelta(days=days), "day", True, ""


def _r_ago(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    unit = v.units[m["unit"].lower()]
    if pub is None:
        return None, unit, True, ""
    n = _num(m["num"], v)
    if unit == "day":
        return pub - dt.timedelta(days=n), "day", True, ""
    if unit == "week":
        return _monday(pub - dt.timedelta(weeks=n)), "week", True, ""
    if unit == "month":
        return _month_start(pub.year, pub.month, -n), "month", True, ""
    return dt.date(pub.year - n, 1, 1), "year", True, ""


def _r_period(m: re.Match[str], pub: dt.date | None, future: bool, v: _Vocab) -> _Resolved:
    unit = v.units[m["unit"].lower()]
    if pub is None:
        return None, unit, True, ""
    shift = v.shifts[m["shift"].lower()]
    if unit == "week":
        return _monday(pub) + dt.timedelta(weeks=shift), "week", True, ""
    if unit == "month":
        return _month_start(pub.year, pub.month, shift), "month", True, ""
    return dt.date(pub.year + shift, 1, 1), "year", True, ""


_RESOLVERS: dict[str, Callable[[re.Match[str], dt.date | None, bool, _Vocab], _Resolved]] = {
    "day": _r_day, "month": _r_month, "year": _r_year, "decade": _r_decade,
    "weekday": _r_weekday, "offset": _r_offset, "ago": _r_ago, "period": _r_period,
}


def _apply(rule: _Rule, m: re.Match[str], pub: dt.date | None, future: bool) -> _Resolved:
    """Resolve one match. A result outside year 1..9999 ("tomorrow" written on 9999-12-31, "5000000 days
    ago") is no date at all: an unresolved relative expression, never an exception."""
    vocab = _table().vocab
    try:
        if rule.kind == "offset":
            return _r_offset(m, pub, future, vocab, days=rule.days)
        return _RESOLVERS[rule.kind](m, pub, future, vocab)
    except (OverflowError, ValueError):
        return None, "day", True, "outside the supported date range (years 1 to 9999)"


def _normalise(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).strip(" ,.;:()")
    words = text.split(" ")
    preps = _table().vocab.prepositions
    # drop leading prepositions ("on", "as of") but keep "early"/"late"/"mid" that rules use
    while len(words) > 1 and words[0].lower() in preps and words[0].lower() not in ("early", "late", "mid",
                                                                                   "earlier", "later"):
        words = words[1:]
    if len(words) > 2 and " ".join(words[:2]).lower() in preps:
        words = words[2:]
    return " ".join(words)


def explain_expression(text: str, pub_date: dt.date | None, *, future: bool = False
                       ) -> tuple[dt.date | None, str, bool, str, str] | None:
    """Like `resolve_expression` but returns (date | None, precision, relative, note, rule id), or None when
    no rule reads the text as a date at all."""
    norm = _normalise(text)
    if isinstance(pub_date, dt.datetime):
        pub_date = pub_date.date()
    for rule in _table().rules:
        m = rule.exact.fullmatch(norm)
        if m:
            day, precision, relative, note = _apply(rule, m, pub_date, future)
            return day, precision, relative, note, rule.id
    return None


def resolve_expression(text: str, pub_date: dt.date | None, *, future: bool = False
                       ) -> tuple[dt.date, str] | None:
    """Resolve one date expression to (first day of its period, precision).

    'Tuesday' -> the most recent Tuesday on or before `pub_date` (the next one after it when `future`);
    'March 16' -> that day in the year that puts it on/before `pub_date` (on/after when `future`);
    'last week' -> Monday of the previous week ('week'); '2019' -> 2019-01-01 ('year'); 'the 1990s' ->
    1990-01-01 ('year'). Relative expressions give None when `pub_date` is None; so does text that is not
    a date ("two weeks", "2 percent").
    """
    found = explain_expression(text, pub_date, future=future)
    if found is None or found[0] is None:
        return None
    return found[0], found[1]


def mention_preposition(doc: Doc, mention: DateMention) -> str | None:
    """The preposition just before a mention ("on" for "on Tuesday"), kept out of the mention's text."""
    if mention.start == 0:
        return None
    prev = doc[mention.start - 1]
    return prev.text if prev.lower_ in _table().vocab.prepositions and prev.pos_ in ("ADP", "SCONJ") else None


def _capitalised(m: re.Match[str]) -> bool:
    # month and weekday names are proper nouns in running text: "march" and "may" are verbs
    for group in ("month", "weekday"):
        word = m.groupdict().get(group)
        if word and not word[0].isupper():
            return False
    whole = m.group(0)
    for name in _table().vocab.weekdays:
        idx = whole.lower().find(name)
        if idx >= 0 and not whole[idx].isupper():
            return False
    return True


def _in_context(doc: Doc, start_char: int, end_char: int, ner_spans: list[tuple[int, int]]) -> bool:
    if any(s <= start_char and end_char <= e for s, e in ner_spans):
        return True
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.lower_ in _table().vocab.prepositions or prev.lower_ in ("'s", "’s")


def find_dates(doc: Doc, pub_date: dt.date | None) -> list[DateMention]:
    """All date expressions in `doc`, in text order, resolved against `pub_date`.

    Regex rules from the data file find the expressions; spaCy DATE/TIME entities license bare years and
    months ("the 2019 purchase") that would otherwise need a preposition before them. Non-dates never
    match a rule: codes ("S-400", "F-35"), percentages, ages and durations ("for two weeks", "24 hours").
    A time on a day ("on Tuesday night") gives the day. Expressions that need a publication date are kept
    with ``date=None`` when there is none.
    """
    if isinstance(pub_date, dt.datetime):
        pub_date = pub_date.date()
    text = doc.text
    ner_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NER_LABELS]
    hits: list[tuple[int, int, int, _Rule, re.Match[str]]] = []
    table = _table()
    starts = [m.start() for m in table.starts.finditer(text)]
    for order, rule in enumerate(table.rules):
        for m in _scan(rule, text, starts):
            if not _capitalised(m):
                continue
            if rule.context and not _in_context(doc, m.start(), m.end(), ner_spans):
                continue
            hits.append((m.start(), m.end(), order, rule, m))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[2], h[0]))
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for start, end, _, rule, m in hits:
        if any(start < e and s < end for s, e in taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        day, precision, relative, _note = _apply(rule, m, pub_date, False)
        if day is None and not relative:
            continue  # an impossible absolute date such as "February 30, 2025"
        taken.append((start, end))
        mentions.append(DateMention(span.start, span.end, span.start_char, span.end_char,
                                    span.text, day, precision, relative))
    mentions.sort(key=lambda d: d.start)
    return mentions
