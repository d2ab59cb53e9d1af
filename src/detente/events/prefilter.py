"""A fast prefilter: only sentences that can hold an event are parsed.

An event needs a trigger and an actor. Aho-Corasick automata over every surface form of every
trigger lemma (the pattern vocabulary, inflected by simple English rules plus a table of irregular
verbs) and over the actor vocabulary (names, demonyms, capitals, people, organisations — case
sensitive — and agent words such as "police" or "rebels") find candidate sentences in linear time,
before spaCy runs. A sentence is parsed when it has a trigger form and an actor word or a personal
pronoun (which coreference may resolve); when it has a pronoun or a definite description ("the
minister", "the two countries"), the sentence before it is parsed too, as the likely antecedent; the
title and the lead need only a trigger form, since they set the article's date and actors. A trigger
form counts only with the other words one of its patterns needs ("offer" needs one of the objects of its
patterns — talks, aid, mediation, ...; a pattern cannot match without them), so common words that are
triggers only in set phrases do not send a sentence to the parser. Coding every sentence is
`CoderSettings(prefilter=False)`; `benchmarks/prefilter_samples.py` measures what the filter costs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import ahocorasick

from ..knowledge_cache import load_or_build
from ..nlp.language import language_data

if TYPE_CHECKING:
    from ..actors.dictionary import ActorDictionary
    from .lexicon import Lexicon
    from .patterns import PatternSet

IRREGULAR = language_data().irregular_verbs  # past forms the inflection rules miss (nlp/lang/en.yaml)
VOWELS = set("aeiou")


def inflections(lemma: str) -> set[str]:
    """Surface forms of an English verb or noun lemma (over-generation is harmless here)."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in VOWELS | {"w", "x", "y"} and w[-2] in VOWELS and w[-3] not in VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    forms |= set(IRREGULAR.get(w, []))
    if w.endswith("ise"):
        forms |= inflections(w[:-3] + "ize") if not w.endswith("wise") else set()
    return forms


PRONOUNS = language_data().pronouns
#: Words that point back to an earlier sentence: pronouns and definite descriptions of actors.
_REFERS_BACK = re.compile(r"\b(?:he|she|they|him|her|his|them|their|the (?:two |three )?(?:"
                          r"minister|president|leader|government|country|countries|nations?|sides?|"
                          r"allies|diplomats?|officials?|envoy|group|army|rebels|militants|bloc|alliance|"
                          r"prime minister|premier|king|regime|junta|authorities|talks|meeting|agreement|deal))\b",
                          re.IGNORECASE)


def _automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in sorted(set(words)):
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def _whole_words(auto: ahocorasick.Automaton, text: str) -> Iterator[tuple[int, str]]:
    """(start, word) of every whole-word hit of the automaton in text."""
    if len(auto) == 0:  # an empty automaton cannot be searched
        return
    n = len(text)
    for end, word in auto.iter(text):
        start = end - len(word) + 1
        if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == n or not text[end + 1].isalpha()):
            yield start, word


def _found(auto: ahocorasick.Automaton, text: str) -> bool:
    """A whole-word hit of the automaton in text."""
    return next(_whole_words(auto, text), None) is not None


#: Irregular noun plurals (a pattern's object "person" must also match "people").
IRREGULAR_NOUNS = language_data().irregular_nouns
_WORDS = re.compile(r"[a-z0-9]+")
#: Trigger forms that, capitalised inside a sentence, are something else (the month of March).
PROPER_FORMS = language_data().proper_forms


def word_forms(lemma: str) -> set[str]:
    """Surface forms of a constraint lemma, as single lowercase words."""
    forms = inflections(lemma) | set(IRREGULAR_NOUNS.get(lemma.lower(), []))
    if lemma.endswith(("f", "fe")):
        forms.add(lemma[: -1 if lemma.endswith("f") else -2] + "ves")
    return {w for f in forms for w in _WORDS.findall(f)}


class Prefilter:
    """Which sentences may hold an event (a trigger form, with the other words one of its patterns
    needs, plus an actor word or pronoun)."""

    def __init__(self, lemmas: set[str], names: set[str] | None = None, words: set[str] | None = None,
                 requirements: dict[str, list[frozenset[str]] | None] | None = None):
        # trigger form -> lemmas; a lemma maps to None (the trigger alone may match) or to word sets
        self._lemmas_of: dict[str, set[str]] = {}
        for lemma in lemmas:
            for form in inflections(lemma):
                self._lemmas_of.setdefault(form, set()).add(lemma)
        self.triggers = _automaton(self._lemmas_of)
        self._needs: dict[str, list[frozenset[str]] | None] = {
            lemma: (None if need is None else [frozenset(w for x in group for w in word_forms(x)) for group in need])
            for lemma, need in (requirements or {}).items()}
        # names are matched as written (so "US" is not "us"); agent words and pronouns in lower case
        self.names = _automaton(n for n in (names or ()) if len(n) >= 2) if names is not None else None
        self.words = _automaton([w.lower() for w in (words or ()) if len(w) >= 3] + list(PRONOUNS))

    def has_trigger(self, text: str) -> bool:
        low = text.lower()
        if not self._needs:
            return _found(self.triggers, low)
        words: set[str] | None = None
        for start, form in _whole_words(self.triggers, low):
            if form in PROPER_FORMS and 0 < start and len(low) == len(text) and text[start].isupper():
                continue  # "in March" is the month, "a march" the protest (offsets of text = of low)
            for lemma in self._lemmas_of.get(form, ()):
                need = self._needs.get(lemma)
                if need is None:
                    return True
                if words is None:
                    words = set(_WORDS.findall(low))
                if any(words & group for group in need):
                    return True
        return False

    def has_actor(self, text: str) -> bool:
        if self.names is None:  # no actor vocabulary given: every sentence may hold an actor
            return True
        return _found(self.names, text) or _found(self.words, text.lower())

    def keep(self, sentences: list[str]) -> list[bool]:
        """Sentences with a trigger form and an actor word, their antecedent sentence, title and lead."""
        hits = [self.has_trigger(s) and self.has_actor(s) for s in sentences]
        keep = list(hits)
        for i, hit in enumerate(hits):
            if hit and i > 0 and _REFERS_BACK.search(sentences[i]):
                keep[i - 1] = True
        for i in range(min(2, len(keep))):
            keep[i] = keep[i] or self.has_trigger(sentences[i])  # title and lead: a trigger is enough
        return keep


def coder_prefilter(patterns: PatternSet, lexicon: Lexicon, dictionary: ActorDictionary) -> Prefilter:
    """The coder's filter: trigger forms of every pattern and of the obligation modals, actor names and
    words. Built once per pattern set and dictionary, then read from the knowledge cache (its automata
    take longer to build than to unpickle)."""

    def build() -> Prefilter:
        needs = patterns.requirements()
        # "X said Y must do Z" (events/constructions.py): a modal is a trigger next to a report verb
        for modal in lexicon.obligation_aux:
            needs[modal] = [frozenset(lexicon.report_verbs)]
        return Prefilter(patterns.vocabulary() | set(lexicon.obligation_aux), *dictionary.vocabulary(),
                         requirements=needs)

    if patterns.content_key is None or dictionary.content_key is None:
        return build()  # built or changed by hand: nothing to key a cache entry by
    from .lexicon import lexicon_path

    sources = [Path(__file__), lexicon_path(), Path(__file__).with_name("lexicon.py")]
    return load_or_build("prefilter", sources, build, Prefilter,
                         extra=[patterns.content_key, dictionary.content_key])[0]
