"""A fast prefilter: only sentences that can hold an event are parsed.

An Aho-Corasick automaton over every surface form of every trigger lemma (the pattern vocabulary,
inflected by simple English rules plus a table of irregular verbs) finds candidate sentences in
linear time, before spaCy runs. A sentence without any trigger form cannot produce an event, so it is
not parsed — except the sentence just before a kept one, which is kept as context for pronouns and
dates. Coding every sentence (no prefilter) is `CoderSettings(prefilter=False)`.
"""
from __future__ import annotations

import ahocorasick

IRREGULAR = {
    "meet": ["met"], "fight": ["fought"], "hold": ["held"], "take": ["took", "taken"], "give": ["gave", "given"],
    "send": ["sent"], "seek": ["sought"], "sell": ["sold"], "buy": ["bought"], "bring": ["brought"],
    "leave": ["left"], "make": ["made"], "strike": ["struck", "stricken"], "shoot": ["shot"],
    "steal": ["stole", "stolen"], "speak": ["spoke", "spoken"], "withdraw": ["withdrew", "withdrawn"],
    "break": ["broke", "broken"], "beat": ["beaten"], "choose": ["chose", "chosen"], "forbid": ["forbade", "forbidden"],
    "forgive": ["forgave", "forgiven"], "freeze": ["froze", "frozen"], "lead": ["led"], "feel": ["felt"],
    "keep": ["kept"], "lend": ["lent"], "lose": ["lost"], "pay": ["paid"], "say": ["said"], "sit": ["sat"],
    "spend": ["spent"], "stand": ["stood"], "swear": ["swore", "sworn"], "tell": ["told"], "think": ["thought"],
    "throw": ["threw", "thrown"], "win": ["won"], "write": ["wrote", "written"], "bear": ["bore", "borne"],
    "begin": ["began", "begun"], "blow": ["blew", "blown"], "drive": ["drove", "driven"], "fly": ["flew", "flown"],
    "go": ["went", "gone"], "overthrow": ["overthrew", "overthrown"], "ride": ["rode"], "rise": ["rose", "risen"],
    "run": ["ran"], "see": ["saw", "seen"], "shake": ["shook", "shaken"], "slay": ["slew", "slain"],
    "undertake": ["undertook", "undertaken"], "uphold": ["upheld"], "withhold": ["withheld"], "bind": ["bound"],
    "catch": ["caught"], "teach": ["taught"], "hang": ["hung", "hanged"], "bid": ["bade"], "flee": ["fled"],
    "seize": ["seized"], "hide": ["hid", "hidden"], "bite": ["bit", "bitten"], "draw": ["drew", "drawn"],
    "grow": ["grew", "grown"], "know": ["knew", "known"], "shut": ["shut"], "set": ["set"], "put": ["put"],
    "cut": ["cut"], "hit": ["hit"], "quit": ["quit"], "spread": ["spread"], "upset": ["upset"], "wage": ["waged"],
    "stick": ["stuck"], "sting": ["stung"], "swing": ["swung"], "sweep": ["swept"], "weep": ["wept"],
    "deal": ["dealt"], "mean": ["meant"], "hear": ["heard"], "build": ["built"], "dig": ["dug"], "shed": ["shed"],
    "sink": ["sank", "sunk"], "sing": ["sang", "sung"], "spring": ["sprang", "sprung"], "tear": ["tore", "torn"],
    "wear": ["wore", "worn"], "wake": ["woke", "woken"], "arise": ["arose", "arisen"], "slide": ["slid"],
    "mislead": ["misled"], "oversee": ["oversaw", "overseen"], "overcome": ["overcame"], "foresee": ["foresaw", "foreseen"],
}
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


class Prefilter:
    """Which sentences may hold an event (whole-word, case-insensitive trigger forms)."""

    def __init__(self, lemmas: set[str]):
        self.automaton = ahocorasick.Automaton()
        for lemma in sorted(lemmas):
            for form in inflections(lemma):
                self.automaton.add_word(form, form)
        self.automaton.make_automaton()

    def has_trigger(self, text: str) -> bool:
        if len(self.automaton) == 0:  # an empty automaton cannot be searched
            return False
        low = text.lower()
        n = len(low)
        for end, form in self.automaton.iter(low):
            start = end - len(form) + 1
            if (start == 0 or not low[start - 1].isalnum()) and (end + 1 == n or not low[end + 1].isalpha()):
                return True
        return False

    def keep(self, sentences: list[str]) -> list[bool]:
        """Sentences with a trigger form, plus the one before each (context), plus the first two."""
        hits = [self.has_trigger(s) for s in sentences]
        keep = list(hits)
        for i, hit in enumerate(hits):
            if hit and i > 0:
                keep[i - 1] = True
        for i in range(min(2, len(keep))):
            keep[i] = True
        return keep
