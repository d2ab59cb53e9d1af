"""Row schemas of the actor data files (one pydantic model per file kind).

Every row has an ``id``. Unknown fields are errors (``extra="forbid"``) so that a typo in a
hand-edited YAML file fails loudly in ``detente validate`` instead of being ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

CODE_RE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
AGENT_RE = re.compile(r"^[A-Z]{3}$")

EntryKind = Literal["person", "igo", "ngo", "group"]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Role(_Row):
    """One dated role: ``code`` is valid from ``from`` to ``to`` (inclusive; None = open)."""

    code: str
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None
    title: str = ""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not CODE_RE.match(v):
            raise ValueError(f"code {v!r} is not 3-letter blocks (e.g. TURGOV)")
        return v

    @model_validator(mode="after")
    def _order(self) -> "Role":
        if self.from_ and self.to and self.to < self.from_:
            raise ValueError(f"role ends ({self.to}) before it starts ({self.from_})")
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (self.to is None or day <= self.to)


class ActorEntry(_Row):
    """A named actor: a person, an IGO, an NGO or an armed/political group."""

    id: str = Field(min_length=1)
    kind: EntryKind = "person"
    names: list[str] = Field(min_length=1)
    acronyms: list[str] = []  # matched only in exact (upper) case: "UN", "NATO", "PKK"
    roles: list[Role] = Field(min_length=1)
    gender: Literal["m", "f"] | None = None  # lets "he"/"she" skip incompatible antecedents
    note: str = ""


class Seat(_Row):
    """A building or place that stands for a state body: Kremlin -> RUSGOV, Pentagon -> USAMIL."""

    name: str
    code: str

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not CODE_RE.match(v):
            raise ValueError(f"code {v!r} is not 3-letter blocks")
        return v


class CountryEntry(_Row):
    """A country: names, adjectives/demonyms, capitals (-> GOV) and seats of power."""

    id: str = Field(min_length=1)  # the CAMEO country code (TUR)
    code: str
    name: str  # canonical display name
    names: list[str] = []
    acronyms: list[str] = []
    adjectives: list[str] = []
    capitals: list[str] = []
    seats: list[Seat] = []

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not re.match(r"^[A-Z]{3}$", v):
            raise ValueError(f"country code {v!r} is not 3 upper-case letters")
        return v


class CountryPatch(_Row):
    """A hand-curated addition to a generated country row (same id)."""

    id: str = Field(min_length=1)
    name: str | None = None
    names: list[str] = []
    acronyms: list[str] = []
    adjectives: list[str] = []
    capitals: list[str] = []
    seats: list[Seat] = []
    drop: list[str] = []  # generated names to remove (false friends)


class AgentEntry(_Row):
    """Words for an agent type: ``words`` (lower case, singular and plural) -> ``agent`` (GOV, MIL...)."""

    id: str = Field(min_length=1)
    agent: str
    words: list[str] = Field(min_length=1)
    person: bool = False  # a title naming one person ("minister", "president"): coref target
    drop: bool = False  # remove these words (false friends from the generated file)

    @field_validator("agent")
    @classmethod
    def _agent(cls, v: str) -> str:
        if not AGENT_RE.match(v):
            raise ValueError(f"agent {v!r} is not 3 upper-case letters")
        return v


#: Which model validates the rows of a file, by the file's ``kind`` (see dictionary.file_kind).
ROW_MODELS: dict[str, type[BaseModel]] = {
    "actors": ActorEntry,
    "countries": CountryEntry,
    "country_patches": CountryPatch,
    "agents": AgentEntry,
}
