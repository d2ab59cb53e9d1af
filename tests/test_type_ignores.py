"""Typing habits CI can check cheaply: every `# type: ignore` in src/detente names its error code and
says why on the same line (mypy itself runs in `make typecheck`)."""
from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "detente"
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")
WITH_REASON = re.compile(r"^\[[a-z-]+(?:,\s*[a-z-]+)*\]\s+#\s*\S")


def bare_ignores(root: Path = SRC) -> list[str]:
    """`file:line` of each ignore without an error code or without a reason after it."""
    out = []
    for path in sorted(root.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = IGNORE.search(line)
            if m and not WITH_REASON.match(m["rest"].strip()):
                out.append(f"{path.relative_to(root.parent)}:{n}: {line.strip()}")
    return out


def test_every_type_ignore_has_a_code_and_a_reason() -> None:
    assert bare_ignores() == []


def test_the_check_catches_bare_and_codeless_ignores(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("a = f()  # type: ignore\nb = g()  # type: ignore[attr-defined]\n"
                                   "c = h()  # type: ignore[misc]  # a base chosen at run time\n", encoding="utf-8")
    assert [e.split(":")[1] for e in bare_ignores(tmp_path)] == ["1", "2"]
