"""Give an event (its trigger token) a date, using the article's date expressions.

`ArticleDater.date_event` applies four rules in order (docs/dates.md has examples):

1. Attached expression: search the trigger's dependency subtree breadth-first through the links in
   ``ATTACH_DEPS`` (prep, pobj, pcomp, npadvmod, advmod, tmod, nmod, compound, dobj, appos, agent), never
   entering relcl/ccomp/advcl/acl/xcomp clauses or conj'd verbs; the shallowest expression wins (ties: the
   closest in the text). "removed from the program following its acquisition ... in 2019" finds 2019.
2. Governing verb: if the trigger is a noun or an xcomp/infinitive, climb the head chain to the governing
   verb(s) and look at their direct modifiers only (an npadvmod/advmod/tmod child, or the object of a prep
   child): "talks will take place on Friday" dates "talks" by "take". The climb goes on past a verb only
   while that verb is itself an xcomp ("plans to hold talks").
3. Reference date: the date most recently set by a main-clause expression (rule 1 run from the sentence
   root) in this or an earlier sentence, that was not itself historical. The article title (a first line
   without final punctuation) never sets it. why = "inherited from sentence N ('on Tuesday')", sentences
   numbered as ``doc.sents`` from 0.
4. The publication date, precision "publication"; with no publication date, date and precision are None.

An event is historical when its period ends more than ``historical_days`` before the publication date.
``future=True`` re-resolves relative expressions forward ("talks on Friday" after publication).
"""
from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..nlp.deps import ACL, ADVCL, AUX, CONJ, MARK, NSUBJ, NSUBJPASS, POBJ, RELCL, XCOMP
from ..nlp.language import language_data
from .bounds import month_end, shift_days
from .expressions import DateMention, explain_expression, find_dates, mention_preposition

#: dependency links rule 1 follows down from the trigger
ATTACH_DEPS = language_data().dependency_labels.date_attach
#: direct modifiers of a governing verb that may hold a date (rule 2); a prep is looked through to its object
VERB_MOD_DEPS = language_data().dependency_labels.date_verb_modifier
PREP_OBJ_DEPS = language_data().dependency_labels.preposition_object
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
VERB_POS = frozenset({"VERB", "AUX"})
_SENTENCE_END = tuple('.!?"”’\'')


@dataclass(frozen=True)
class DatedEvent:
    """The date given to one event and the reason for it."""

    date: dt.date | None
    precision: str | None
    historical: bool
    mention: DateMention | None
    why: str


def period_end(day: dt.date, precision: str | None) -> dt.date:
    """Last day of the period that starts on `day`."""
    if precision == "week":
        return shift_days(day, 6)
    if precision == "month":
        return month_end(day)
    if precision == "year":
        return dt.date(day.year, 12, 31)
    return day


class ArticleDater:
    """Dates the events of one parsed article. Build once per article; `date_event` is cheap."""

    def __init__(self, doc: Doc, pub_date: dt.date | None, *, historical_days: int = 30):
        self.doc = doc
        # a datetime would not compare with the dates computed here
        self.pub_date = pub_date.date() if isinstance(pub_date, dt.datetime) else pub_date
        self.historical_days = historical_days
        self.mentions = find_dates(doc, self.pub_date)
        self._by_token = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self._sents = list(doc.sents)
        self._sent_of = {s.start: n for n, s in enumerate(self._sents)}
        self._title_end = _title_end(doc.text)
        self._main: list[DateMention | None] | None = None  # per sentence, built on first use

    # --- public -----------------------------------------------------------------------------------
    def date_event(self, trigger: Token, *, future: bool = False) -> DatedEvent:
        found = self._attached(trigger)
        if found is not None:
            mention, _ = found
            return self._result(mention, future, f"is attached to {trigger.text!r}")
        governed = self._governing(trigger)
        if governed is not None:
            mention, verb = governed
            return self._result(mention, future,
                                f"modifies {verb.text!r}, the verb governing {trigger.text!r}")
        if trigger.dep_ in (RELCL, ACL) and trigger.head.i != trigger.i:
            # "Nijjar, who was shot dead outside a temple, on June 18": a date placed after the clause
            # often hangs on the clause's noun in the parse but dates the clause's event
            noun, came_from = trigger.head, trigger
            for _ in range(3):  # the noun, and nouns it hangs from through a preposition ("murder of X")
                after = self._direct_modifier(noun, skip=came_from)
                if after is not None and after.start > trigger.i:
                    return self._result(after, future, f"follows the clause of {trigger.text!r} on "
                                                         f"{noun.text!r}")
                if noun.dep_ != POBJ or noun.head.head.i == noun.head.i:
                    break
                came_from, noun = noun.head, noun.head.head
        sent_idx = self._sentence_index(trigger)
        ref = self._reference(sent_idx)
        if ref is not None:
            n, mention = ref
            return DatedEvent(mention.date, mention.precision, self._historical(mention.date, mention.precision),
                              mention, f"inherited from sentence {n} ({self._phrase(mention)!r})")
        if self.pub_date is not None:
            return DatedEvent(self.pub_date, "publication", False, None,
                              "no date expression applies, so the publication date is used")
        return DatedEvent(None, None, False, None, "no date expression applies and there is no publication date")

    # --- rules ------------------------------------------------------------------------------------
    def _attached(self, start: Token, *, usable_only: bool = True) -> tuple[DateMention, int] | None:
        """Rule 1: breadth-first through ATTACH_DEPS; the shallowest (then closest) mention wins."""
        best: tuple[int, int, DateMention] | None = None
        queue = deque([(start, 0)])
        seen = {start.i}
        while queue:
            tok, depth = queue.popleft()
            if best is not None and depth > best[0]:
                break
            mention = self._by_token.get(tok.i) if tok.i != start.i else None
            if mention is not None and (not usable_only or self._usable(mention)):
                key = (depth, abs(tok.i - start.i), mention)
                if best is None or key[:2] < best[:2]:
                    best = key
                continue
            for child in tok.children:
                if (child.dep_ in ATTACH_DEPS or _shares_subject(child, start)) and child.i not in seen:
                    seen.add(child.i)
                    queue.append((child, depth + 1))
        return (best[2], best[0]) if best else None

    def _governing(self, trigger: Token) -> tuple[DateMention, Token] | None:
        """Rule 2: direct modifiers of the verb(s) governing a noun or xcomp/infinitive trigger."""
        if not (trigger.pos_ in NOUN_POS or trigger.dep_ == XCOMP or _infinitive(trigger) or _participle(trigger)):
            return None  # (the last: "attacked Israel on Oct. 7, killing 1,200": the killing is dated too)
        tok = trigger
        for _ in range(8):  # bounded climb: parses are trees, but keep it cheap on long chains
            if tok.head.i == tok.i:
                return None
            came_from, tok = tok, tok.head
            if tok.pos_ not in VERB_POS:
                continue
            mention = self._direct_modifier(tok, skip=came_from)
            if mention is not None:
                return mention, tok
            if tok.dep_ != XCOMP and not _infinitive(tok) and not _participle(tok):
                return None
        return None

    def _direct_modifier(self, verb: Token, *, skip: Token) -> DateMention | None:
        for child in verb.children:
            if child.i == skip.i or child.dep_ not in VERB_MOD_DEPS:
                continue
            for tok in [child, *[g for g in child.children if g.dep_ in PREP_OBJ_DEPS]]:
                mention = self._by_token.get(tok.i)
                if mention is not None and self._usable(mention):
                    return mention
        return None

    def _reference(self, sent_idx: int) -> tuple[int, DateMention] | None:
        """Rule 3: the latest non-historical main-clause date up to and including this sentence."""
        if self._main is None:
            self._main = [self._main_clause_date(s) for s in self._sents]
        for n in range(min(sent_idx, len(self._main) - 1), -1, -1):
            mention = self._main[n]
            if mention is not None:
                return n, mention
        return None

    def _main_clause_date(self, sent: Span) -> DateMention | None:
        found = self._attached(sent.root)
        if found is None:
            return None
        mention = found[0]
        if mention.date is None or mention.start_char < self._title_end:
            return None
        if self._historical(mention.date, mention.precision):
            return None
        return mention

    # --- helpers ----------------------------------------------------------------------------------
    def _usable(self, mention: DateMention) -> bool:
        # an unresolvable relative expression still counts when there is no publication date: it stops the
        # search (rule 1/2) and the event honestly gets no date rather than a wrong one
        return mention.date is not None or (mention.relative and self.pub_date is None)

    def _result(self, mention: DateMention, future: bool, how: str) -> DatedEvent:
        phrase = self._phrase(mention)
        if mention.relative and future and self.pub_date is not None:
            explained = explain_expression(mention.text, self.pub_date, future=True)
            if explained is not None and explained[0] is not None:
                mention = replace(mention, date=explained[0], precision=explained[1])
        if mention.date is None:
            return DatedEvent(None, None, False, mention,
                              f"{phrase!r} {how} but needs a publication date, and there is none")
        explained = explain_expression(mention.text, self.pub_date, future=future)
        note = f"; {explained[3]}" if explained and explained[3] else ""
        if mention.relative and self.pub_date is not None:  # a resolved relative date had one
            way = "counted forward from" if future else "resolved against"
            resolved = f"{way} the publication date {self.pub_date.isoformat()}"
        else:
            resolved = "an absolute date"
        return DatedEvent(mention.date, mention.precision, self._historical(mention.date, mention.precision),
                          mention, f"{phrase!r} {how}: {mention.date.isoformat()} ({mention.precision}), "
                                   f"{resolved}{note}")

    def _historical(self, day: dt.date | None, precision: str | None) -> bool:
        if self.pub_date is None or day is None:
            return False
        return (self.pub_date - period_end(day, precision)).days > self.historical_days

    def _phrase(self, mention: DateMention) -> str:
        prep = mention_preposition(self.doc, mention)
        return f"{prep} {mention.text}" if prep else mention.text

    def _sentence_index(self, token: Token) -> int:
        return self._sent_of.get(token.sent.start, len(self._sents) - 1)


def _infinitive(tok: Token) -> bool:
    return tok.pos_ in VERB_POS and any(c.dep_ == AUX and c.lower_ == "to" for c in tok.children)


def _participle(tok: Token) -> bool:
    """A subjectless participle clause on a verb, or a conjunct of one ("killing 1,200 and taking 250")."""
    lead = tok
    for _ in range(4):
        if lead.dep_ != CONJ or lead.head.i == lead.i:
            break
        lead = lead.head
    return lead.head.i != lead.i and _shares_subject(lead, lead.head)


def _title_end(text: str) -> int:
    """Character offset where the title ends: a first line without final punctuation, followed by more."""
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or first.endswith(_SENTENCE_END):
        return 0
    return len(first) + (len(text) - len(text.lstrip()))


def _shares_subject(child: Token, trigger: Token) -> bool:
    """"Blinken, speaking in Cambodia on Friday, condemned ...": a subjectless participle clause on
    the trigger happens at the same time, so its date counts as attached."""
    return (child.head.i == trigger.i and child.dep_ == ADVCL and child.tag_ in ("VBG", "VBN")
            and not any(c.dep_ in (NSUBJ, NSUBJPASS, MARK) for c in child.children))
