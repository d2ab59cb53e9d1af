"""In-article coreference for actors: simple, deterministic, recency-based.

* he/she/his/her -> the latest person mention (gender-compatible) in this or the previous sentence.
* it/its and they/their -> first the subject of the enclosing clause(s), then the nearest
  number-compatible noun phrase in this or the previous sentence; resolved only when that
  phrase is an actor (a non-actor noun in between blocks the link).
* "the two nations/countries/allies" -> the last two distinct countries; "the diplomats/leaders"
  -> the last two distinct people; "the country/nation" -> the last country;
  "the government/administration" -> the last country's government; "the minister/president"
  -> the latest person (preferring one introduced with that title).
"""
from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from ..nlp.deps import CONJ, DATIVE, DOBJ, EXPL, NSUBJ, NSUBJPASS, POBJ
from ..nlp.language import language_data
from .mention import ActorMention

_WORDS = language_data().coreference  # the English words are data: nlp/lang/en.yaml
PERSON_PRONOUNS = _WORDS.person_pronouns
IT_PRONOUNS = _WORDS.it_pronouns
THEY_PRONOUNS = _WORDS.they_pronouns
PAIR_COUNTRIES = _WORDS.pair_countries
PAIR_PEOPLE = _WORDS.pair_people
#: Words in role titles that fit a plural description ("the diplomats" -> the foreign ministers).
PAIR_TITLES = _WORDS.pair_titles
ONE_COUNTRY = _WORDS.one_country
GOV_WORDS = _WORDS.government_words
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
COUNTRYISH = frozenset({"country", "capital", "igo", "ngo", "group"})
_CUES = PAIR_COUNTRIES | PAIR_PEOPLE | ONE_COUNTRY | frozenset(PERSON_PRONOUNS) | IT_PRONOUNS | THEY_PRONOUNS


def _is_person(m: ActorMention) -> bool:
    while m.antecedent is not None:
        m = m.antecedent
    return m.kind == "person" or m.unlisted_person


def _root(m: ActorMention) -> ActorMention:
    while m.antecedent is not None:
        m = m.antecedent
    return m


class _Resolver:
    def __init__(self, doc: Doc, mentions: list[ActorMention]):
        self.doc = doc
        self.sent: dict[int, int] = {}
        for si, s in enumerate(doc.sents):
            for i in range(s.start, s.end):
                self.sent[i] = si
        self._chunks: list[Span] | None = None  # noun chunks are costly: computed on the first pronoun only
        self.known = sorted(mentions, key=lambda m: (m.start, m.end))

    # ------------------------------------------------------------------ helpers
    def before(self, i: int, window: int | None) -> list[ActorMention]:
        """Known mentions ending before token i (latest first), within ``window`` sentences back."""
        lo = self.sent[i] - window if window is not None else -1
        out = [m for m in self.known if m.end <= i and self.sent[m.start] >= lo]
        return sorted(out, key=lambda m: m.end, reverse=True)

    def at(self, tok: Token) -> list[ActorMention]:
        hits = [m for m in self.known if (m.start <= tok.i < m.end or m.head_i == tok.i) and m.end <= tok.i + 50]
        for c in tok.conjuncts:
            hits += [m for m in self.known if (m.start <= c.i < m.end) and m not in hits]
        return hits

    @staticmethod
    def _plural(tok: Token) -> bool:
        return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == CONJ for c in tok.children)

    def _fits(self, tok: Token, ms: list[ActorMention], plural: bool) -> bool:
        if plural != self._plural(tok):
            return False
        return bool(ms) and (plural or not any(_is_person(m) for m in ms))

    def by_subject(self, pron: Token, plural: bool) -> list[ActorMention] | None:
        """Mentions of the nearest enclosing clause subject; [] if that subject is a non-actor; None if none."""
        cur = pron
        while cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            for c in cur.children:
                if c.dep_ not in (NSUBJ, NSUBJPASS) or c.i > pron.i or c.left_edge.i <= pron.i <= c.right_edge.i:
                    continue
                if c.pos_ == "PRON":
                    break
                ms = [m for m in self.at(c) if m.end <= pron.i]
                if self._fits(c, ms, plural):
                    return ms
                if not ms and self._plural(c) == plural:
                    return []
        return None

    @property
    def chunks(self) -> list[Span]:
        if self._chunks is None:
            self._chunks = list(self.doc.noun_chunks)
        return self._chunks

    def by_recency(self, pron: Token, plural: bool, exclude: AbstractSet[int] = frozenset()) -> list[ActorMention]:
        lo = self.sent[pron.i] - 1
        for ch in reversed(self.chunks):
            if ch.end > pron.i or self.sent[ch.start] < lo or ch.root.i in exclude:
                continue
            root = ch.root
            while root.dep_ == CONJ and root.head.i != root.i:
                root = root.head
            if root.pos_ == "PRON" or root.ent_type_ in NON_ACTOR_ENTS:
                continue
            if root.dep_ == POBJ and root.head.head.pos_ in ("NOUN", "PROPN") and not self.at(root):
                continue  # a nested modifier ("significance in regional stability")
            if self._plural(root) != plural:
                continue
            ms = [m for m in self.at(root) if m.end <= pron.i]
            if not ms:  # a possessor actor makes the phrase about it ("Türkiye's growing significance")
                ms = [m for m in self.known if ch.start <= m.start and m.end <= root.i]
            if ms and not plural and all(_is_person(m) for m in ms):
                continue
            return [m for m in ms if plural or not _is_person(m)][:1] if not plural else ms
        return []

    # ------------------------------------------------------------------ references
    def pronoun(self, tok: Token) -> list[ActorMention]:
        low = tok.lower_
        if low in PERSON_PRONOUNS:
            g = PERSON_PRONOUNS[low]
            for m in self.before(tok.i, 1):
                r = _root(m)
                if _is_person(m) and (r.entry is None or r.entry.gender in (None, g)):
                    return [m]
            return []
        if tok.dep_ == EXPL:
            return []
        plural = low in THEY_PRONOUNS
        if tok.dep_ in (DOBJ, DATIVE, POBJ, "obj") and tok.tag_ != "PRP$":
            # An object "it" is nearly always a thing (a deal, a pact): left alone. An object "them"
            # never means the subject of its own clause ("police arrested them").
            return self.by_recency(tok, plural, exclude=self._clause_subjects(tok)) if plural else []
        found = self.by_subject(tok, plural)
        return found if found is not None else self.by_recency(tok, plural)

    @staticmethod
    def _clause_subjects(tok: Token) -> set[int]:
        out: set[int] = set()
        cur = tok
        while cur.head.i != cur.i:
            cur = cur.head
            for c in cur.children:
                if c.dep_ in (NSUBJ, NSUBJPASS):
                    out.update(range(c.left_edge.i, c.right_edge.i + 1))
        return out

    def last_countries(self, i: int, n: int, exclude: AbstractSet[int] = frozenset()) -> list[ActorMention]:
        """The last ``n`` distinct countries before token i (each by its latest plain-country mention).

        Mentions on tokens in ``exclude`` (the speaker in "French FM X said the junta ...") are skipped.
        """
        picked: dict[str, ActorMention] = {}
        for m in self.before(i, None):
            if m.start in exclude:
                continue
            r = _root(m)
            if r.kind not in ("country", "capital") or not r.country:
                continue
            if r.country not in picked:
                if len(picked) == n:
                    continue
                picked[r.country] = m
            elif picked[r.country].agent or picked[r.country].kind == "capital":
                if r.kind == "country" and not r.agent:
                    picked[r.country] = m
        return sorted(picked.values(), key=lambda m: m.start)

    def last_people(self, i: int, n: int, titles: tuple[str, ...] = ()) -> list[ActorMention]:
        """The last ``n`` distinct people before token i, preferring those with one of ``titles``."""
        people = [m for m in self.before(i, None) if _is_person(m)]
        if titles:  # "the minister" -> "Foreign Minister Fidan" rather than a more recent president
            titled = [m for m in people if any(t in _titles(m) for t in titles)]
            if len({_root(m).entry_id for m in titled}) >= n:
                people = titled
        picked: dict[str, ActorMention] = {}
        for m in people:
            key = _root(m).entry_id
            if key not in picked:
                picked[key] = m
                if len(picked) == n:
                    break
        return sorted(picked.values(), key=lambda m: m.start)


def _titles(m: ActorMention) -> str:
    r = _root(m)
    roles = " ".join(x.title for x in r.entry.roles) if r.entry else ""
    return f"{r.text} {roles}".lower()


def _new(doc: Doc, start: int, end: int, ante: ActorMention, **kw: Any) -> ActorMention:
    span = doc[start:end]
    r = _root(ante)
    return ActorMention(start=start, end=end, start_char=span.start_char, end_char=span.end_char,
                        text=span.text, entry_id=r.entry_id, kind=r.kind, antecedent=r,
                        head_i=span.root.i, **kw)


def _definite(doc: Doc, start: int) -> bool:
    """'the government', 'the transitional government': "the" before at most two adjectives."""
    j = start - 1
    while j >= 0 and start - j <= 3 and doc[j].pos_ == "ADJ":
        j -= 1
    return j >= 0 and doc[j].lower_ == "the"


def _possessor(res: "_Resolver", doc: Doc, base: ActorMention) -> ActorMention | None:
    """The resolved antecedent of a possessive pronoun right before an agent phrase."""
    j = base.start - 1
    while j >= 0 and base.start - j <= 3 and doc[j].pos_ == "ADJ":
        j -= 1
    if j < 0 or doc[j].tag_ != "PRP$":
        return None
    pron = [m for m in res.known if m.start == j and m.antecedent is not None]
    if len(pron) != 1:
        return None
    ante = _root(pron[0])
    return ante if ante.country or (ante.entry and ante.kind == "person") else None


def _pair_span(doc: Doc, i: int) -> int | None:
    """Start of "the two NATO allies" / "both countries" ending at token i, else None."""
    j = i - 1
    while j >= 0 and i - j <= 4 and doc[j].lower_ not in ("two", "both") and doc[j].is_sent_start is not True:
        if doc[j].pos_ not in ("ADJ", "PROPN", "NOUN", "NUM") and doc[j].lower_ not in ("'s", "’s"):
            return None
        j -= 1
    if j < 0 or doc[j].lower_ not in ("two", "both"):
        return None
    return j - 1 if j > 0 and doc[j - 1].lower_ == "the" else j


def resolve_references(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Base mentions (minus those replaced by descriptions) plus resolved references."""
    res = _Resolver(doc, mentions)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    # Only a cue word or the start of a mention can make a reference; mentions made below never start
    # after the current token, so these positions, fixed up front, are all the loop needs to visit.
    strings = doc.vocab.strings
    lowers = [strings[x] for x in doc.to_array(LOWER).tolist()]
    starts = {m.start for m in mentions}
    for i in [i for i, w in enumerate(lowers) if w in _CUES or i in starts]:
        tok = doc[i]
        low = tok.lower_
        made: list[ActorMention] = []
        start = _pair_span(doc, tok.i) if low in PAIR_COUNTRIES | PAIR_PEOPLE else None
        prev_the = tok.i > 0 and doc[tok.i - 1].lower_ == "the"
        if start is not None or (low in PAIR_PEOPLE and prev_the):
            start = tok.i - 1 if start is None else start
            inner = [m for m in res.known if start <= m.start and m.end <= tok.i + 1 and m.antecedent is None]
            if low in PAIR_COUNTRIES:
                antes = res.last_countries(start, 2)
                made = [_new(doc, start, tok.i + 1, a, scope="country") for a in antes]
            else:
                made = [_new(doc, start, tok.i + 1, a) for a in res.last_people(start, 2, PAIR_TITLES.get(low, ()))]
            if len(made) == 2:  # "the two ..." needs two antecedents; otherwise leave the words alone
                res.known = [m for m in res.known if m not in inner]
            else:
                made = []
        elif low in ONE_COUNTRY and prev_the and tok.i not in covered:
            antes = res.last_countries(tok.i - 1, 1, res._clause_subjects(tok))
            made = [_new(doc, tok.i - 1, tok.i + 1, a, scope="country") for a in antes]
        elif tok.i not in covered and (low in PERSON_PRONOUNS or low in IT_PRONOUNS or low in THEY_PRONOUNS) \
                and (tok.pos_ == "PRON" or tok.tag_ == "PRP$"):
            made = [_new(doc, tok.i, tok.i + 1, a) for a in res.pronoun(tok)]
        else:
            base = next((m for m in res.known if m.start == tok.i and m.antecedent is None), None)
            owner = _possessor(res, doc, base) if base is not None and base.kind == "agent" else None
            if owner is not None and base is not None:  # (an owner means a base) "his government", "its ambassadors": the possessor's country
                made = [replace(base, antecedent=owner)]
                res.known = [m for m in res.known if m is not base]
            elif base is not None and base.kind == "agent" and _definite(doc, base.start) \
                    and doc[base.end - 1].i == base.head_i:
                head = doc[base.head_i].lower_
                if head in GOV_WORDS:
                    antes = res.last_countries(base.start, 1, res._clause_subjects(doc[base.head_i]))
                    made = [replace(base, antecedent=_root(a)) for a in antes]
                elif base.title and doc[base.head_i].tag_ == "NN":
                    antes = res.last_people(base.start, 1, (head,))
                    made = [replace(base, antecedent=_root(a)) for a in antes]
                if made:
                    res.known = [m for m in res.known if m is not base]
        if made:
            res.known = sorted(res.known + made, key=lambda m: (m.start, m.end))
    return res.known
