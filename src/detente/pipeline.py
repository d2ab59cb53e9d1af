"""The coder: Article -> spaCy Doc -> actors, triggers, dates, modes, places -> Events.

``Coder`` owns the loaded model and knowledge (loaded once per process) and codes one article or a
stream of them (``code_many`` batches ``nlp.pipe`` and keeps input order). Each stage is a separate
module; this file only wires them together in the order the decisions depend on: dates before actor
codes (people are coded by their role on the event date), actors before discourse inference.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .actors import ActorFinder, DocActors, load_actor_dictionary
from .dates import ArticleDater
from .events.arguments import object_region, slot_tokens
from .events.triggers import prep_objects
from .events.candidates import Candidate, Participant
from .events.constructions import OBLIGATION, find_obligations
from .events.discourse import infer_counterparts, infer_participants, own_date, resolve_event_coreference
from .events.lexicon import Lexicon, load_lexicon
from .events.modality import ModeResult, detect_mode, has_own_time
from .events.recoding import Recoding, load_recoding
from .events.patterns import PatternSet, load_patterns
from .events.triggers import Trigger, find_triggers, participation_verb
from .geo import Gazetteer, load_gazetteer, locate_event
from .geo.carry import carry_locations
from .models import ActorRef, Article, Event, stable_id
from .events.prefilter import Prefilter
from .nlp import MAX_DOC_CHARS, load_nlp
from .nlp.layout import Layout, build_layout
from .events.decider import is_whole_article, load_decider
from .events.headline import drop_headline_repeats
from .events.proposals import main_verb, proposable, proposal_pattern, proposed_types
from .events.sentence_types import sentence_type_probabilities
from .ontology import Codebook, load_codebook

MAX_PAIRS = 6  # compound actors: cap on source x target expansion per trigger


@dataclass(frozen=True)
class CoderSettings:
    historical_days: int = 30
    batch_size: int = 64
    min_confidence: float = 0.0
    prefilter: bool = True  # parse only sentences with a trigger and an actor word (events/prefilter.py)
    # The trained decider (events/decider.py) rescores and filters typed candidates. None: use it when
    # the shipped model says it beat the rules on dev (its meta "enabled"); True/False force it.
    decider: bool | None = None
    decider_threshold: float | None = None  # None: the threshold shipped with the model (chosen on dev)
    # Events proposed by the sentence classifier where no rule fired (events/proposals.py). None: when
    # the shipped decider was trained with them and says so (meta "proposals"); True/False force it.
    propose: bool | None = None
    carry_locations: bool = True  # a report's place carries to its later unlocated events (geo/carry.py)
    headline_once: bool = True  # a headline event the body repeats counts once (events/headline.py)


class Coder:
    """Codes articles into events. Create once; reuse for many articles."""

    def __init__(self, *, settings: CoderSettings | None = None, nlp=None, patterns: PatternSet | None = None,
                 lexicon: Lexicon | None = None, actor_finder: ActorFinder | None = None,
                 gazetteer: Gazetteer | None = None, codebook: Codebook | None = None):
        self.settings = settings or CoderSettings()
        self.nlp = nlp or load_nlp()
        self.patterns = patterns or load_patterns()
        self.lexicon = lexicon or load_lexicon()
        self.actor_finder = actor_finder or ActorFinder(load_actor_dictionary())
        self.gazetteer = gazetteer or load_gazetteer()
        self.codebook = codebook or load_codebook()
        self.recoding: Recoding = load_recoding()
        self.prefilter = self._build_prefilter() if self.settings.prefilter else None

    def _build_prefilter(self) -> Prefilter:
        needs = self.patterns.requirements()
        # "X said Y must do Z" (events/constructions.py): a modal is a trigger next to a report verb
        for modal in self.lexicon.obligation_aux:
            needs[modal] = [frozenset(self.lexicon.report_verbs)]
        return Prefilter(self.patterns.vocabulary() | set(self.lexicon.obligation_aux),
                         *self.actor_finder.dictionary.vocabulary(), requirements=needs)

    # ------------------------------------------------------------------ public API
    def layout(self, article: Article) -> Layout:
        keep = self.prefilter.keep if self.prefilter is not None else None
        if keep is not None and self._proposing(is_whole_article(article.body)):
            keep = _or_proposable(keep)
        return build_layout(article.body, keep, MAX_DOC_CHARS)

    def code(self, article: Article) -> list[Event]:
        layout = self.layout(article)
        return self.code_doc(self.nlp(layout.text), article, layout)

    def code_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event] | Exception]]:
        """(article, events) in input order; a failing article yields its exception instead."""
        it = iter(articles)
        while True:
            batch = list(itertools.islice(it, self.settings.batch_size))
            if not batch:
                return
            layouts = [self.layout(a) for a in batch]
            docs = self.nlp.pipe((lay.text for lay in layouts), batch_size=self.settings.batch_size)
            for article, layout, doc in zip(batch, layouts, docs):
                try:
                    yield article, self.code_doc(doc, article, layout)
                except Exception as exc:  # one bad article never stops a batch
                    yield article, exc

    # ------------------------------------------------------------------ stages
    def code_doc(self, doc, article: Article, layout: Layout) -> list[Event]:
        actors = self.actor_finder(doc)
        whole = is_whole_article(article.body)
        # article-level inferences (the country an article is about) need a whole article
        doc.user_data["detente.whole_article"] = whole
        dater = ArticleDater(doc, article.date, historical_days=self.settings.historical_days)
        cands: list[Candidate] = []
        proposing = self._proposing(whole)
        for sent in doc.sents:
            si = layout.locate(sent.start_char)[1]
            found = [self._candidate(trig, si, actors, dater) for trig in find_triggers(sent, self.patterns, self.lexicon)]
            found.extend(self._obligations(sent, si, actors, dater))
            if proposing:
                found.extend(self._proposals(sent, si, actors, dater, found))
            cands.extend(found)
        cands = infer_participants(cands, self.lexicon, lambda tok, c: self._group(actors, tok, c))
        resolve_event_coreference(cands)
        infer_counterparts(cands)
        for c in cands:
            self._default_target(c)
        events: list[Event] = []
        for c in cands:
            events.extend(self._events(c, article, layout))
        events = drop_headline_repeats(events, bool(article.title)) if self.settings.headline_once else events
        events = carry_locations(events) if self.settings.carry_locations else events
        events = self._decide(events, article) if whole else events
        return [e for e in events if e.confidence >= self.settings.min_confidence]

    def _proposing(self, whole_article: bool) -> bool:
        """Proposals need the decider's judgement and a whole article (events/proposals.py)."""
        if self.settings.propose is False or not whole_article:
            return False
        decider = load_decider()
        return self.settings.propose is True or bool(decider and decider.meta.get("enabled")
                                                     and decider.meta.get("proposals"))

    def _proposals(self, sent, si: int, actors: DocActors, dater: ArticleDater, found) -> list[Candidate]:
        probs = sentence_type_probabilities(sent.text)
        if probs is None:
            return []
        present = {self.codebook.get(c.trigger.pattern.cameo).plover_type for c in found}
        present |= {c.trigger.pattern.plover for c in found if c.trigger.pattern.plover}
        verb = main_verb(sent, self.lexicon.report_verbs)
        pos = "noun" if verb.pos_ in ("NOUN", "PROPN") else "verb"
        out = []
        for plover in proposed_types(probs, present):
            pattern = proposal_pattern(plover, verb.lemma_.lower(), pos)
            out.append(self._candidate(Trigger(verb, pattern), si, actors, dater))
        return out

    def _decide(self, events: list[Event], article: Article) -> list[Event]:
        """The trained decider's probability becomes the confidence of each PLOVER-typed event of a whole
        article (a headline or a lone sentence keeps the rules' decisions: the models read articles)."""
        decider = load_decider() if self.settings.decider is not False else None
        if decider is not None and self.settings.decider is None and not decider.meta.get("enabled"):
            decider = None
        typed = [e for e in events if e.plover_type]
        if decider is None or not typed:
            return events
        threshold = decider.threshold if self.settings.decider_threshold is None else self.settings.decider_threshold
        decided = decider.decide(typed, article.body)  # [] for an article under the relevance gate
        kept = {id(old): new for old, (new, p, _) in zip(typed, decided) if p >= threshold}
        return [kept[id(e)] if e.plover_type else e for e in events if not e.plover_type or id(e) in kept]

    def _candidate(self, trig, si: int, actors: DocActors, dater: ArticleDater) -> Candidate:
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
        place, place_why = locate_event(trig.token, trig.token.doc, self.gazetteer)
        cand = Candidate(trig, si, [], [], mode, mode_why, dated, place, place_why,
                         reciprocal=False, confidence=trig.pattern.confidence)
        pos = trig.pattern.pos
        slots = trig.pattern.source_slots
        taking_part = pos == "noun" and participation_verb(trig.token, self.lexicon) is not None
        if taking_part and "light_subject" in slots:
            # "China would not take part in the Ukraine peace summit": who takes part, not the topic
            slots = ["light_subject", *[s for s in slots if s != "light_subject"]]
        for slot in slots:
            cand.sources = self._participants(actors, slot_tokens(trig.token, pos, slot, self.lexicon), cand, slot)
            if cand.sources:
                break
        if not cand.sources and "subject" in trig.pattern.source_slots:
            subj = slot_tokens(trig.token, pos, "subject", self.lexicon)
            if subj:  # the parser split the subject phrase oddly: take every actor inside it
                cand.sources = self._group(actors, subj[0], cand)
        taken = {p.identity for p in cand.sources}
        own = {p.ref.country for p in cand.sources if p.ref.country}
        same_side: list[Participant] = []
        for slot in trig.pattern.target_slots:
            found = self._participants(actors, slot_tokens(trig.token, pos, slot, self.lexicon), cand, slot)
            found = [p for p in found if p.identity not in taken]
            if found and own and all(p.ref.country in own for p in found) and not same_side:
                same_side = found  # "recalled its ambassador to X": look further before settling on the own side
                continue
            if found:
                cand.targets = found
                break
        together = self.recoding.joint(trig.pattern.cameo) if len({p.ref.country for p in cand.sources}) >= 2 else None
        if together:
            trig = cand.trigger = Trigger(trig.token, trig.pattern.model_copy(update={"cameo": together, "plover": None}))
            cand.notes.append(f"forces of several countries act together: CAMEO {together} (recoding.yaml, joint)")
        joint = len({p.ref.country for p in cand.sources}) >= 2 and trig.pattern.cameo[:2] in ("03", "04", "05", "06")
        if not cand.targets and joint:
            cand.reciprocal = True  # "Saudi Arabia and Iran agreed to restore ties": with each other
        elif not cand.targets and not trig.pattern.reciprocal:
            self._fallback_target(actors, cand, taken | {p.identity for p in same_side})
        if not cand.targets and same_side:
            cand.targets = same_side
        self._complete_countries(actors, cand)
        self._resident_groups(actors, cand)
        if len(cand.targets) >= 2 and not cand.sources and trig.pattern.reciprocal:
            cand.sources, cand.targets = cand.targets, []  # "talks between A and B"
        cand.reciprocal = (trig.pattern.reciprocal or cand.reciprocal) and len(cand.sources) >= 2 and not cand.targets
        return cand

    def _obligations(self, sent, si: int, actors: DocActors, dater: ArticleDater) -> list[Candidate]:
        """"X said Y must do Z": a request from X to Y (events/constructions.py)."""
        out = []
        for ob in find_obligations(sent, self.lexicon):
            trig = Trigger(ob.modal, OBLIGATION)
            res = detect_mode(ob.verb.head, self.lexicon)  # the saying can be negated or future
            dated = dater.date_event(ob.verb.head)
            place, place_why = locate_event(ob.verb.head, ob.verb.doc, self.gazetteer)
            cand = Candidate(trig, si, [], [], res.mode, res.why, dated, place, place_why,
                             confidence=OBLIGATION.confidence)
            cand.sources = self._participants(actors, [ob.speaker], cand, "subject")
            cand.targets = self._participants(actors, [ob.addressee], cand, "obliged")
            own = {(p.ref.country, p.ref.agent) for p in cand.sources if p.ref.country}
            if own and cand.targets and all((p.ref.country, p.ref.agent) in own or p.ref.country in {c for c, _ in own}
                                            and not p.ref.agent for p in cand.targets):
                continue  # "X and Y agreed that their countries should cooperate": a pledge, not a request
            cand.notes.append(f"construction: '{ob.speaker.text} {ob.verb.head.text} ... "
                              f"{ob.addressee.text} {ob.modal.text} {ob.verb.text}' is a request")
            if cand.sources or cand.targets:
                out.append(cand)
        return out

    def _default_target(self, c: Candidate) -> None:
        """"Students demonstrated in Jakarta": a domestic protest with no target is aimed at the
        government of the country where it happens (events/data/recoding.yaml, default_target)."""
        if c.targets or not c.sources or c.reciprocal:
            return
        agent = self.recoding.default_target_agent(c.trigger.pattern.cameo)
        src = c.sources[0].ref
        country = (c.place.country if c.place is not None and c.place.country else "") or src.country
        if not agent or len(country) != 3 or country in ("IGO", "NGO") or (src.country and src.country != country):
            return
        ref = ActorRef(code=country + agent, country=country, agent=agent, name=f"{country} ({agent})", text="",
                       why=f"no target in the text: a domestic {c.trigger.pattern.cameo} act is aimed at {country}{agent} "
                           f"(default_target in recoding.yaml)")
        c.targets = [Participant(_Implicit(f"implicit:{country}{agent}"), ref, "implicit")]
        c.confidence *= 0.7
        c.notes.append(ref.why)

    def _resident_groups(self, actors: DocActors, cand: Candidate) -> None:
        """CAMEO codes an ethnic group by where it lives: "ethnic Albanians in Serbia" and "the
        Albanians of southern Serbia" are SRBCVL, not ALB."""
        doc = cand.trigger.token.doc
        for group in (cand.sources, cand.targets):
            for i, p in enumerate(group):
                head = doc[p.mention.end - 1]
                if p.mention.kind != "country" or head.tag_ not in ("NNPS", "NNS") or p.ref.agent:
                    continue
                ethnic = p.mention.start > 0 and doc[p.mention.start - 1].lower_ == "ethnic"
                home = None
                for prep in ("in", "of", "from"):
                    for obj in prep_objects(head, prep):
                        home = next((m for m in actors.for_token(obj)), None) or home
                if home is None and ethnic and cand.place is not None and cand.place.country:
                    country, why = cand.place.country, f"the event's place ({cand.place.name})"
                elif home is not None:
                    ref = home.resolve(cand.dated.date if cand.dated else None)
                    if ref is None or len(ref.country) != 3 or ref.country == p.ref.country:
                        continue
                    country, why = ref.country, f"'{home.text}'"
                else:
                    continue
                if country == p.ref.country:
                    continue
                new = p.ref.model_copy(update={
                    "code": country + "CVL", "country": country, "agent": "CVL",
                    "why": p.ref.why + f"; an ethnic group living in {country} ({why}) is coded by residence"})
                group[i] = Participant(p.mention, new, p.slot)

    def _complete_countries(self, actors: DocActors, cand: Candidate) -> None:
        """An agent with no country ("President Gbagbo", "rebels") takes the country of a country word
        in its own phrase ("rebels in the Ivory Coast"), else of the nearest country named in the
        sentence outside the event's participants."""
        parts = cand.sources + cand.targets
        if all(p.ref.country for p in parts):
            return
        doc = cand.trigger.token.doc
        sent = cand.trigger.token.sent
        used = {p.mention.entry_id for p in parts}
        used_countries = {p.ref.country for p in parts if p.ref.country}
        others, inside = [], []
        for m in actors.in_span(sent.start, sent.end):
            ref = m.resolve(cand.dated.date if cand.dated else None)
            if ref is None or len(ref.country) != 3 or ref.country in ("IGO", "NGO"):
                continue
            if m.entry_id in used or ref.country in used_countries:
                inside.append((m, ref))
            else:
                others.append((m, ref))
        for group in (cand.sources, cand.targets):
            for i, p in enumerate(group):
                if p.ref.country:
                    continue
                head = doc[p.mention.end - 1]
                own = [(m, r) for m, r in others if head.left_edge.i <= m.start and m.end <= head.right_edge.i + 1]
                near = sorted(others, key=lambda mr: abs(mr[0].start - p.mention.start))[:1]
                # last resort: a domestic event ("Chechen refugees protest the Russian government")
                domestic = [(m, r) for m, r in inside if m.entry_id != p.mention.entry_id][:1]
                pick = own or near or domestic
                if pick:
                    m, ref = pick[0]
                    where = "its own phrase" if own else "the same sentence" if near else "the other participant"
                    country, why, factor = ref.country, f" from '{m.text}' in {where}", 0.9 if own else 0.75
                else:
                    # "the Senate", "workers", "the government" in a report about one country: its country
                    country = article_country(actors) if p.ref.code and p.ref.code[:3] not in ("IGO", "NGO") else ""
                    if not country:
                        continue
                    why, factor = ": the country the article is about", 0.7
                new = p.ref.model_copy(update={"code": country + p.ref.code, "country": country,
                                               "why": p.ref.why + f"; country {country}{why}"})
                group[i] = Participant(p.mention, new, p.slot)
                cand.confidence *= factor

    def _fallback_target(self, actors: DocActors, cand: Candidate, taken: set[tuple[str, str]]) -> None:
        """No target in the pattern's slots: the first actor among the trigger's objects and PPs,
        preferring one of another country than the source ("recalled its envoys to X")."""
        region = object_region(cand.trigger.token)
        doc = cand.trigger.token.doc
        own = {p.ref.country for p in cand.sources if p.ref.country}
        firsts = [m for m in actors.mentions if m.start in region]
        resolved = []
        for m in firsts:
            head = doc[getattr(m, "head_i", None) if getattr(m, "head_i", None) is not None else m.end - 1]
            group = [x for x in (actors.for_token(head) or [m]) if not _is_modifier_agent(x, doc)]
            found = [p for p in self._resolve(group, cand, "object-phrase") if p.identity not in taken]
            if found:
                resolved.append(found)
        other = [f for f in resolved if not own or any(p.ref.country not in own for p in f)]
        pick = (other or resolved or [None])[0]
        if pick:
            cand.targets = pick
            cand.confidence *= 0.85
            cand.notes.append(f"target: first actor in the trigger's object phrases ('{pick[0].ref.text}')")

    def _group(self, actors: DocActors, head, cand: Candidate) -> list[Participant]:
        """Every actor in a subject phrase ("Fidan and Rubio", however the parser attached them)."""
        found = self._participants(actors, [head], cand, "subject")
        if len(found) < 2:
            span = [m for m in actors.in_span(head.left_edge.i, head.right_edge.i + 1) if m.kind != "agent"]
            found = self._resolve(span, cand, "subject")
        return found

    def _resolve(self, mentions, cand: Candidate, slot: str) -> list[Participant]:
        on = cand.dated.date if cand.dated is not None else None
        out: list[Participant] = []
        seen: set[str] = set()
        for m in mentions:
            ref = m.resolve(on)
            if ref is None or m.entry_id in seen:
                continue
            if not ref.country and cand.place is not None and cand.place.country:
                # an agent with no country ("police") belongs to the country where the event happened
                ref = ref.model_copy(update={
                    "code": cand.place.country + ref.code, "country": cand.place.country,
                    "why": ref.why + f"; country {cand.place.country} from the event location ({cand.place.name})"})
            seen.add(m.entry_id)
            out.append(Participant(m, ref, slot))
        return out

    def _participants(self, actors: DocActors, tokens, cand: Candidate, slot: str) -> list[Participant]:
        mentions = []
        for tok in tokens:
            found = actors.for_token(tok) or _first_in_phrase(actors, tok)
            mentions.extend(m for m in found if not _is_modifier_agent(m, tok.doc))
        return self._resolve(mentions, cand, slot)

    def _events(self, c: Candidate, article: Article, layout: Layout) -> list[Event]:
        pairs: list[tuple[Participant | None, Participant | None]]
        if c.reciprocal:
            pairs = [(a, b) for a, b in itertools.permutations(c.sources + c.targets, 2)]
        else:
            pairs = list(itertools.product(c.sources or [None], c.targets or [None]))
        pairs = [(s, t) for s, t in pairs if not (s and t and s.identity == t.identity)]
        return [self._event(c, s, t, article, layout) for s, t in pairs[:MAX_PAIRS]]

    def _event(self, c: Candidate, src: Participant | None, tgt: Participant | None, article: Article,
               layout: Layout) -> Event:
        tok = c.trigger.token
        pat = c.trigger.pattern
        code = self.codebook.get(pat.cameo)
        span_start, _ = layout.locate(tok.idx)
        dated = c.dated
        historical = bool(dated and dated.historical)
        mode = c.mode or ("historical" if historical else "" if pat.plover else code.plover_mode)
        s_ref = src.ref if src else None
        t_ref = tgt.ref if tgt else None
        explanation = {
            "trigger": f"'{tok.text}' ({pat.pos}, lemma '{tok.lemma_}') matched pattern {pat.id} "
                       f"in {self.patterns.origins.get(pat.id, '?')} -> CAMEO {pat.cameo} {code.name}",
            "source": f"[{src.slot}] {s_ref.why}" if src else "no source actor found",
            "target": f"[{tgt.slot}] {t_ref.why}" if tgt else "no target actor found",
            "date": dated.why if dated else "no date",
            "mode": c.mode_why or ("historical: " + dated.why if historical else "plain fact"),
            "location": c.place_why,
        }
        if c.reciprocal:
            explanation["reciprocal"] = "joint activity: coded in both directions"
        for i, note in enumerate(c.notes):
            explanation[f"inference_{i + 1}"] = note
        place = c.place
        return Event(
            event_id=stable_id(article.id, c.sentence_index, span_start, pat.cameo,
                               s_ref.code if s_ref else "", t_ref.code if t_ref else "", pat.id),
            article_id=article.id,
            sentence_index=c.sentence_index,
            sentence_text=layout.sentence_text(tok.idx),
            span_start=span_start,
            span_end=span_start + len(tok.text),
            trigger=tok.text,
            date=dated.date if dated else None,
            date_precision=dated.precision if dated else None,
            historical=historical,
            **_actor_fields("source", s_ref),
            **_actor_fields("target", t_ref),
            cameo_code=code.code if len(code.code) == len(pat.cameo) else pat.cameo,
            cameo_root=code.root,
            quad_class=code.quad_class,
            goldstein=code.goldstein,
            plover_type=pat.plover or code.plover_type,
            plover_mode=mode,
            plover_context=code.plover_context,
            location_name=place.name if place else "",
            location_country=place.country if place else "",
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            rule=pat.id,
            confidence=round(min(1.0, max(0.0, c.confidence)), 3),
            explanation=explanation,
        )


@dataclass(frozen=True)
class _Implicit:
    """A participant the text implies but does not name (no words, no span)."""

    entry_id: str
    kind: str = "implicit"
    start: int = -1
    end: int = -1
    text: str = ""


def _or_proposable(rules_keep):
    """The prefilter's choice of sentences to parse, plus those the sentence classifier is sure of."""
    def keep(sentences: list[str]) -> list[bool]:
        flags = rules_keep(sentences)
        return [f or proposable(sentence_type_probabilities(t) or {}) for f, t in zip(flags, sentences)]
    return keep


def article_country(actors: DocActors) -> str:
    """The country an article is about: named in at least 40% (and twice) of its country-bearing actor
    mentions; "" when no country dominates or the text is not a whole article. Cached per Doc."""
    cache = actors.doc.user_data  # type: ignore[attr-defined]
    if not cache.get("detente.whole_article"):
        return ""  # a headline or a lone sentence is about nothing beyond its own words
    if "detente.article_country" not in cache:
        counts: dict[str, int] = {}
        for m in actors.mentions:
            if len(m.country) == 3 and m.country not in ("IGO", "NGO"):
                counts[m.country] = counts.get(m.country, 0) + 1
        top = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
        total = sum(counts.values())
        cache["detente.article_country"] = top[0] if top[1] >= 2 and top[1] >= 0.4 * total else ""
    return cache["detente.article_country"]


def _first_in_phrase(actors: DocActors, head) -> list:
    """"A member of the Syrian parliament": the first actor inside the phrase (not its clauses)."""
    blocked: set[int] = set()
    for t in head.subtree:
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp") and t is not head:
            blocked.update(x.i for x in t.subtree)
    first = next((m for m in actors.in_span(head.left_edge.i, head.right_edge.i + 1) if m.start not in blocked), None)
    if first is None:
        return []
    return actors.for_token(head.doc[first.start]) or [first]


def _is_modifier_agent(mention, doc) -> bool:
    """"military aid", "opposition candidates": a lone agent adjective modifying a thing is no actor."""
    if mention.kind != "agent" or mention.end - mention.start != 1:
        return False
    tok = doc[mention.start]
    return tok.dep_ in ("amod", "compound") and tok.head.i >= mention.end and tok.head.pos_ != "PROPN"


def _actor_fields(role: str, ref) -> dict[str, str]:
    if ref is None:
        return {f"{role}_{k}": "" for k in ("code", "country", "agent", "name", "text")}
    return {f"{role}_code": ref.code, f"{role}_country": ref.country, f"{role}_agent": ref.agent,
            f"{role}_name": ref.name, f"{role}_text": ref.text}


_DEFAULT: Coder | None = None


def default_coder() -> Coder:
    """The process-wide coder (models and dictionaries load once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT


def code_article(text: str, date: str | dt.date | None = None, title: str | None = None,
                 id: str | None = None) -> list[Event]:
    """Code one article. ``date`` is the publication date (relative dates stay unresolved without it)."""
    pub = dt.date.fromisoformat(date) if isinstance(date, str) else date
    article = Article(id=id or stable_id(title or "", text), text=text, title=title, date=pub)
    return default_coder().code(article)


def code_articles(articles: Iterable[Article], *, workers: int = 1) -> Iterator[tuple[Article, list[Event] | Exception]]:
    """Code a stream of articles, in input order. ``workers > 1`` uses one process (and model) per worker."""
    if workers > 1:
        from .parallel import code_parallel

        yield from code_parallel(articles, workers=workers)
        return
    yield from default_coder().code_many(articles)
