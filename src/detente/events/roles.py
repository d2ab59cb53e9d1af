"""The ``detente_roles`` and ``detente_discourse`` pipeline components: who does what to whom.

``detente_roles`` fills each candidate's sources and targets from its pattern's argument slots
(events/arguments.py), then completes them: the actors of a split subject phrase, a fallback target
among the trigger's objects, the joint recoding of forces of several countries (recoding.yaml), the
country of an agent with no country, an ethnic group coded by residence. An obligation ("X said Y must
do Z") keeps its speaker and addressee, unless both sides are the same (a pledge, not a request).

``detente_discourse`` runs after every candidate of the article exists (rules and proposals): the
article-level inferences of events/discourse.py (participants, event coreference, counterparts) and
the default target of a domestic act (recoding.yaml, default_target).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..actors import DocActors
from ..actors.historical import historical_ref
from ..models import ActorRef
from ..nlp.deps import ACL, ADVCL, AMOD, CCOMP, COMPOUND, POBJ, POSS, RELCL
from ..nlp.extensions import GuardedComponent, register_extensions
from .arguments import object_region, slot_tokens
from .candidates import Candidate, ImplicitMention, Participant
from .component import Found, candidates_of
from .defaults import opposite_target
from .discourse import infer_counterparts, infer_participants, resolve_event_coreference
from .lexicon import Lexicon, load_lexicon
from .recoding import Recoding, load_recoding
from .triggers import Trigger, participation_verb, prep_objects


class Roles:
    """Argument filling for one candidate at a time (the actors of its Doc are passed in)."""

    def __init__(self) -> None:
        self.lexicon: Lexicon = load_lexicon()
        self.recoding: Recoding = load_recoding()

    def fill(self, actors: DocActors, found: Found) -> bool:
        """Fill the candidate's actors; False when it is to be dropped (an obligation with no request)."""
        if found.obligation is not None:
            return self._fill_obligation(actors, found)
        self._fill(actors, found.cand)
        return True

    def _fill(self, actors: DocActors, cand: Candidate) -> None:
        trig = cand.trigger
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
                cand.sources = self.group(actors, subj[0], cand)
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

    def _fill_obligation(self, actors: DocActors, found: Found) -> bool:
        ob, cand = found.obligation, found.cand
        assert ob is not None
        cand.sources = self._participants(actors, [ob.speaker], cand, "subject")
        cand.targets = self._participants(actors, [ob.addressee], cand, "obliged")
        own = {(p.ref.country, p.ref.agent) for p in cand.sources if p.ref.country}
        if own and cand.targets and all((p.ref.country, p.ref.agent) in own or p.ref.country in {c for c, _ in own}
                                        and not p.ref.agent for p in cand.targets):
            return False  # "X and Y agreed that their countries should cooperate": a pledge, not a request
        cand.notes.append(f"construction: '{ob.speaker.text} {ob.verb.head.text} ... "
                          f"{ob.addressee.text} {ob.modal.text} {ob.verb.text}' is a request")
        return bool(cand.sources or cand.targets)

    def default_target(self, c: Candidate) -> None:
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
        c.targets = [Participant(ImplicitMention(f"implicit:{country}{agent}"), ref, "implicit")]
        c.confidence *= 0.7
        c.notes.append(ref.why)

    def default_source(self, actors: DocActors, c: Candidate) -> None:
        """"Some 70 strikes erupted nationwide": a protest reported with nobody named comes from the
        people (strikers: labour) of the country where it happens: the event's place, else the only
        country named in its sentence, else the country the article is about (recoding.yaml,
        default_source). ``default_target`` then aims it at that country's government."""
        agent = self.recoding.default_source_agent(c.trigger.pattern.cameo)
        if c.sources or not agent:
            return
        country, where = "", ""
        bare = {p.ref.country for p in c.targets if not p.ref.agent and len(p.ref.country) == 3}
        if c.targets and (len(bare) != 1 or len(c.targets) != 1 or not _locative(c.targets[0], c.trigger.token.doc)):
            return
        if c.targets:  # "demonstrations in several Spanish cities": a bare country is where, not whom
            country, where = bare.pop(), f"'{c.targets[0].ref.text}', where it happens"
            c.targets = []
        if not country and c.place is not None and len(c.place.country) == 3:
            country, where = c.place.country, f"the event's place ({c.place.name})"
        if not country:
            sent = c.trigger.token.sent
            on = c.dated.date if c.dated else None
            named = {r.country for m in actors.in_span(sent.start, sent.end)
                     if (r := m.resolve(on)) is not None and len(r.country) == 3 and r.country not in ("IGO", "NGO")}
            if len(named) == 1:
                country, where = named.pop(), "the only country named in the sentence"
        if not country and (country := article_country(actors)):
            where = "the country the article is about"
        if not country or country in ("IGO", "NGO"):
            return
        ref = ActorRef(code=country + agent, country=country, agent=agent, name=f"{country} ({agent})", text="",
                       why=f"no actor in the text: a {c.trigger.pattern.cameo} act comes from {country}{agent}, "
                           f"{where} (default_source in recoding.yaml)")
        ref = historical_ref(ref, c.dated.date if c.dated else None)
        c.sources = [Participant(ImplicitMention(f"implicit:{ref.code}"), ref, "implicit")]
        c.confidence *= 0.8
        c.notes.append(ref.why)

    def group_target(self, c: Candidate) -> None:
        """"EC farm ministers met", "OPEC agreed to cut output": a group meeting or agreeing with no
        counterpart in the text acts among its members, so its target is the group itself
        (recoding.yaml, group_target; docs/annotation.md codes joint acts with the same actors both ways)."""
        if c.targets or not c.sources or c.reciprocal or not self.recoding.group_target(c.trigger.pattern.cameo):
            return
        src = c.sources[0]
        if not _collective(src, c.trigger.token.doc):
            return
        ref = src.ref.model_copy(update={"why": f"no counterpart in the text: '{src.ref.text or src.ref.code}' "
                                                f"acts among its own members (group_target in recoding.yaml)"})
        c.targets = [Participant(ImplicitMention(f"group:{src.ref.code}"), ref, "group")]
        c.confidence *= 0.9
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
                new = historical_ref(p.ref.model_copy(update={"code": country + p.ref.code, "country": country,
                                                              "why": p.ref.why + f"; country {country}{why}"}),
                                     cand.dated.date if cand.dated else None)
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
            head_i = getattr(m, "head_i", None)
            head = doc[head_i if head_i is not None else m.end - 1]
            group = [x for x in (actors.for_token(head) or [m]) if not _is_modifier_agent(x, doc)]
            found = [p for p in self._resolve(actors, group, cand, "object-phrase")
                     if p.identity not in taken and not (cand.root < "15" and _place_name(p, doc))]
            if found:
                resolved.append(found)
        other = [f for f in resolved if not own or any(p.ref.country not in own for p in f)]
        pick = next(iter(other or resolved), None)
        if pick:
            cand.targets = pick
            cand.confidence *= 0.85
            cand.notes.append(f"target: first actor in the trigger's object phrases ('{pick[0].ref.text}')")

    def group(self, actors: DocActors, head: Token, cand: Candidate) -> list[Participant]:
        """Every actor in a subject phrase ("Fidan and Rubio", however the parser attached them)."""
        found = self._participants(actors, [head], cand, "subject")
        if len(found) < 2:
            span = [m for m in actors.in_span(head.left_edge.i, head.right_edge.i + 1) if m.kind != "agent"]
            found = self._resolve(actors, span, cand, "subject")
        return found

    def _resolve(self, actors: DocActors, mentions: Iterable[Any], cand: Candidate, slot: str) -> list[Participant]:
        on = cand.dated.date if cand.dated is not None else None
        out: list[Participant] = []
        seen: set[str] = set()
        for m in mentions:
            ref = m.resolve(on)
            if ref is None or m.entry_id in seen:
                continue
            body = self._member_body(actors, m, on) if not ref.country else None
            if body is not None:
                ref = body
            if not ref.country and ref.agent != "GOV" and cand.place is not None and cand.place.country:
                # (not officials and ministers: they travel to meetings abroad, "ministers met in Brussels")
                # an agent with no country ("police") belongs to the country where the event happened
                ref = ref.model_copy(update={
                    "code": cand.place.country + ref.code, "country": cand.place.country,
                    "why": ref.why + f"; country {cand.place.country} from the event location ({cand.place.name})"})
            seen.add(m.entry_id)
            out.append(Participant(m, historical_ref(ref, on), slot))
        return out

    def _member_body(self, actors: DocActors, m: Any, on: Any) -> ActorRef | None:
        """"EC farm ministers ... the ministers agreed": members with no country of their own are the
        international body named in their phrase or last named in the article (up to MEMBER_WINDOW
        sentences back). Only plural member nouns (lexicon.yaml, member_nouns) qualify."""
        doc: Any = actors.doc  # DocActors.doc is typed object; it is the Doc
        if m.kind != "agent" or not 0 <= m.start < m.end <= len(doc):
            return None
        head = _mention_head(m, doc)
        member = head.lower_ in self.lexicon.member_nouns
        if not member and head.tag_ not in ("NNS", "NNPS"):
            return None  # "officials from the G7": any plural agent is the body named in its own phrase
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        best, best_ref = None, None
        for other in actors.mentions:
            if other.kind != "igo" or other.start >= hi or (other.end > m.start and other.start < lo):
                continue
            inside = lo <= other.start and other.end <= hi
            if not inside and not member:
                continue
            if not inside and sum(1 for t in doc[other.end:m.start] if t.is_sent_start is True) > MEMBER_WINDOW:
                continue
            ref = other.resolve(on)
            if ref is None or not ref.code.startswith("IGO"):
                continue
            if best is None or inside or other.end > best.end:
                best, best_ref = other, ref
                if inside:
                    break
        if best is None or best_ref is None:
            return None
        return best_ref.model_copy(update={
            "text": m.text, "start": m.start_char, "end": m.end_char,
            "why": f"'{m.text}' with no country: members of '{best.text}' named {'in their phrase' if lo <= best.start < hi else 'earlier'}; "
                   + best_ref.why})

    def _participants(self, actors: DocActors, tokens: Iterable[Token], cand: Candidate,
                      slot: str) -> list[Participant]:
        mentions: list[Any] = []
        for tok in tokens:
            found = actors.for_token(tok) or _first_in_phrase(actors, tok)
            mentions.extend(m for m in found if not _is_modifier_agent(m, tok.doc))
        return self._resolve(actors, mentions, cand, slot)


#: How many sentences back the body of "the ministers" may have been named.
MEMBER_WINDOW = 3


def _mention_head(m: Any, doc: Doc) -> Token:
    """The head word of a mention inside the text: its parse head when inside its span, else its last word."""
    head_i = getattr(m, "head_i", -1)
    return doc[head_i if m.start <= head_i < m.end else m.end - 1]


def _collective(p: Participant, doc: Doc) -> bool:
    """An IGO, or an actor named by a plural noun ("ministers", "the two sides"): a group of members."""
    if p.ref.code.startswith("IGO"):
        return True
    m = p.mention
    if m.kind == "implicit" or not 0 <= m.start < m.end <= len(doc):
        return False
    head = _mention_head(m, doc)
    return head.tag_ in ("NNS", "NNPS")


def article_country(actors: DocActors) -> str:
    """The country an article is about: named in at least 40% (and twice) of its country-bearing actor
    mentions; "" when no country dominates or the text is not a whole article. Cached per Doc."""
    doc: Any = actors.doc
    cache = doc.user_data
    if doc._.detente_article is None or not doc._.detente_article.whole:
        return ""  # a headline or a lone sentence is about nothing beyond its own words
    if "detente.article_country" not in cache:
        counts: dict[str, int] = {}
        for m in actors.mentions:
            if len(m.country) == 3 and m.country not in ("IGO", "NGO"):
                counts[m.country] = counts.get(m.country, 0) + 1
        top = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
        total = sum(counts.values())
        # the only country the article names, even once, is what it is about ("The Yugoslav government ...")
        cache["detente.article_country"] = top[0] if top[1] >= 2 and top[1] >= 0.4 * total or top[1] == total > 0 else ""
    return str(cache["detente.article_country"])


#: Prepositions that place an act rather than aim it ("strikes in Spain", "riots across the country").
#: ("at" and "around" aim as often as they place: "fired at Israel", "drills around Taiwan".)
LOCATIVE_PREPS = frozenset({"in", "across", "throughout"})


def _locative(p: Participant, doc: Doc) -> bool:
    """Is the participant's phrase a place: the object of a locative preposition ("in Spain", "in
    several Spanish cities"), through the noun it modifies?"""
    m = p.mention
    if m.kind == "implicit" or not 0 <= m.start < m.end <= len(doc):
        return False
    tok = doc[m.end - 1]
    while tok.dep_ in (AMOD, COMPOUND, POSS) and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == POBJ and tok.head.lower_ in LOCATIVE_PREPS


def _place_name(p: Participant, doc: Doc) -> bool:
    """"resume negotiations in Luxembourg", "agreed in Vienna": a bare country or capital after a
    locative preposition says where, not with whom (only for the fallback target, and not for force:
    "air strikes in Syria" hit Syria)."""
    return p.mention.kind in ("country", "capital") and not getattr(p.mention, "agent", "") and _locative(p, doc)


def _first_in_phrase(actors: DocActors, head: Token) -> list[Any]:
    """"A member of the Syrian parliament": the first actor inside the phrase (not its clauses)."""
    blocked: set[int] = set()
    for t in head.subtree:
        if t.dep_ in (RELCL, ACL, ADVCL, CCOMP) and t is not head:
            blocked.update(x.i for x in t.subtree)
    first = next((m for m in actors.in_span(head.left_edge.i, head.right_edge.i + 1) if m.start not in blocked), None)
    if first is None:
        return []
    return actors.for_token(head.doc[first.start]) or [first]


def _is_modifier_agent(mention: Any, doc: Doc) -> bool:
    """"military aid", "opposition candidates": a lone agent adjective modifying a thing is no actor."""
    if mention.kind != "agent" or mention.end - mention.start != 1:
        return False
    tok = doc[mention.start]
    return tok.dep_ in (AMOD, COMPOUND) and tok.head.i >= mention.end and tok.head.pos_ != "PROPN"


class RolesComponent(GuardedComponent):
    def __init__(self) -> None:
        self.roles = Roles()

    def process(self, doc: Doc) -> Doc:
        actors = doc._.detente_actors
        doc._.detente_candidates = [f for f in candidates_of(doc) if self.roles.fill(actors, f)]
        return doc


class DiscourseComponent(GuardedComponent):
    """Article-level inference over all candidates, in reading order (events/discourse.py)."""

    def __init__(self) -> None:
        self.roles = Roles()

    def process(self, doc: Doc) -> Doc:
        actors = doc._.detente_actors
        found = candidates_of(doc)
        cands = infer_participants([f.cand for f in found], self.roles.lexicon,
                                   lambda tok, c: self.roles.group(actors, tok, c))
        resolve_event_coreference(cands)
        infer_counterparts(cands)
        for c in cands:
            opposite_target(self.roles.recoding, c)
            self.roles.default_source(actors, c)
            self.roles.group_target(c)
            self.roles.default_target(c)
        kept = {id(c) for c in cands}
        doc._.detente_candidates = [f for f in found if id(f.cand) in kept]
        return doc


@Language.factory(
    "detente_roles",
    requires=["doc._.detente_candidates", "doc._.detente_actors", "token.dep", "token.tag"],
    assigns=["doc._.detente_candidates"],
    default_config={},
)
def make_roles(nlp: Language, name: str) -> RolesComponent:
    register_extensions()
    return RolesComponent()


@Language.factory(
    "detente_discourse",
    requires=["doc._.detente_candidates", "doc._.detente_actors"],
    assigns=["doc._.detente_candidates"],
    default_config={},
)
def make_discourse(nlp: Language, name: str) -> DiscourseComponent:
    register_extensions()
    return DiscourseComponent()
