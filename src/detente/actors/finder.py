"""ActorFinder: dictionary matches in a parsed article -> actor mentions (+ coreference).

1. ``PhraseTable.find`` gives dictionary matches (names, adjectives, capitals, titles, people...);
   datelines ("Washington, The Gulf Observer:", "ANKARA (Reuters) -") are skipped.
2. Neighbouring matches are joined into one phrase by word order (adjacent, "of" after an org
   head: "the government of Turkey", "'s" + adjectives before a title: "Turkey's top diplomat"),
   so "Turkish Foreign Minister Hakan Fidan" is one mention with a country, an agent and a person
   part. Word order is used rather than the parse: the small model often misattaches titles.
3. surnames.py links later bare surnames ("Mr Blair", "Funaro") to the person named in full earlier;
   coref.py adds pronouns and definite descriptions ("its", "the two nations") resolved to them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .coref import resolve_references
from .dictionary import ActorDictionary, load_actor_dictionary
from .matcher import Pattern, PhraseTable, compile_table
from .mention import ActorMention
from .surnames import HONORIFICS, link_surnames
from ..nlp.deps import ACL, ADVCL, CC, CCOMP, CONJ, PARATAXIS, PREP, PUNCT, RELCL

#: Entity types whose words are not actors ("Countering America's Adversaries ... Act").
OPAQUE_ENTS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"})
_W = r"[A-Z][\w.'’&-]*"
_CAPS = rf"{_W}(?:[ \t]+(?:of[ \t]+|the[ \t]+)?{_W}){{0,4}}"
DATELINES = (
    # "Washington, The Gulf Observer:" / "ANKARA, Turkey, Daily Sabah:"
    re.compile(rf"^[ \t]*{_CAPS}(?:,[ \t]*{_CAPS})?,[ \t]*(?:[Tt]he[ \t]+)?{_CAPS}[ \t]*:", re.M),
    # "ANKARA (Reuters) -" / "WASHINGTON, March 25 (AP) —"
    re.compile(rf"^[ \t]*{_CAPS}(?:,[ \t]*[A-Z][a-z]{{2,8}}\.?[ \t]+\d{{1,2}})?[ \t]*\([^()\n]{{1,40}}\)[ \t]*[-–—]+", re.M),
    # "By Jane Smith" byline on its own line
    re.compile(rf"^[ \t]*By[ \t]+{_CAPS}[ \t]*$", re.M),
)


#: Datelines and bylines open an article (after its title): only its head is searched.
DATELINE_WINDOW = 600


def dateline_tokens(doc: Doc) -> set[int]:
    out: set[int] = set()
    head = doc.text[:DATELINE_WINDOW]
    for rx in DATELINES:
        for m in rx.finditer(head):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


@dataclass
class DocActors:
    """All actor mentions of one Doc and lookups by syntax."""

    doc: object
    mentions: list[ActorMention] = field(default_factory=list)
    #: (len(mentions), token -> mentions covering it, token -> mentions headed by it), built on first use:
    #: scanning every mention for every looked-up token made long articles quadratic.
    _index: tuple[int, dict[int, list[int]], dict[int, list[int]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _by_token(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        if self._index is None or self._index[0] != len(self.mentions):
            cover: dict[int, list[int]] = {}
            heads: dict[int, list[int]] = {}
            for n, m in enumerate(self.mentions):
                for i in range(m.start, m.end):
                    cover.setdefault(i, []).append(n)
                heads.setdefault(m.head_i, []).append(n)
            self._index = (len(self.mentions), cover, heads)
        return self._index[1], self._index[2]

    def in_span(self, start: int, end: int) -> list[ActorMention]:
        """Mentions whose tokens lie inside ``[start, end)``."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def for_token(self, token: Token) -> list[ActorMention]:
        """The actors of the noun phrase headed by ``token`` (see the package docs), conjuncts included."""
        out = self._np(token)
        for conj in token.conjuncts:
            if conj.i > token.i:
                out += [m for m in self._np(conj) if m not in out]
        return out

    def _np(self, token: Token) -> list[ActorMention]:
        cover, heads = self._by_token()
        own = [self.mentions[n] for n in sorted({*cover.get(token.i, ()), *heads.get(token.i, ())})]
        if own:
            return own
        keep = set()
        stack = [token]
        while stack:
            t = stack.pop()
            keep.add(t.i)
            for c in t.children:
                if c.dep_ in (RELCL, ACL, ADVCL, PREP, CC, PUNCT, CONJ, CCOMP, PARATAXIS):
                    continue
                stack.append(c)
        found = [self.mentions[n] for n in sorted({n for i in keep for n in cover.get(i, ())})]
        return sorted(found, key=lambda m: (m.start, m.end))


class ActorFinder:
    """Finds and resolves actor mentions in a parsed Doc (whole article, parsed once)."""

    def __init__(self, dictionary: ActorDictionary | None = None):
        self.dictionary = dictionary or load_actor_dictionary()
        self._table: PhraseTable | None = None

    @property
    def table(self) -> PhraseTable:
        if self._table is None:
            self._table = compile_table(self.dictionary)
        return self._table

    def __call__(self, doc: Doc) -> DocActors:
        dateline = dateline_tokens(doc)
        matches = [m for m in self.table.find(doc, dateline) if not _opaque(doc, m)]
        mentions = self._group(doc, matches)
        mentions = self._dateline_country(doc, dateline, mentions)
        mentions = link_surnames(doc, mentions)
        mentions = resolve_references(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end, m.antecedent.start if m.antecedent else -1))
        return DocActors(doc=doc, mentions=mentions)

    # ------------------------------------------------------------ grouping
    def _group(self, doc: Doc, matches: list[tuple[int, int, Pattern]]) -> list[ActorMention]:
        """Join neighbouring matches into one phrase (by word order: robust to small-model parses)."""
        groups: list[list[tuple[int, int, Pattern]]] = []
        heads: list[int] = []
        for m in matches:
            if groups and _joins(doc, groups[-1], m):
                prev = groups[-1]
                # "the government of Turkey": the agent stays the head; otherwise the last word is
                if not (m[0] > prev[-1][1] and "of" in {t.lower_ for t in doc[prev[-1][1]:m[0]]}):
                    heads[-1] = m[1] - 1
                prev.append(m)
            else:
                groups.append([m])
                heads.append(m[1] - 1)
        mentions = [self._compose(doc, g, h) for g, h in zip(groups, heads)]
        return self._share_heads(doc, [m for m in mentions if m is not None])

    def _compose(self, doc: Doc, parts: list[tuple[int, int, Pattern]], head_i: int) -> ActorMention | None:
        d = self.dictionary
        start, end = min(p[0] for p in parts), max(p[1] for p in parts)
        head = doc[head_i]
        named = next((p for p in parts if p[2].kind == "person"),
                     next((p for p in parts if p[2].kind in ("igo", "ngo", "group")), None))
        country = next((p for p in parts if p[2].kind == "country"), None)
        capital = next((p for p in parts if p[2].kind == "capital"), None)
        agents = [p for p in parts if p[2].kind == "agent"]
        agent = next((p for p in agents if p[0] <= head.i < p[1]), agents[-1] if agents else None)
        notes: list[str] = []
        cc, cname, fixed = "", "", ""
        if country:
            cc = country[2].entry_id.split(":")[1]
            cname = d.countries[cc].name
            form = {"adjective": "refers to", "acronym": "abbreviates"}.get(country[2].form, "names")
            notes.append(f"'{doc[country[0]:country[1]].text}' {form} {cname} ({cc})")
        elif capital:
            cc = capital[2].entry_id.split(":")[1]
            cname = d.countries[cc].name
            txt = doc[capital[0]:capital[1]].text
            if capital[2].form == "seat":
                notes.append(f"'{txt}' stands for {capital[2].code} ({cname})")
            else:
                notes.append(f"'{txt}' is the capital of {cname} -> government")
            fixed = capital[2].code if not agent else ""
        ag = ""
        if agent:
            ag = agent[2].code
            notes.append(f"'{doc[agent[0]:agent[1]].text}' -> {ag}")
        entry = d.actors.get(named[2].entry_id) if named else None
        if named:
            kind, entry_id = named[2].kind, named[2].entry_id
        elif country:
            kind, entry_id = "country", country[2].entry_id
        elif capital:
            kind, entry_id = "capital", capital[2].entry_id
        elif agent:
            kind, entry_id = "agent", agent[2].entry_id
        else:
            return None
        span = doc[start:end]
        covered = {i for p in parts for i in range(p[0], p[1])}
        unlisted = bool(kind in ("country", "capital") and agent and agent[2].person_title
                        and any(t.pos_ == "PROPN" and t.i not in covered for t in span))
        return ActorMention(start=start, end=end, start_char=span.start_char, end_char=span.end_char,
                            text=span.text, entry_id=entry_id, kind=kind, country=cc, agent=ag,
                            fixed_code=fixed, head_i=head.i, notes=tuple(notes), entry=entry,
                            country_name=cname, title=bool(kind == "agent" and agent is not None and agent[2].person_title),
                            unlisted_person=unlisted)

    def _dateline_country(self, doc: Doc, dateline: set[int], mentions: list[ActorMention]) -> list[ActorMention]:
        """Bare agents ("Police fired tear gas") in a "NAIROBI (Reuters) -" story take the dateline's country.

        The dateline place itself is never an actor; it only says where the story's unnamed
        police, troops or protesters are, when it is also the country the story names most.
        """
        if not dateline:
            return mentions
        first = min(dateline)
        span = doc[first:max(dateline) + 1]
        places = [m for m in self.table.find(span) if m[2].kind in ("country", "capital")]
        if not places:
            return mentions
        cc = places[0][2].entry_id.split(":")[1]
        counts = Counter(m.country for m in mentions if m.kind in ("country", "capital") and m.country)
        if cc not in self.dictionary.countries or (counts and counts[cc] < max(counts.values())):
            return mentions  # an "ABUJA -" story about Niger: the dateline is not the story's country
        cname = self.dictionary.countries[cc].name
        place = span[places[0][0]:places[0][1]].text
        out = []
        for m in mentions:
            if m.kind == "agent" and not m.country and m.agent in DATELINE_AGENTS:
                m = ActorMention(**{**m.__dict__, "country": cc, "country_name": cname,
                                    "notes": m.notes + (f"country {cc} from the dateline '{place}'",)})
            out.append(m)
        return out

    def _share_heads(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """'Hungarian and Romanian officials', 'leaders of Turkey and Greece': conjuncts share the agent."""
        out = list(mentions)
        for k, m in enumerate(out):
            if m.kind not in ("country", "capital") or m.agent or m.end - m.start > 3:
                continue
            for j in (k + 1, k - 1):
                if not 0 <= j < len(out):
                    continue
                host = out[j]
                lo, hi = (m.end, host.start) if j > k else (host.end, m.start)
                gap = [t.lower_ for t in doc[lo:hi]]
                ok_gap = gap in (["and"], [","], [",", "and"], ["or"])
                adj_first = j > k and host.country and doc[host.start].pos_ in ("ADJ", "PROPN") and \
                    host.head_i >= host.end - 1
                of_host = j < k and host.agent and host.country and doc[host.head_i].i < host.end - 1
                if ok_gap and host.agent and host.entry is None and (adj_first or of_host):
                    out[k] = ActorMention(**{**m.__dict__, "agent": host.agent, "fixed_code": "",
                                             "head_i": host.head_i,
                                             "notes": m.notes + (f"shares '{doc[host.head_i].text}' -> {host.agent}",)})
                    break
        return out


JOIN_KINDS = {"person", "igo", "ngo", "group"}
#: Domestic agents that take the dateline's country when the phrase names none.
DATELINE_AGENTS = frozenset({"COP", "MIL", "OPP", "CVL", "LEG", "JUD", "REB", "INS", "SEP", "SPY", "LAB",
                             "EDU", "HLH", "REF", "CRM", "UAF"})


def _joins(doc: Doc, group: list[tuple[int, int, Pattern]], m: tuple[int, int, Pattern]) -> bool:
    """May match ``m`` extend the phrase ``group``? (adjacent, or through "of" / "'s" / adjectives)"""
    kinds = {p[2].kind for p in group}
    k = m[2].kind
    if k in JOIN_KINDS and kinds & JOIN_KINDS and (k != "person" or "person" in kinds):
        return False  # two named actors are two actors ("NATO chief Mark Rutte" is one: the person)
    if k in ("country", "capital") and kinds & {"country", "capital"}:
        return False
    last = group[-1]
    gap = doc[last[1]:m[0]]
    words = [t.lower_ for t in gap]
    if not words:
        return True
    if last[2].kind == "agent" and k == "person" and all(w in HONORIFICS for w in words):
        return True  # "British Foreign Secretary Sir Geoffrey Howe": the title is the person's
    if last[2].kind == "agent" and k in ("country", "capital", "igo") and words in (["of"], ["of", "the"]):
        return True
    if last[2].kind == "agent" and k in ("country", "capital") and "of" in words:
        # "King Hassan of Morocco", "Prime Minister Ali Zaidan of Libya": title, name, "of" country
        name = gap[:words.index("of")]
        return 0 < len(name) <= 3 and all(t.pos_ == "PROPN" for t in name) and words[words.index("of") + 1:] in ([], ["the"])
    if k == "agent" and words in (["-", "led"], ["-", "backed"]) and (last[2].kind != "agent" or len(group) > 1):
        # "Hamas-led militants" are Hamas; "U.S.-led forces" are U.S. forces; "Mali's military-led
        # government" is Mali's government
        return True
    if k == "agent" and last[2].kind != "agent":
        rest = words[1:] if words[0] in ("'s", "’s") else words
        return len(rest) <= 2 and all(t.pos_ == "ADJ" for t in gap[len(words) - len(rest):])
    return False


def _opaque(doc: Doc, match: tuple[int, int, Pattern]) -> bool:
    s, e, pat = match
    if pat.kind not in ("country", "capital", "agent"):
        return False
    if doc[s].ent_type_ not in OPAQUE_ENTS:
        return False
    # "the Crimean Bridge" is a facility; "Niger" alone, mislabelled FAC by the small model, is a country
    ent = next((x for x in doc.ents if x.start <= s < x.end), None)
    return ent is None or (ent.start, ent.end) != (s, e)
