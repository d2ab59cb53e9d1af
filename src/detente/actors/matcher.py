"""Phrase table over token text: finds dictionary words in a Doc (longest match first).

Case rules: acronyms (US, UN, PKK) match only in their exact case; names need capitalised words
("turkey" the bird is not Türkiye); agent words ("minister", "police") match in any case.
A pronoun token ("us") never matches. The table is built once per dictionary (see ``compile_table``).
"""
from __future__ import annotations

import re

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from ..knowledge_cache import load_or_build
from .dictionary import ActorDictionary, demonym_plural

SMALL = frozenset({"of", "the", "and", "for", "in", "on", "de", "al", "el", "du", "la", "des", "to",
                   "'s", "-", "&", "'", "da", "bin", "ibn", "van", "von", "der"})


@dataclass(frozen=True)
class Pattern:
    kind: str  # country | capital | person | igo | ngo | group | agent
    entry_id: str  # "country:TUR", "capital:TUR", "seat:USA:Pentagon", "person:hakan-fidan", "agent:GOV-minister"
    case: str  # "acronym" | "proper" | "any"
    surface: tuple[str, ...] = ()  # exact token texts, for acronyms
    form: str = ""  # name | adjective | capital | seat | acronym
    code: str = ""  # the code a seat or agent stands for
    person_title: bool = False


@lru_cache(maxsize=1 << 16)  # called on every token of every article; token texts repeat a lot
def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


class PhraseTable:
    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], list[Pattern]] = {}
        self.maxlen: dict[str, int] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}  # phrase lengths by first word, longest first

    def add(self, words: list[str], pat: Pattern) -> None:
        key = tuple(norm(w) for w in words)
        if not key:
            return
        if pat.case == "acronym":
            pat = Pattern(**{**pat.__dict__, "surface": tuple(words)})
        lst = self.table.setdefault(key, [])
        # a later layer replaces an earlier one with the same case rule (user > curated > generated)
        lst[:] = [p for p in lst if (p.case, p.surface) != (pat.case, pat.surface)] + [pat]
        self.maxlen[key[0]] = max(self.maxlen.get(key[0], 0), len(key))
        self.lengths[key[0]] = tuple(sorted({*self.lengths.get(key[0], ()), len(key)}, reverse=True))

    def remove(self, words: list[str], case: str) -> None:
        key = tuple(norm(w) for w in words)
        if key in self.table:
            self.table[key] = [p for p in self.table[key] if p.case != case]

    def find(self, doc: Doc | Span, excluded: set[int] | None = None) -> list[tuple[int, int, Pattern]]:
        """Non-overlapping (start, end, pattern) matches, leftmost-longest."""
        keys = _token_keys(doc)
        out: list[tuple[int, int, Pattern]] = []
        n, resume = len(doc), 0
        excluded = excluded or set()
        lengths = self.lengths
        # only words that start some phrase can start a match, and only with the lengths of those phrases
        for i in [i for i, k in enumerate(keys) if k in lengths]:
            if i < resume or i in excluded:
                continue
            hit = None
            for ln in lengths[keys[i]]:
                if ln > n - i or excluded and any(j in excluded for j in range(i, i + ln)):
                    continue
                for pat in reversed(self.table.get(tuple(keys[i:i + ln]), ())):
                    if _case_ok(doc, i, i + ln, pat):
                        hit = (i, i + ln, pat)
                        break
                if hit:
                    break
            if hit:
                out.append(hit)
                resume = hit[1]
        return out


def _token_keys(doc: Doc | Span) -> list[str]:
    """norm() of every token's text, read from the ORTH array (no Token object per word)."""
    if isinstance(doc, Span):  # a Span reads its slice of its Doc's array
        orths = doc.doc.to_array(ORTH).tolist()[doc.start:doc.end]
    else:
        orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    return [norm(strings[o]) for o in orths]


def _case_ok(doc: Doc | Span, start: int, end: int, pat: Pattern) -> bool:
    toks = doc[start:end]
    if end - start == 1 and toks[0].pos_ == "PRON":
        return False  # "us", "it"
    if pat.kind in ("country", "capital") and pat.form != "adjective" and end - start == 1 and end < len(doc) \
            and toks[0].ent_type_ == "PERSON" and toks[0].ent_iob_ == "B" and doc[end].ent_iob_ == "I":
        return False  # "Sofia Sapega", "Chad Smith": a first name, not a place
    if pat.case == "any":
        if any(t.ent_type_ == "PERSON" for t in toks):
            return False  # "Chairman Kenneth Dean": a surname, not the agent word "dean"
        if all(t.is_upper and len(t) > 1 for t in toks):
            return False  # shouted headline words ("DEAN FOODS SEES ...")
        nxt = doc[end] if end < len(doc) else None
        if nxt is not None and nxt.ent_iob_ == "I" and nxt.ent_type_ in ("ORG", "FAC") and nxt.text[:1].isupper() \
                and toks[0].text[:1].isupper():
            return False  # the first word of a company name ("Dean Foods")
    if pat.kind == "person" and end - start == 1 and (_acronym(doc, start) or (
            toks[0].ent_iob_ == "I" and toks[0].ent_type_ in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART"))):
        return False  # a lone surname as an acronym ("GATT") or inside a company name ("Merrill Lynch")
    if pat.case == "acronym":
        return tuple(t.text for t in toks) == pat.surface
    if pat.case == "proper":
        for t in toks:
            w = t.text
            if norm(w) in SMALL or not w[:1].isalpha():
                continue
            if not w[:1].isupper():
                return False
        return True
    return True


def _acronym(doc: Doc | Span, i: int) -> bool:
    """An upper-case word among lower-case ones ("the GATT round"), not a word of a shouted headline
    ("REAGAN CALLS FOR ...")."""
    tok = doc[i]
    if not (tok.is_upper and len(tok) > 1):
        return False
    near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc) and doc[j].is_alpha and len(doc[j]) > 1]
    return bool(near) and not any(t.is_upper for t in near)


@lru_cache(maxsize=8)
def compile_table(dictionary: ActorDictionary) -> PhraseTable:
    """Tokenise every dictionary phrase with the pipeline's tokenizer, once per dictionary; a dictionary
    loaded from its files (``content_key`` set) reads the table from the knowledge cache."""
    from ..nlp import DEFAULT_MODEL, load_nlp

    tokenizer_file = _tokenizer_file(DEFAULT_MODEL)
    if dictionary.content_key is None or tokenizer_file is None:
        return _build_table(dictionary, load_nlp().tokenizer)
    # keyed by the model's serialised tokenizer rules, so a cache hit needs no spaCy model at all
    return load_or_build("phrase_table", [Path(__file__), tokenizer_file],
                         lambda: _build_table(dictionary, load_nlp().tokenizer), PhraseTable,
                         extra=[dictionary.content_key, DEFAULT_MODEL, f"spacy {spacy.about.__version__}"])[0]


def _tokenizer_file(model: str) -> Path | None:
    """The ``tokenizer`` file of an installed or on-disk spaCy model, or None if it has none."""
    try:
        base = spacy.util.get_package_path(model) if spacy.util.is_package(model) else Path(model)
    except Exception:  # an odd installation: build without the cache
        return None
    found = [p for p in (base / "tokenizer", *base.glob("*/tokenizer")) if p.is_file()]
    return found[0] if len(found) == 1 else None


def _build_table(dictionary: ActorDictionary, tokenizer: Tokenizer) -> PhraseTable:
    items: list[tuple[str, Pattern | None]] = []  # None: remove the phrase (agent `drop` rows)
    for a in dictionary.agents:
        for w in a.words:
            items.append((w, None if a.drop else
                          Pattern("agent", f"agent:{a.id}", "any", code=a.agent, person_title=a.person)))
    later: list[tuple[str, Pattern]] = []
    for key, e in dictionary.actors.items():
        dest = items if key in dictionary.generated else later
        for n in e.names:
            dest.append((n, Pattern(e.kind, key, "proper", form="name")))
        for n in e.acronyms:
            dest.append((n, Pattern(e.kind, key, "acronym", form="acronym")))
    for c in dictionary.countries.values():  # capitals first: a country name wins (Singapore, Kuwait)
        for n in c.capitals:
            items.append((n, Pattern("capital", f"capital:{c.id}", "proper", form="capital", code=c.id + "GOV")))
    for c in dictionary.countries.values():
        for n in dict.fromkeys([c.name, *c.names]):
            items.append((n, Pattern("country", f"country:{c.id}", "proper", form="name")))
        for n in c.adjectives:
            items.append((n, Pattern("country", f"country:{c.id}", "proper", form="adjective")))
            if (plural := demonym_plural(n)) is not None:  # Albanians, Iraqis
                items.append((plural, Pattern("country", f"country:{c.id}", "proper", form="adjective")))
        for n in c.acronyms:
            items.append((n, Pattern("country", f"country:{c.id}", "acronym", form="acronym")))
        for s in c.seats:
            items.append((s.name, Pattern("capital", f"seat:{c.id}:{s.name}", "proper", form="seat", code=s.code)))
    items += later  # names of people and organisations win over the generated plurals above
    table = PhraseTable()
    # Plain words split on spaces exactly as the tokenizer would; only the rest needs the tokenizer
    # (30k PETRARCH names tokenised one by one cost most of the start-up time).
    hard = [i for i, (t, _) in enumerate(items) if not _PLAIN.match(t)]
    tokens: dict[int, list[str]] = {i: items[i][0].split(" ") for i in range(len(items))}
    for i, doc in zip(hard, tokenizer.pipe((items[i][0] for i in hard), batch_size=2000)):
        tokens[i] = [t.text for t in doc]
    for i, (_, pat) in enumerate(items):
        if pat is None:
            table.remove(tokens[i], "any")
        else:
            table.add(tokens[i], pat)
    return table


_PLAIN = re.compile(r"^[A-Za-z]{2,}(?: [A-Za-z]{2,})*$")
