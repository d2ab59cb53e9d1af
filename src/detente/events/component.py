"""The ``detente_events`` pipeline component: triggers and obligations -> event candidates.

For every sentence it finds the pattern triggers (events/triggers.py) and the "X said Y must do Z"
obligations (events/constructions.py) and starts a candidate for each with its mode (events/modality.py),
its date (from ``doc._.detente_dater``) and the mode recodings of events/data/recoding.yaml. Places
(detente_places) and actors (detente_roles) are filled in by the components after it; the candidates
wait in ``doc._.detente_candidates`` as ``Found`` records.

Config: ``extra_patterns`` — pattern YAML files or folders loaded after the shipped ones (what
``$DETENTE_PATTERNS`` adds when the config is built); ``prefilter`` — parse only the sentences with a
trigger word and an actor word (events/prefilter.py; the Coder applies it before the pipeline).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..errors import DataFileError
from ..nlp.extensions import article_input, GuardedComponent, register_extensions
from .candidates import Candidate
from .constructions import OBLIGATION, Obligation, find_obligations
from .discourse import own_date
from .lexicon import Lexicon, load_lexicon
from .modality import ModeResult, detect_mode, has_own_time
from .patterns import DATA_DIR, PatternSet, load_patterns
from .prefilter import Prefilter, coder_prefilter
from .recoding import Recoding, load_recoding
from .triggers import Trigger, find_triggers

if TYPE_CHECKING:
    from ..actors.dictionary import ActorDictionary
    from ..dates import ArticleDater


@dataclass
class Found:
    """A candidate being built, with what the later components need to finish it."""

    cand: Candidate
    sent: Span
    anchor: Token  # where the place is read: the trigger, or the saying verb of an obligation
    obligation: Obligation | None = None


def pattern_files(extra: list[str]) -> tuple[Path, ...]:
    """The shipped pattern files, then each extra file (a folder adds its *.yaml, sorted)."""
    base = Path(str(resources.files("detente.events").joinpath(DATA_DIR)))
    files = sorted(base.glob("*.yaml"))
    for item in extra:
        p = Path(item).expanduser()
        if not p.exists():
            raise DataFileError(f"pattern file or folder not found: {p} ([components.detente_events] extra_patterns "
                                "or $DETENTE_PATTERNS)")
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return tuple(files)


class EventsComponent(GuardedComponent):
    def __init__(self, extra_patterns: list[str], prefilter: bool):
        self.extra_patterns = list(extra_patterns)
        self.prefilter = prefilter
        self.patterns: PatternSet = load_patterns(pattern_files(self.extra_patterns))
        self.lexicon: Lexicon = load_lexicon()
        self.recoding: Recoding = load_recoding()

    def process(self, doc: Doc) -> Doc:
        info = article_input(doc)
        dater = doc._.detente_dater
        out: list[Found] = []
        for sent in doc.sents:
            si = info.layout.locate(sent.start_char)[1]
            out.extend(self.draft(trig, si, sent, dater) for trig in find_triggers(sent, self.patterns, self.lexicon))
            out.extend(self._obligation(ob, si, sent, dater) for ob in find_obligations(sent, self.lexicon))
        doc._.detente_candidates = out
        return doc

    def build_prefilter(self, dictionary: ActorDictionary) -> Prefilter:
        """The sentence filter applied before parsing: a trigger word and an actor word."""
        return coder_prefilter(self.patterns, self.lexicon, dictionary)

    def draft(self, trig: Trigger, si: int, sent: Span, dater: ArticleDater) -> Found:
        """A trigger's candidate with its mode, date and mode recoding (no place, no actors yet)."""
        res = detect_mode(trig.token, self.lexicon)
        if (res.cue == "governor" and res.governor is not None and trig.pattern.cameo[:2] >= "18"
                and res.governor.lemma_.lower() in self.lexicon.cessation_verbs):
            # "Russia stopped shelling the town" / "would stop striking": a de-escalation (CAMEO 087)
            # with the mode of the stopping itself
            why = f"'{res.governor.text}' ends the act: de-escalation ({trig.pattern.cameo} -> 087)"
            trig = Trigger(trig.token, trig.pattern.model_copy(update={"cameo": "087", "plover": None}))
            stop = detect_mode(res.governor, self.lexicon)
            res = ModeResult(stop.mode, f"{why}; {stop.why}" if stop.why else why, stop.cue, stop.negated_intent)
        mode, mode_why = res.mode, res.why
        dated = dater.date_event(trig.token, future=mode == "future")
        # only an announced sanction, protest or show of force can be "scheduled" (recoding.py)
        scheduled = mode == "future" and "14" <= trig.pattern.cameo[:2] <= "16" and (
            dated is not None and own_date(dated) or has_own_time(trig.token, self.lexicon))
        recoded = self.recoding.recode(trig.pattern.cameo, mode, res.cue, res.negated_intent, scheduled)
        if recoded is not None:
            code, mode, why = recoded
            mode_why = f"{res.why}: {why}"
            trig = Trigger(trig.token, trig.pattern.model_copy(update={"cameo": code, "plover": None}))
        cand = Candidate(trig, si, [], [], mode, mode_why, dated, None, "",
                         reciprocal=False, confidence=trig.pattern.confidence)
        return Found(cand, sent, trig.token)

    def _obligation(self, ob: Obligation, si: int, sent: Span, dater: ArticleDater) -> Found:
        """"X said Y must do Z": a request from X to Y, with the mode and date of the saying."""
        res = detect_mode(ob.verb.head, self.lexicon)  # the saying can be negated or future
        dated = dater.date_event(ob.verb.head)
        cand = Candidate(Trigger(ob.modal, OBLIGATION), si, [], [], res.mode, res.why, dated, None, "",
                         confidence=OBLIGATION.confidence)
        return Found(cand, sent, ob.verb.head, ob)


@Language.factory(
    "detente_events",
    requires=["doc._.detente_dater", "token.dep", "token.lemma", "token.tag",
              "doc.sents"],
    assigns=["doc._.detente_candidates"],
    default_config={"extra_patterns": [], "prefilter": True},
)
def make_events(nlp: Language, name: str, extra_patterns: list[str], prefilter: bool) -> EventsComponent:
    register_extensions()
    return EventsComponent(extra_patterns, prefilter)


def candidates_of(doc: Doc) -> list[Found]:
    """``doc._.detente_candidates``, or a clear error when detente_events has not run."""
    found: Any = doc._.detente_candidates
    if found is None:
        raise ValueError("doc._.detente_candidates is not set: detente_events must run before this component")
    return list(found)
