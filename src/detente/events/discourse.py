"""Article-level reasoning over event candidates, in reading order.

1. Participants: a joint-activity noun with no participants ("technical talks will soon take place")
   takes the actors of the clause it modifies ("During a meeting, X and Y agreed") or else the
   article's current dyad (the last pair of actors seen acting on each other).
2. Event coreference: an event noun without its own date expression that names an event already coded
   in the article (same 3-digit CAMEO code, a shared actor) gets that event's date ("its expulsion" after
   "was removed ... in 2019") instead of the article's date.
3. Counterparts: a directed act with a source but no target in its sentence ("Ankara demanded
   reinstatement") is aimed at the source's counterpart in the article's main dyad; one with a target
   but no source ("talks with the IMF") comes from the target's counterpart.
Every inference lowers confidence and is written into the candidate's notes for `explain`.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Token

from .arguments import governing_verb, logical_subject
from .candidates import Candidate, Participant
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..dates.attach import DatedEvent

#: Roots whose acts are aimed at someone even when the sentence does not say whom.
#: Force ("Iran launched a fresh offensive today") is aimed at the other side of the war the article reports.
DIRECTED_ROOTS = frozenset({"02", "03", "05", "06", "07", "08", "10", "11", "12", "13", "16", "18", "19", "20"})

#: "Talks with the IMF" name one side of a consultation: the other is the article's counterpart. (A
#: consultation with a source and no target is left to the group rule: "EC ministers met".)
#: Not force: "rockets were fired at Israel" names no side, and the article's other party may be a
#: mediator, not the attacker.
SOURCE_ROOTS = (DIRECTED_ROOTS | {"04"}) - {"18", "19", "20"}

#: Kept actorless with no actor at all: nobody's strike or demonstration ("bank workers were on strike").
PROTEST_ROOTS = frozenset({"14"})


def infer_participants(cands: list[Candidate], lex: Lexicon,
                       participants_of: Callable[[Token, Candidate], list[Participant]]) -> list[Candidate]:
    """Rule 1; drops candidates that end with no actor at all, except those of the roots in
    ``lex.actorless_roots``: protests are news even when nobody is named; a talk, a charge, a
    rejection or a threat with no actor in its sentence ("The plan was rejected") is the act of the
    article's last named actor, its source (the actors of these acts are named once, then implied)."""
    kept: list[Candidate] = []
    dyad: tuple[Participant, Participant] | None = None
    seen_pairs: Counter[tuple[str, str]] = Counter()
    last_source: Participant | None = None
    # an act of the same root with named actors in the sentence: the actorless one retells it ("The
    # deal was negotiated over four years in Havana, where Santos and Londono met"), not a new act
    named = {(c.sentence_index, c.root) for c in cands if c.sources or c.targets}
    for c in cands:
        if not c.sources and not c.targets and _is_joint(c, lex):
            verb = governing_verb(c.trigger.token)
            subj = logical_subject(verb) if verb is not None else None
            group = participants_of(subj, c) if subj is not None else []
            if len(group) >= 2 and verb is not None:  # a group means a subject, so a verb
                c.sources = group
                c.reciprocal = True
                c.confidence *= 0.8
                c.notes.append(f"participants: the subject of '{verb.text}' ({', '.join(p.ref.text for p in group)})")
            elif dyad is not None:
                c.sources, c.targets = [dyad[0]], [dyad[1]]
                c.reciprocal = True
                c.confidence *= 0.6
                c.notes.append(f"participants: the article's current dyad ({dyad[0].ref.text} / {dyad[1].ref.text})")
        if not c.sources and not c.targets and not _keep_actorless(c, lex, named, last_source):
            continue
        kept.append(c)
        if c.sources:
            last_source = c.sources[0]
        pair = _pair(c)
        if pair is not None:  # the current dyad: the pair seen most often so far (ties: the latest)
            key = _ordered(pair[0].country, pair[1].country)
            seen_pairs[key] += 1
            if seen_pairs[key] == max(seen_pairs.values()):
                dyad = pair
    return kept


def _keep_actorless(c: Candidate, lex: Lexicon, named: set[tuple[int, str]],
                    last_source: Participant | None) -> bool:
    """Is a candidate with no actor kept (rule 1's exception)? Gives it the last named actor as source
    where its root takes one."""
    if c.root not in lex.actorless_roots:
        return False
    if c.root not in PROTEST_ROOTS:
        if (c.sentence_index, c.root) in named:
            return False
        if last_source is not None:
            c.sources = [last_source]
            c.confidence *= 0.6
            c.notes.append(f"participants: none named; the article's last actor ({last_source.ref.text})")
            return True
    # a strike or a demonstration is news without named strikers ("70 strikes were reported")
    c.confidence *= 0.8
    c.notes.append(f"participants: none named; CAMEO root {c.root} is kept without actors")
    return True


def _ordered(a: str, b: str) -> tuple[str, str]:
    """A pair of country codes in sorted order: one key for both directions."""
    return (a, b) if a <= b else (b, a)


def _is_joint(c: Candidate, lex: Lexicon) -> bool:
    tok = c.trigger.token
    return c.trigger.pos == "noun" and (c.trigger.pattern.reciprocal or tok.lower_ in lex.reciprocal_nouns)


def _pair(c: Candidate) -> tuple[Participant, Participant] | None:
    if c.sources and c.targets and c.sources[0].country != c.targets[0].country:
        return c.sources[0], c.targets[0]
    if len(c.sources) >= 2 and c.sources[0].country != c.sources[1].country:
        return c.sources[0], c.sources[1]
    return None


def resolve_event_coreference(cands: list[Candidate]) -> None:
    """Rule 2, in place."""
    for i, c in enumerate(cands):
        if c.trigger.pos != "noun" or c.dated is None or own_date(c.dated):
            continue
        for prev in reversed(cands[:i]):
            same_act = prev.trigger.pattern.cameo[:3] == c.trigger.pattern.cameo[:3]
            if not same_act or prev.dated is None or not own_date(prev.dated):
                continue
            if _share_actor(prev, c):
                c.dated = prev.dated
                c.confidence *= 0.9
                c.notes.append(
                    f"date: '{c.trigger.token.text}' refers to the event of sentence {prev.sentence_index} "
                    f"('{prev.trigger.token.text}'), dated {prev.dated.date} ({prev.dated.why})"
                )
                break


def own_date(dated: DatedEvent) -> bool:
    """Was the date written for this event (not inherited from the article or the publication)?"""
    return dated.mention is not None and not dated.why.startswith("inherited")


def _share_actor(a: Candidate, b: Candidate) -> bool:
    ta = {p.key for p in a.targets} | {p.country for p in a.targets if p.country}
    tb = {p.key for p in b.targets} | {p.country for p in b.targets if p.country}
    sa = {p.country for p in a.sources if p.country}
    sb = {p.country for p in b.sources if p.country}
    return bool(ta & tb) or bool(sa & sb) and not (ta and tb)


def main_dyad(cands: list[Candidate]) -> tuple[str, str] | None:
    """The most frequent pair of countries acting on each other (ties: the earliest)."""
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], int] = {}
    for i, c in enumerate(cands):
        pair = _pair(c)
        if pair is None or not pair[0].country or not pair[1].country:
            continue
        key = _ordered(pair[0].country, pair[1].country)
        counts[key] += 1
        first.setdefault(key, i)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))


def infer_counterparts(cands: list[Candidate]) -> None:
    """Rule 3, in place."""
    dyad = main_dyad(cands)
    if dyad is None:
        return
    for i, c in enumerate(cands):
        if c.reciprocal:
            continue
        if c.targets and not c.sources and c.root in SOURCE_ROOTS:
            _counterpart_source(cands, c, dyad)
            continue
        if c.targets or not c.sources or c.root not in DIRECTED_ROOTS:
            continue
        src = c.sources[0].country
        found = _counterpart(cands, src, dyad)
        if found is None:
            continue
        other, counterpart = found
        c.targets = [counterpart]
        c.confidence *= 0.7
        c.notes.append(
            f"target: none in the sentence; the counterpart of {src} in the article's main dyad is {other} "
            f"('{counterpart.ref.text}')"
        )


def _counterpart(cands: list[Candidate], country: str,
                 dyad: tuple[str, str]) -> tuple[str, Participant] | None:
    """The other country of the article's main dyad and its latest participant, for one of its countries."""
    if country not in dyad or dyad[0] == dyad[1]:
        return None
    other = dyad[1] if country == dyad[0] else dyad[0]
    counterpart = _latest_participant(cands, other)
    return None if counterpart is None else (other, counterpart)


def _counterpart_source(cands: list[Candidate], c: Candidate, dyad: tuple[str, str]) -> None:
    """"Talks with the IMF", "four Iranian divisions were destroyed": an act with a target and no
    source in its sentence comes from the target's counterpart in the article's main dyad."""
    tgt = c.targets[0].country
    found = _counterpart(cands, tgt, dyad)
    if found is None:
        return
    other, counterpart = found
    c.sources = [counterpart]
    c.confidence *= 0.7
    c.notes.append(f"source: none in the sentence; the counterpart of {tgt} in the article's main dyad is {other} "
                   f"('{counterpart.ref.text}')")


def _latest_participant(cands: list[Candidate], country: str) -> Participant | None:
    best = None
    for c in cands:
        for p in c.sources + c.targets:
            if p.country == country and p.slot != "inferred":
                best = p
    return best
