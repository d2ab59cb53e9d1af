"""ActorMention: one actor phrase in a Doc, and how it resolves to a CAMEO code on a date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import ActorRef
from .schema import ActorEntry, Role


def pick_role(entry: ActorEntry, on: dt.date | None) -> tuple[Role, str]:
    """The role valid on ``on`` (latest start wins on overlap), else the nearest one; plus a reason."""
    roles = entry.roles
    if on is None:
        current = [r for r in roles if r.to is None]
        role = max(current or roles, key=lambda r: r.from_ or dt.date.min)
        return role, ("date unknown, using the current role" if current else "date unknown, using the latest role")
    valid = [r for r in roles if r.covers(on)]
    if valid:
        role = max(valid, key=lambda r: r.from_ or dt.date.min)
        return role, f"valid on {on}"

    def distance(r: Role) -> int:
        if r.to is not None and on > r.to:
            return (on - r.to).days
        return ((r.from_ or on) - on).days

    role = min(roles, key=distance)
    return role, f"no role on {on}; nearest role used"


def _span_of(role: Role) -> str:
    if role.from_ is None and role.to is None:
        return ""
    if role.to is None:
        return f" from {role.from_}"
    return f" {role.from_ or '...'}..{role.to}"


@dataclass(frozen=True)
class ActorMention:
    """One actor phrase: token range ``[start, end)``, chars ``[start_char, end_char)`` in doc.text."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    entry_id: str  # "person:hakan-fidan", "country:TUR", "igo:nato", "agent:GOV-minister", ...
    kind: str  # country | capital | person | igo | ngo | group | agent
    antecedent: "ActorMention | None" = None
    # How the parts combine (see resolve); not part of the public comparison.
    country: str = field(default="", compare=False)  # from a name, adjective, capital or of-PP
    agent: str = field(default="", compare=False)  # from the head noun/title
    fixed_code: str = field(default="", compare=False)  # a seat's code (Pentagon -> USAMIL)
    head_i: int = field(default=-1, compare=False)  # NP head token (for DocActors.for_token)
    notes: tuple[str, ...] = field(default=(), compare=False)  # reasons, e.g. "'Ankara' is the capital of Türkiye"
    entry: ActorEntry | None = field(default=None, compare=False, repr=False)
    country_name: str = field(default="", compare=False)
    scope: str = field(default="", compare=False)  # "country": a description that names only the state
    title: bool = field(default=False, compare=False)  # a title alone ("the minister"): a person
    # a title with a name the dictionary does not know ("King Hassan of Morocco"): a person for he/she
    unlisted_person: bool = field(default=False, compare=False)

    def resolve(self, on: dt.date | None) -> ActorRef | None:
        """The CAMEO code of this mention on ``on`` (see module doc); None if nothing codable."""
        if self.antecedent is not None:
            return self._resolve_coref(on)
        if self.entry is not None:
            role, how = pick_role(self.entry, on)
            code = role.code
            name = self.entry.names[0]
            if how.startswith("no role") and self.entry.kind == "person" and (self.country or self.agent):
                # "British Foreign Secretary Sir Geoffrey Howe" in 1987: the title written beside the name
                # says who he is on that date; a role from another period does not
                code = self.country + self.agent
                return self._ref(code, self.country, self.agent, name,
                                 f"{name}: no role on {on}; the title in the text: "
                                 + "; ".join(self.notes) + f" -> {code}")
            if role.title or self.entry.kind == "person":
                why = f"{name}: {role.title or 'role'} ({code}){_span_of(role)}, {how}"
            else:
                why = f"'{self.text}' is {name} ({self.entry.kind}, {code}){_span_of(role)}"
            country, agent = _split(code)
            return self._ref(code, country, agent, self.entry.names[0], why)
        if self.fixed_code:
            country, agent = _split(self.fixed_code)
            if self.agent and self.agent != agent and self.kind != "capital":
                agent = self.agent
            code = country + agent
            return self._ref(code, country, agent, self.country_name or country, "; ".join(self.notes))
        if self.country or self.agent:
            code = self.country + self.agent
            name = self.country_name or self.agent
            return self._ref(code, self.country, self.agent, name, "; ".join(self.notes) + f" -> {code}")
        return None

    def _resolve_coref(self, on: dt.date | None) -> ActorRef | None:
        ante = self.antecedent
        assert ante is not None
        ref = ante.resolve(on)
        if ref is None:
            return None
        country, agent, code = ref.country, ref.agent, ref.code
        if self.scope == "country":
            agent, code = "", country  # "the two nations" -> the states themselves
        elif self.agent and ante.kind == "person" and self.kind == "agent" and not self.title:
            agent, code = self.agent, country + self.agent  # "his government" -> the person's country + GOV
        elif self.agent and ante.kind in ("country", "capital") and not ante.agent:
            agent = self.agent  # "the government" -> country of the antecedent + GOV
            code = country + agent
        why = f"'{self.text}' refers to '{ante.text}' earlier in the article; {ref.why}"
        if code != ref.code:
            why += f"; '{self.text}' -> {code}"
        return ActorRef(code=code, country=country, agent=agent, name=ref.name, text=self.text,
                        start=self.start_char, end=self.end_char, entry_id=ref.entry_id, why=why)

    def _ref(self, code: str, country: str, agent: str, name: str, why: str) -> ActorRef:
        return ActorRef(code=code, country=country, agent=agent, name=name, text=self.text,
                        start=self.start_char, end=self.end_char, entry_id=self.entry_id, why=why)


def _split(code: str) -> tuple[str, str]:
    return code[:3], code[3:6]
