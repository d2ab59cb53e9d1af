"""An event candidate: a trigger with its actors, date, mode and place, before it becomes Events."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models import ActorRef
from .triggers import Trigger


@dataclass(frozen=True)
class ImplicitMention:
    """The mention of a participant the text implies but does not name (no words, no span)."""

    entry_id: str
    kind: str = "implicit"
    start: int = -1
    end: int = -1
    text: str = ""


@dataclass
class Participant:
    """One actor of a candidate: the dictionary mention and its code on the event date."""

    mention: Any  # actors.ActorMention
    ref: ActorRef
    slot: str

    @property
    def key(self) -> str:
        return self.ref.code or self.mention.entry_id

    @property
    def identity(self) -> tuple[str, str]:
        """Same actor: same dictionary entry with the same code ("the Sudanese government" and "Darfur
        rebels" share the entry Sudan but are different actors)."""
        return self.mention.entry_id, self.ref.code

    @property
    def country(self) -> str:
        return self.ref.country


@dataclass
class Candidate:
    trigger: Trigger
    sentence_index: int
    sources: list[Participant]
    targets: list[Participant]
    mode: str
    mode_why: str
    dated: Any  # dates.DatedEvent
    place: Any  # geo.Place | None
    place_why: str
    reciprocal: bool = False
    confidence: float = 1.0
    notes: list[str] = field(default_factory=list)

    @property
    def root(self) -> str:
        return self.trigger.pattern.cameo[:2]
