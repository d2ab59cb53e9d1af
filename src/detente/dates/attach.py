"""Give an event (its trigger token) a date, using the article's date expressions.

`ArticleDater.date_event` applies these rules in order (docs/dates.md has examples):

1. Attached expression: search the trigger's dependency subtree breadth-first through the links in
   ``ATTACH_DEPS`` (prep, pobj, pcomp, npadvmod, advmod, tmod, nmod, compound, dobj, appos, agent), never
   entering relcl/ccomp/advcl/acl/xcomp clauses or conj'd verbs; the shallowest expression wins (ties: the
   closest in the text); a prep link adds no depth, so "on Monday" (prep + pobj) is level with an npadvmod.
   "removed from the program following its acquisition ... in 2019" finds 2019.
   1a. A date starting right after the trigger's phrase dates it ("went on strike May 9 and ...").
   1b. A verb trigger with no attached date takes a day that closes the phrase of a later coordinated verb
   ("three were killed and seven injured in fighting last night").
2. Governing verb: if the trigger is a noun or an xcomp/infinitive, climb the head chain to the governing
   verb(s) and look at their direct modifiers only (an npadvmod/advmod/tmod child, or the object of a prep
   child): "talks will take place on Friday" dates "talks" by "take". The climb goes on past a verb only
   while that verb is itself an xcomp ("plans to hold talks").
3. Reference date: the date most recently set by a main-clause expression (rule 1 run from the sentence
   root, else from the root's reported clause: "X were killed last night, police said", else from its
   subject or a participle on it: "A meeting on Monday saw ...") in this or an earlier sentence, that was not itself historical. The article title (a first line without final
   punctuation) never sets it. why = "inherited from sentence N ('on Tuesday')", sentences numbered as
   ``doc.sents`` from 0.
   3b. News day: a non-future event in the lead (the first ``NEWS_DAY_SENTENCES`` body sentences) with no
   earlier date takes the first later reference date of the lead when that is a day at most
   ``NEWS_DAY_MAX_DAYS`` before publication ("Sudan has rejected ... . ... after a meeting yesterday").
4. The publication date, precision "publication"; with no publication date, date and precision are None.

An event is historical when its period ends more than ``historical_days`` before the publication date, or
when its own month mention (rules 1-2) is a whole month before the publication month ("pledged last month";
not "since February" or "in the past month").
``future=True`` re-resolves relative expressions forward ("talks on Friday" after publication).
"""
from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..nlp.deps import ACL, ADVCL, AUX, CCOMP, CONJ, MARK, NEG, NSUBJ, NSUBJPASS, POBJ, PREP, RELCL, XCOMP
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
#: rule 3b: how many body sentences form the lead, and how old its news day may be
NEWS_DAY_SENTENCES = 3
NEWS_DAY_MAX_DAYS = 7
#: negations that deny an act over all time, so no reference or news day dates it (rules 3, 3b)
UNDATED_NEGATIONS = frozenset({"never"})
#: a month mention after these runs up to publication, so it does not make the event background
CONTINUING_PREPOSITIONS = frozenset({"since", "until", "till", "through", "throughout"})


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
        self._lead_sents: list[int] | None = None  # rule 3b's lead, built on first use

    # --- public -----------------------------------------------------------------------------------
    def date_event(self, trigger: Token, *, future: bool = False) -> DatedEvent:
        found = self._attached(trigger)
        if found is not None:
            mention, _ = found
            return self._result(mention, future, f"is attached to {trigger.text!r}")
        after = self._by_token.get(trigger.right_edge.i + 1)
        if (after is not None and after.start == trigger.right_edge.i + 1 and self._usable(after)
                and after.end <= trigger.sent.end and not _possessive(self.doc, after.end)):
            # "went on strike May 9 and production has been shut": a date right after the trigger's phrase
            # is its date, wherever the parser hung it
            return self._result(after, future, f"directly follows {trigger.text!r}")
        shared = self._shared_by_conjunct(trigger)
        if shared is not None:
            mention, verb = shared
            return self._result(mention, future, f"closes the coordination of {trigger.text!r} with {verb.text!r}")
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
        if any(c.dep_ == NEG and c.lower_ in UNDATED_NEGATIONS for c in trigger.children):
            # "the US had never honoured its commitments": no day of the report dates a denial over all time
            return self._publication("'never' denies the act at any time and inherits no date")
        sent_idx = self._sentence_index(trigger)
        ref = self._reference(sent_idx)
        if ref is not None:
            n, mention = ref
            return DatedEvent(mention.date, mention.precision, self._historical(mention.date, mention.precision),
                              mention, f"inherited from sentence {n} ({self._phrase(mention)!r})")
        news = None if future else self._news_day(sent_idx)  # a news day dates acts, not announced plans
        if news is not None:
            n, mention = news
            return DatedEvent(mention.date, mention.precision, False, mention,
                              f"the lead reports the news of sentence {n} ({self._phrase(mention)!r}), "
                              f"dated before publication")
        return self._publication()

    def _publication(self, why: str = "no date expression applies") -> DatedEvent:
        """Rule 4."""
        if self.pub_date is not None:
            return DatedEvent(self.pub_date, "publication", False, None, f"{why}, so the publication date is used")
        return DatedEvent(None, None, False, None, f"{why} and there is no publication date")

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
                    if child.dep_ == PREP:
                        # a preposition adds no depth: "destroyed it on Monday in retaliation for an
                        # attack last Friday" puts "on Monday" level with a misattached "last Friday",
                        # and the closer one wins
                        queue.appendleft((child, depth))
                    else:
                        queue.append((child, depth + 1))
        return (best[2], best[0]) if best else None

    def _shared_by_conjunct(self, trigger: Token) -> tuple[DateMention, Token] | None:
        """Rule 1b: "three were killed and seven injured in fighting last night": a date closing the last of
        coordinated verbs is shared by the earlier ones (the parse hangs it on the last conjunct only)."""
        if trigger.pos_ not in VERB_POS:
            return None
        for conj in trigger.conjuncts:
            if conj.i <= trigger.i or conj.pos_ not in VERB_POS:
                continue
            found = self._attached(conj)
            # only a day that closes the conjunct's phrase is shared ("warned Tokyo its package in April
            # must be ..." keeps "in April" to itself)
            if (found is not None and found[0].precision == "day" and found[0].start > conj.i
                    and found[0].end > conj.right_edge.i):
                return found[0], conj
        return None

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

    def _main_dates(self) -> list[DateMention | None]:
        """Each sentence's main-clause date (rules 3 and 3b), built on first use."""
        if self._main is None:
            self._main = [self._main_clause_date(s) for s in self._sents]
        return self._main

    def _lead(self) -> list[int]:
        """The indexes of the lead's sentences: the first NEWS_DAY_SENTENCES non-empty body sentences."""
        if self._lead_sents is None:
            body = [n for n, s in enumerate(self._sents) if s.start_char >= self._title_end and s.text.strip()]
            self._lead_sents = body[:NEWS_DAY_SENTENCES]
        return self._lead_sents

    def _reference(self, sent_idx: int) -> tuple[int, DateMention] | None:
        """Rule 3: the latest non-historical main-clause date up to and including this sentence."""
        main = self._main_dates()
        for n in range(min(sent_idx, len(main) - 1), -1, -1):
            mention = main[n]
            if mention is not None:
                return n, mention
        return None

    def _news_day(self, sent_idx: int) -> tuple[int, DateMention] | None:
        """Rule 3b: an undated event in the lead takes the news day stated a little later in the lead.

        "Sudan has rejected a demand by the IMF, SUNA reported. ... said Omer made the remarks after a
        meeting yesterday": the day is often stated only in the second or third sentence of the report
        (docs/annotation.md section 5 carries it). Only the first ``NEWS_DAY_SENTENCES`` body sentences
        are read, and only a day at most ``NEWS_DAY_MAX_DAYS`` before publication counts."""
        if self.pub_date is None:
            return None
        lead = self._lead()
        if sent_idx not in lead:
            return None
        main = self._main_dates()
        for n in lead:
            mention = main[n]
            if n <= sent_idx or mention is None or mention.date is None:
                continue
            age = (self.pub_date - mention.date).days
            if mention.precision == "day" and 0 <= age <= NEWS_DAY_MAX_DAYS:
                return n, mention
            return None  # the lead's first date is not a recent day: no news day to carry
        return None

    def _main_clause_date(self, sent: Span) -> DateMention | None:
        found = self._attached(sent.root)
        if found is None:
            # "Gold Fields said three workers were killed last night": the reported clause is the news
            for child in sent.root.children:
                if child.dep_ == CCOMP:
                    found = self._attached(child)
                    shared = self._shared_by_conjunct(child) if found is None else None
                    found = (shared[0], 0) if shared is not None else found
                    if found is not None:
                        break
        if found is None:
            # "A private meeting on Monday saw MPs warn ...", "The report, dated Saturday, is meant to ...":
            # the subject's own date dates the sentence's report
            for subj in sent.root.children:
                if subj.dep_ in (NSUBJ, NSUBJPASS):
                    found = self._attached(subj)
                    for clause in subj.children:
                        if found is None and clause.dep_ == ACL and clause.tag_ == "VBN":
                            found = self._attached(clause)
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
        return DatedEvent(mention.date, mention.precision, self._background(mention),
                          mention, f"{phrase!r} {how}: {mention.date.isoformat()} ({mention.precision}), "
                                   f"{resolved}{note}")

    def _background(self, mention: DateMention) -> bool:
        """The historical flag of an event its own `mention` dates: old, or a whole month before the
        publication month ("Japan pledged last month to ...": the news recalls it), unless it runs up to now
        ("since February", "in the past month"). An inherited month does not count: the later sentences
        of a report dated last month are often its news."""
        if self._historical(mention.date, mention.precision):
            return True
        if self.pub_date is None or mention.date is None or mention.precision != "month":
            return False
        if (mention_preposition(self.doc, mention) in CONTINUING_PREPOSITIONS
                or mention.text.lower().split()[:2].count("past")):
            return False
        return period_end(mention.date, "month") < self.pub_date.replace(day=1)

    def _historical(self, day: dt.date | None, precision: str | None) -> bool:
        if self.pub_date is None or day is None:
            return False
        return (self.pub_date - period_end(day, precision)).days > self.historical_days

    def _phrase(self, mention: DateMention) -> str:
        prep = mention_preposition(self.doc, mention)
        return f"{prep} {mention.text}" if prep else mention.text

    def _sentence_index(self, token: Token) -> int:
        return self._sent_of.get(token.sent.start, len(self._sents) - 1)


def _possessive(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].tag_ == "POS"


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
