"""CAMEO codebook with its PLOVER 0.8 mapping, shipped as package data and loaded once."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import DataFileError
from ..knowledge_cache import load_or_build

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_CLASSES = {1: "Verbal Cooperation", 2: "Material Cooperation", 3: "Verbal Conflict",
                4: "Material Conflict"}


class CameoCode(BaseModel):
    """One row of ontology/cameo.csv."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    root: str
    level: int
    goldstein: float
    quad_class: int
    plover_type: str = ""
    plover_mode: str = ""
    plover_context: str = ""

    @field_validator("code")
    @classmethod
    def _code_shape(cls, v: str) -> str:
        if not (v.isdigit() and 2 <= len(v) <= 4):
            raise ValueError(f"CAMEO code must be 2-4 digits, got {v!r}")
        return v

    @field_validator("plover_type")
    @classmethod
    def _plover(cls, v: str) -> str:
        if v and v not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {v!r}")
        return v

    @field_validator("quad_class")
    @classmethod
    def _quad(cls, v: int) -> int:
        if v not in QUAD_CLASSES:
            raise ValueError(f"quad class must be 1-4, got {v}")
        return v


class Codebook:
    """All CAMEO codes by code; ``get('0423')`` falls back to the nearest parent."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str) -> CameoCode:
        c = code
        while c and c not in self.codes:
            c = c[:-1]
        if len(c) < 2:
            raise KeyError(code)
        return self.codes[c]

    def roots(self) -> list[str]:
        return sorted({c.root for c in self.codes.values()})


def read_codebook_rows(text: str, origin: str = "cameo.csv") -> tuple[dict[str, CameoCode], list[str]]:
    """Parse cameo.csv text; returns the codes and a list of `file:line [field] msg` errors."""
    codes: dict[str, CameoCode] = {}
    errors: list[str] = []
    for lineno, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        try:
            c = CameoCode.model_validate(row)
        except Exception as exc:  # pydantic.ValidationError
            fallback = [{"loc": ("?",), "msg": str(exc)}]
            for err in getattr(exc, "errors", lambda: fallback)():
                errors.append(f"{origin}:{lineno} [{'.'.join(map(str, err['loc']))}] {err['msg']}")
            continue
        if c.code in codes:
            errors.append(f"{origin}:{lineno} [code] duplicate code {c.code}")
        codes[c.code] = c
    return codes, errors


def codebook_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("cameo.csv")))


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The shipped codebook, compiled once and then read from the knowledge cache."""
    return load_or_build("codebook", [codebook_path(), Path(__file__)], _build_codebook, Codebook)[0]


def _build_codebook() -> Codebook:
    codes, errors = read_codebook_rows(codebook_path().read_text(encoding="utf-8"))
    if errors:
        raise DataFileError("; ".join(errors[:5]))
    return Codebook(codes)


def validate_codebook() -> list[str]:
    """Errors in the shipped cameo.csv (for `detente validate`)."""
    text = resources.files(__package__).joinpath("cameo.csv").read_text(encoding="utf-8")
    codes, errors = read_codebook_rows(text, origin=str(resources.files(__package__).joinpath("cameo.csv")))
    for code in codes.values():
        if code.level > 1 and code.root not in codes:
            errors.append(f"cameo.csv [root] code {code.code} has no root row {code.root}")
    return errors
