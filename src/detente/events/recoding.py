"""Mode-dependent recoding, as the PLOVER manual asks: one event category, not category + auxiliary.

An announced future cooperative act ("Portugal will support Turkey") is an expression of intent
(CAMEO 03x); an announced or modal use of force, or a modal sanction ("NATO could tighten the
blockade"), is a threat (13x); a refusal announced for the future ("Syria will not accept refugees")
is a rejection (12x). Military exercises held by the forces of several countries are military
cooperation (062, PLOVER COOPERATE: "joint military games and maneuvers"). The maps live in
events/data/recoding.yaml. Past negations ("did not meet") and conditions ("if Russia attacks")
keep their auxiliary mode.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ..errors import DataFileError
from ..ontology import load_codebook

KINDS = ("intent", "threat", "refusal", "joint")
AGENT_CODES = frozenset({"GOV", "CVL", "MIL", "COP", "OPP", "LEG", "JUD", "LAB", "BUS", "REB"})


@dataclass(frozen=True)
class Recoding:
    maps: dict[str, dict[str, str]]
    groups: tuple[str, ...] = ()  # CAMEO prefixes of group_target

    def lookup(self, kind: str, code: str) -> str | None:
        table = self.maps.get(kind, {})
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return table[code[:n]]
        return None

    def joint(self, code: str) -> str | None:
        """The code of an act done together by forces of several countries (see recoding.yaml)."""
        return self.lookup("joint", code)

    def group_target(self, code: str) -> bool:
        """Is an act of this code by a group with no counterpart done among its members (recoding.yaml)?"""
        return any(code.startswith(prefix) for prefix in self.groups)

    def default_target_agent(self, code: str) -> str | None:
        """The conventional target agent of a domestic act with no target (see recoding.yaml)."""
        return self.lookup("default_target", code)

    def opposite_agent(self, agent: str) -> str | None:
        """The side a domestic agent's directed acts are aimed at when none is named (recoding.yaml)."""
        return self.maps.get("opposite_agent", {}).get(agent)

    def default_source_agent(self, code: str) -> str | None:
        """The conventional source agent of a domestic act reported with no actor (see recoding.yaml)."""
        return self.lookup("default_source", code)

    def recode(self, code: str, mode: str, cue: str, negated_intent: bool,
               scheduled: bool = False) -> tuple[str, str, str] | None:
        """(new code, new mode, why) or None when the event keeps its code and mode.

        ``scheduled``: the act has its own date ("will impose tariffs from Wednesday"); an announced
        sanction with a date is a scheduled act (mode future), without one it is a threat."""
        root = int(code[:2])
        if cue == "conditional" and (4 <= root <= 8 or root >= 14):
            kind = "intent" if root <= 8 else "threat"
            new = self.lookup(kind, code)
            if new:
                return new, "", f"an act promised on a condition is {'an intent' if root <= 8 else 'a threat'} ({code} -> {new})"
        if negated_intent and 3 <= root <= 8:
            new = self.lookup("refusal", code)
            if new:
                return new, "", f"a refusal announced for the future rejects the act ({code} -> {new})"
        # "time": a present-tense act with a time still ahead ("travels to Rome tomorrow"), modality.py
        if mode == "future" and cue in ("aux", "governor", "modifier", "time") and 4 <= root <= 8:
            new = self.lookup("intent", code)
            if new:
                return new, "", f"an announced future act is an expression of intent ({code} -> {new})"
        # Force (17-20) announced or modal is a threat; protests, force posture and sanctions (14-16)
        # too, unless the act is scheduled: "the EU will impose tariffs from Wednesday" is a
        # sanction (mode future), "the EU will impose tariffs" and "could impose" are threats.
        if cue in ("aux", "governor") and (mode in ("future", "hypothetical") and root >= 17
                                           or mode == "hypothetical" and root >= 14
                                           or mode == "future" and root >= 14 and not scheduled):
            new = self.lookup("threat", code)
            if new:
                return new, "", f"an announced or modal coercive act is a threat ({code} -> {new})"
        return None


def recoding_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("data/recoding.yaml")))


def validate_recoding(path: Path | None = None) -> list[str]:
    path = path or recoding_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        return [f"{path}:? [yaml] {exc}".replace("\n", " ")]
    errors = []
    book = load_codebook()
    for kind in KINDS:
        for key, value in (data.get(kind) or {}).items():
            for code in (str(key), str(value)):
                if code not in book:
                    errors.append(f"{path}:? [{kind}.{key}] unknown CAMEO code {code!r}")
    for section in ("default_target", "default_source"):
        for key, agent in (data.get(section) or {}).items():
            if str(key) not in book:
                errors.append(f"{path}:? [{section}.{key}] unknown CAMEO code {key!r}")
            if agent not in AGENT_CODES:
                errors.append(f"{path}:? [{section}.{key}] unknown agent {agent!r}")
    groups = data.get("group_target") or []
    if not isinstance(groups, list):
        errors.append(f"{path}:? [group_target] expected a list of CAMEO codes")
        groups = []
    errors += [f"{path}:? [group_target] unknown CAMEO code {c!r}" for c in groups if str(c) not in book]
    for agent, other in (data.get("opposite_agent") or {}).items():
        if agent not in AGENT_CODES or other not in AGENT_CODES:
            errors.append(f"{path}:? [opposite_agent.{agent}] unknown agent {agent!r} or {other!r}")
    for kind in set(data) - set(KINDS) - {"default_target", "default_source", "group_target", "opposite_agent"}:
        errors.append(f"{path}:? [{kind}] unknown section (expected {', '.join(KINDS)})")
    return errors


@lru_cache(maxsize=1)
def load_recoding() -> Recoding:
    errors = validate_recoding()
    if errors:
        raise DataFileError("; ".join(errors[:5]))
    data = yaml.safe_load(recoding_path().read_text(encoding="utf-8"))
    maps = {k: {str(a): str(b) for a, b in (data.get(k) or {}).items()} for k in (*KINDS, "default_target", "default_source", "opposite_agent")}
    return Recoding(maps, tuple(str(c) for c in data.get("group_target") or []))
