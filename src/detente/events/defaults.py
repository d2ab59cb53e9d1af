"""Conventional counterparts of domestic acts the text leaves implicit (recoding.yaml).

``opposite_target``: a directed act of a domestic agent with no target ("the Tories called for a
change in the law") is aimed at the side that agent stands against in its own country
(``opposite_agent``: the opposition, rebels and the legislature at the government, unions at the employers).
"""
from __future__ import annotations

from ..models import ActorRef
from .candidates import Candidate, ImplicitMention, Participant
from .discourse import DIRECTED_ROOTS
from .recoding import Recoding


def opposite_target(recoding: Recoding, c: Candidate) -> None:
    """In place: the target of a domestic agent's directed act with none named (module doc)."""
    if c.targets or not c.sources or c.reciprocal or c.root not in DIRECTED_ROOTS:
        return
    src = c.sources[0].ref
    other = recoding.opposite_agent(src.agent) if len(src.country) == 3 else None
    if not other or src.country in ("IGO", "NGO"):
        return
    code = src.country + other
    ref = ActorRef(code=code, country=src.country, agent=other, name=f"{src.country} ({other})", text="",
                   why=f"no target in the text: {src.code} acts against {code} (opposite_agent in recoding.yaml)")
    c.targets = [Participant(ImplicitMention(f"implicit:{code}"), ref, "implicit")]
    c.confidence *= 0.7
    c.notes.append(ref.why)
