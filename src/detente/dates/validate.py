"""`validate_date_data()`: check data/expressions.yaml and report "file:line [field] msg" errors."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from . import expressions

_PLACEHOLDERS = {"MONTH", "WEEKDAY", "NUM", "SHIFT", "UNIT", "PART", "YEAR", "DAY"}
_VOCAB_KEYS = {"months": "month", "weekdays": "weekday", "numbers": "value", "shifts": "value", "units": "unit"}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _items(root: Any, key: str) -> Any:
    """The value node of `key` in a composed mapping node (Any: yaml nodes nest untyped values)."""
    for k, v in root.value:
        if k.value == key:
            return v
    return None


def validate_date_data(path: Path | None = None) -> list[str]:
    """Every problem in the date-expression file, one "file:line [field] msg" string each."""
    path = path or expressions.DATA_FILE
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        raw = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        return [f"{where}:1 [file] {exc}"]
    if root is None or not isinstance(raw, dict):
        return [f"{where}:1 [file] expected a mapping with vocab and rules"]
    errors: list[str] = []
    vocab_node = _items(root, "vocab")
    for group, key in _VOCAB_KEYS.items():
        node = _items(vocab_node, group) if vocab_node is not None else None
        rows = (raw.get("vocab") or {}).get(group)
        if node is None or not isinstance(rows, list):
            errors.append(f"{where}:1 [vocab.{group}] missing list")
            continue
        for row, row_node in zip(rows, node.value):
            for field in ("id", key, "names"):
                if not isinstance(row, dict) or row.get(field) in (None, "", []):
                    errors.append(f"{where}:{_line(row_node)} [{group}.{field}] required")
    for field in ("parts_of_day", "prepositions"):
        values = (raw.get("vocab") or {}).get(field)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            errors.append(f"{where}:1 [vocab.{field}] must be a list of quoted strings")
    rules_node, rules = _items(root, "rules"), raw.get("rules")
    if rules_node is None or not isinstance(rules, list):
        return errors + [f"{where}:1 [rules] missing list"]
    seen: set[str] = set()
    for row, node in zip(rules, rules_node.value):
        line = _line(node)
        rid = row.get("id") if isinstance(row, dict) else None
        if not rid:
            errors.append(f"{where}:{line} [id] required")
        elif rid in seen:
            errors.append(f"{where}:{line} [id] duplicate {rid!r}")
        seen.add(rid or "")
        if not isinstance(row, dict):
            continue
        if row.get("kind") not in expressions.KINDS:
            errors.append(f"{where}:{line} [kind] {row.get('kind')!r} not one of {', '.join(expressions.KINDS)}")
        pattern = row.get("pattern")
        if not isinstance(pattern, str) or not pattern:
            errors.append(f"{where}:{line} [pattern] required")
            continue
        unknown = set(re.findall(r"\{([A-Z]+)\}", pattern)) - _PLACEHOLDERS
        if unknown:
            errors.append(f"{where}:{line} [pattern] unknown placeholder(s) {sorted(unknown)}")
            continue
        try:
            re.compile(re.sub(r"\{([A-Z]+)\}", "x", pattern))
        except re.error as exc:
            errors.append(f"{where}:{line} [pattern] {exc}")
    return errors
