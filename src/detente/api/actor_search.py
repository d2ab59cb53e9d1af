"""Find actors by name or alias in the actor dictionaries, and turn a name given as a filter into a code.

``Türkiye``, ``Turkey`` and ``turkiye`` find the country TUR; ``Erdogan`` finds the person with his
dated roles. Matching ignores case and accents; exact names rank above name prefixes, which rank above
fuzzy matches (rapidfuzz). The index is built once per process from ``load_actor_dictionary()``
(a few seconds: the ~18k generated people are in it): at server start by ``warm_up`` (`detente serve`,
``create_app(warm_coder=True)``), else on the first name search. It is not kept in the knowledge cache:
unpickling it takes as long as building it from the loaded dictionary (~1.3 s each).
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..actors.dictionary import ActorDictionary, load_actor_dictionary
from ..actors.schema import Role
from ..errors import UsageError

#: A value that may be an actor code: letters/digits in one case ("TUR", "turgov"). Up to 3 characters
#: it is one as given (a country code or a code prefix, no dictionary needed); a longer one is a code
#: only when the dictionaries know it (``ActorIndex.is_code``), else a name in capitals ("TURKEY").
_CODE = re.compile(r"^(?:[A-Z0-9]{1,15}|[a-z0-9]{1,15})$")
_SHORT_CODE = 3
EXACT, PREFIX, FUZZY_CUTOFF = 100.0, 90.0, 80.0
#: Within one score, countries first, then organisations and groups, then people.
_KIND_RANK = {"country": 0, "igo": 1, "ngo": 2, "group": 3, "person": 4}


def fold(text: str) -> str:
    """Lower case without accents: "Türkiye" -> "turkiye", "Erdoğan" -> "erdogan"."""
    if text.isascii():  # almost every name: no accents to take off
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ı", "i"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


@dataclass(frozen=True)
class Entry:
    entry_id: str  # "country:TUR", "person:recep-tayyip-erdogan"
    kind: str
    name: str
    code: str  # the country code, or the code of the role held today (else the latest role)
    roles: tuple[Role, ...]
    generated: bool  # from the PETRARCH2 conversion: ranks below curated entries


@dataclass(frozen=True)
class Match:
    entry: Entry
    matched: str  # the name or alias that matched, as written in the dictionary
    score: float


def current_code(roles: list[Role] | tuple[Role, ...], today: dt.date | None = None) -> str:
    day = today or dt.date.today()
    held = [r for r in roles if r.covers(day)]
    pick = held or sorted(roles, key=lambda r: (r.to or dt.date.max, r.from_ or dt.date.min))
    return pick[-1].code if pick else ""


class ActorIndex:
    def __init__(self, dictionary: ActorDictionary):
        self.entries: list[Entry] = []
        aliases: dict[str, list[tuple[int, str]]] = {}  # folded alias -> (entry index, alias as written)

        def add(entry: Entry, names: list[str]) -> None:
            self.entries.append(entry)
            i = len(self.entries) - 1
            for name in dict.fromkeys(names):
                key = fold(name)
                if key and all(j != i for j, _ in aliases.get(key, [])):
                    aliases.setdefault(key, []).append((i, name))

        codes: set[str] = set()
        for c in dictionary.countries.values():
            add(Entry(f"country:{c.id}", "country", c.name, c.code, (), False),
                [c.name, *c.names, *c.acronyms, *c.adjectives])
            codes.add(c.code)
        for key, e in dictionary.actors.items():
            add(Entry(key, e.kind, e.names[0], current_code(e.roles), tuple(e.roles), key in dictionary.generated),
                [*e.names, *e.acronyms])
            codes.update(r.code for r in e.roles)
        self.aliases = aliases
        self.keys = sorted(aliases)
        self.codes = sorted(codes)  # every code the dictionaries give an actor
        self.heads = {c[:3] for c in codes}  # country, organisation and group codes: a code's first part
        self.agents = {a.agent for a in dictionary.agents}  # agent types: GOV, MIL, REB…

    def is_code(self, code: str) -> bool:
        """Whether ``code`` (upper case) is an actor code or the start of one: a code the dictionaries give
        an actor (or its prefix), or a known first part followed by agent types (TURGOV, RUSMILREB).
        "TURKEY" is not (TUR + KEY, and KEY is no agent type): it is a name in capitals."""
        i = bisect.bisect_left(self.codes, code)
        if i < len(self.codes) and self.codes[i].startswith(code):
            return True
        parts = [code[j:j + 3] for j in range(0, len(code), 3)]
        return (len(code) % 3 == 0 and parts[0] in self.heads
                and all(p in self.agents for p in parts[1:]))

    def _rank(self, m: Match) -> tuple[float, bool, int, str]:
        return (-m.score, m.entry.generated, _KIND_RANK.get(m.entry.kind, 9), m.entry.name)

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """Entries whose name or alias equals, starts with, or resembles ``query``; best first."""
        q = fold(query)
        if not q:
            return []
        best: dict[int, Match] = {}

        def offer(key: str, score: float) -> None:
            for i, written in self.aliases[key]:
                old = best.get(i)
                if old is None or score > old.score:
                    best[i] = Match(self.entries[i], written, score)

        if q in self.aliases:
            offer(q, EXACT)
        start = bisect.bisect_left(self.keys, q)
        for key in self.keys[start:start + 200]:  # names starting with the query: shorter ones first
            if not key.startswith(q):
                break
            if key != q:
                offer(key, PREFIX - min(9.0, (len(key) - len(q)) / 4))
        if len(q) >= 3:
            for key, score, _ in process.extract(q, self.keys, scorer=fuzz.ratio, limit=limit * 2,
                                                 score_cutoff=FUZZY_CUTOFF):
                offer(key, min(float(score), PREFIX - 1) if key != q else EXACT)
        return sorted(best.values(), key=self._rank)[:limit]

    def resolve(self, value: str) -> str:
        """The code a filter value stands for: a code as given (TUR, turgov), or the code of the one
        actor a name names (Turkey, Türkiye, TURKEY, turkey -> TUR). UsageError (with suggestions) otherwise."""
        v = value.strip()
        if _CODE.match(v) and (len(v) <= _SHORT_CODE or self.is_code(v.upper())):
            return v.upper()
        exact = [m for m in self.search(v, limit=50) if m.score == EXACT]
        # a person's code is a role shared with others (TURGOV): filtering by it would not be the person
        codes = {m.entry.code for m in exact if m.entry.code and m.entry.kind != "person"}
        if len(codes) == 1:
            return codes.pop()
        if exact:
            shown = "; ".join(f"{m.entry.name} ({m.entry.kind}: {describe(m.entry)})" for m in exact[:5])
            raise UsageError(f"actor {value!r} is not one country or organisation: {shown}. Events are coded "
                             f"by role, so give a code instead")
        raise unknown_actor(value, self.search(v, limit=3))


def describe(entry: Entry) -> str:
    """The code, with the dates of each role for a person: "TURGOV 2003-03-14..2014-08-28, TURGOV 2014-08-28.."."""
    if len(entry.roles) <= 1 and entry.kind != "person":
        return entry.code
    return ", ".join(f"{r.code} {r.from_ or ''}..{r.to or ''}" for r in entry.roles)


def unknown_actor(value: str, near: list[Match]) -> UsageError:
    hint = " or ".join(f"{m.entry.code} ({m.entry.name})" for m in near if m.entry.code)
    return UsageError(f"unknown actor {value!r}" + (f" — did you mean {hint}?" if hint else
                                                       ": give a code like TUR or TURGOV, or a country name"))


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _index() -> ActorIndex:
    return ActorIndex(load_actor_dictionary())


def actor_index() -> ActorIndex:
    """The process-wide index (built on first use; requests arriving meanwhile wait for it)."""
    with _lock:
        return _index()


def index_built() -> bool:
    """Whether this process holds the index already (a name search will not wait for it)."""
    return _index.cache_info().currsize > 0


def warm_up() -> None:
    """Build the index before the server answers, so the first name search after /api/health is fast.
    A failure is logged, not raised: codes still work, and a name search retries and reports the error."""
    log = logging.getLogger("uvicorn.error")
    start = time.perf_counter()
    try:
        actor_index()
    except Exception as exc:
        log.warning("the actor name index could not be built: %s: %s", type(exc).__name__, exc)
        return
    log.info("actor name index ready in %.1f s", time.perf_counter() - start)


def resolve_actor(value: str) -> str:
    """``ActorIndex.resolve``; a code of up to 3 characters (TUR, tur) never loads the dictionaries."""
    v = value.strip()
    if _CODE.match(v) and len(v) <= _SHORT_CODE:
        return v.upper()
    return actor_index().resolve(v)


def resolve_optional(value: str | None) -> str | None:
    """``resolve_actor`` for an optional filter value (None or blank: no filter)."""
    return resolve_actor(value) if value is not None and value.strip() else None
