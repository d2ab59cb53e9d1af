"""The dependency labels the rules compare a token's link with, named by role (nlp/lang/en.yaml ``labels``).

A rule writes ``tok.dep_ == POBJ``, not ``tok.dep_ == "pobj"``: the label itself is language data, so a
model with another label scheme changes the YAML file, not the rules. The short names follow the
English (ClearNLP) labels because the rules were written against them; each is bound to its role here.
"""
from __future__ import annotations

from .language import language_data

_LABELS = language_data().labels

NSUBJ = _LABELS.nominal_subject
NSUBJPASS = _LABELS.passive_subject
CSUBJ = _LABELS.clausal_subject
EXPL = _LABELS.expletive
DOBJ = _LABELS.direct_object
DATIVE = _LABELS.dative
IOBJ = _LABELS.indirect_object
POBJ = _LABELS.prep_object
PCOMP = _LABELS.prep_complement
PREP = _LABELS.preposition
AGENT = _LABELS.agent
ATTR = _LABELS.attribute
OPRD = _LABELS.object_predicate
ACOMP = _LABELS.adjectival_complement
XCOMP = _LABELS.open_complement
CCOMP = _LABELS.clausal_complement
ADVCL = _LABELS.adverbial_clause
ACL = _LABELS.adnominal_clause
RELCL = _LABELS.relative_clause
PARATAXIS = _LABELS.parataxis
CONJ = _LABELS.conjunct
CC = _LABELS.coordinator
PUNCT = _LABELS.punctuation
AUX = _LABELS.auxiliary
AUXPASS = _LABELS.passive_auxiliary
NEG = _LABELS.negation
DET = _LABELS.determiner
MARK = _LABELS.marker
PRT = _LABELS.particle
POSS = _LABELS.possessive
COMPOUND = _LABELS.compound
AMOD = _LABELS.adjectival_modifier
ADVMOD = _LABELS.adverbial_modifier
NMOD = _LABELS.nominal_modifier
NPADVMOD = _LABELS.noun_phrase_adverbial
NUMMOD = _LABELS.numeric_modifier
