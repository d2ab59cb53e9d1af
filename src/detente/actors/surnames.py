"""Surnames: news names a person in full once, then by surname ("Mr Blair", "Funaro said ...").

A person is introduced as a dictionary name ("Tony Blair"), as a title followed by a name the
dictionary does not know ("Brazilian Finance Minister Dilson Funaro", "UAW spokesman Bob Miller"),
or as a name in apposition to a title ("Dilson Funaro, Brazil's finance minister,"). A later bare
surname, with or without an honorific ("Mr", "Mrs", "Dr" ...), refers to the latest person
introduced with that surname earlier in the article, and resolves like that first mention
(Funaro -> BRAGOV). Measured on gold/news train: bare surnames are the commonest actor the
dictionary alone misses in news prose.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .mention import ActorMention

HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord",
                        "lady", "mme", "m."})
#: A later name the parser takes for a place is not the person (the small model often calls a lone
#: surname ORG, so ORG is accepted).
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: The longest unknown name taken after a title ("Foreign Minister Sir Geoffrey Howe": 3 words).
MAX_NAME = 4


def link_surnames(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` plus one mention per later bare surname of a person introduced in full."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    introduced: list[tuple[int, str, ActorMention]] = []  # (token after the full name, surname, mention)
    for m in mentions:
        if m.antecedent is not None:
            continue
        if m.kind == "person" and m.end - m.start >= 2 and _is_name(doc[m.end - 1]):
            introduced.append((m.end, doc[m.end - 1].text, m))
        elif m.country or m.agent:
            run = _name_after(doc, m.end, covered) or _name_before(doc, m.start, covered)
            if run is not None and m.agent:
                introduced.append((run[1], doc[run[1] - 1].text, m))
    if not introduced:
        return mentions
    made: list[ActorMention] = []
    for tok in doc:
        if tok.i in covered or not _is_name(tok) or tok.ent_type_ in PLACE_ENTS:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].i not in covered:
            continue  # the first word of a longer name ("Blair Hull")
        before = [(end, m) for end, name, m in introduced if name == tok.text and end <= tok.i]
        if not before:
            continue
        start = tok.i
        if start > 0 and doc[start - 1].lower_ in HONORIFICS:
            start -= 1
        elif start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].i not in covered:
            continue  # another first name: "Gordon Brown" is not "Mr Brown" of "Ian Brown"
        ante = max(before, key=lambda x: x[0])[1]
        span = doc[start:tok.i + 1]
        made.append(ActorMention(start=start, end=tok.i + 1, start_char=span.start_char, end_char=span.end_char,
                                 text=span.text, entry_id=ante.entry_id, kind=ante.kind, antecedent=ante,
                                 head_i=tok.i, notes=(f"'{tok.text}' is the surname of '{ante.text}'",)))
    return sorted(mentions + made, key=lambda m: (m.start, m.end)) if made else mentions


def _is_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha() and not tok.is_upper


def _name_after(doc: Doc, i: int, covered: set[int]) -> tuple[int, int] | None:
    """The unknown person's name right after a title: "Finance Minister [Dilson Funaro]"."""
    j = i
    while j < len(doc) and j - i < MAX_NAME and j not in covered and _is_name(doc[j]) \
            and doc[j].ent_type_ == "PERSON":
        j += 1
    return (i, j) if j > i else None


def _name_before(doc: Doc, i: int, covered: set[int]) -> tuple[int, int] | None:
    """A name in apposition before its title: "[Dilson Funaro], Brazil's finance minister"."""
    if i < 2 or doc[i - 1].text != ",":
        return None
    end = i - 1
    j = end
    while j > 0 and end - j < MAX_NAME and (j - 1) not in covered and _is_name(doc[j - 1]) \
            and doc[j - 1].ent_type_ == "PERSON":
        j -= 1
    return (j, end) if j < end else None
