"""Presenting an EvalResult: Rich tables for the terminal and a markdown report for error analysis."""
from __future__ import annotations

from typing import Any

from rich.table import Table

from . import EvalResult
from .scoring import NONE_LABEL

MAX_LISTED = 500  # misses/false alarms listed in a report; the counts are always complete


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def headline_rows(s: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(metric, precision, recall, f1-or-accuracy) rows shared by the table and the report."""
    rows = []
    for key, label in (("event_type", "event type"), ("cameo_root", "CAMEO root"), ("full_event", "full event")):
        m = s[key]
        rows.append((label, _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"])))
    for key, label in (("source_actor", "source actor"), ("target_actor", "target actor")):
        m = s[key]
        rows.append((f"{label} (country)", "", "", _fmt(m["country_accuracy"])))
        rows.append((f"{label} (full code)", "", "", _fmt(m["code_accuracy"])))
    rows.append(("event date", "", "", _fmt(s.get("date_accuracy"))))
    return rows


def summary_table(s: dict[str, Any], title: str = "detente eval") -> Table:
    table = Table(title=f"{title}: {s['n']} sentences, {s['gold_events']} gold / {s['predicted_events']} predicted events")
    for col in ("metric", "precision", "recall", "F1 / accuracy"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    for row in headline_rows(s):
        table.add_row(*row)
    return table


def by_type_table(s: dict[str, Any]) -> Table:
    table = Table(title="by PLOVER type")
    for col in ("type", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for t, m in s["by_type"].items():
        table.add_row(t, _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"]), str(m["support"]))
    return table


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    esc = [[str(c).replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in esc)]


def markdown_report(result: EvalResult, command: str = "") -> str:
    s = result.summary()
    sc = result.scores
    out = ["# detente eval report", ""]
    if command:
        out += [f"Command: `{command}`", ""]
    if result.sources:
        out += ["Gold: " + ", ".join(f"`{p}`" for p in result.sources), ""]
    out += [f"{s['n']} sentences scored, {s['gold_events']} gold events, {s['predicted_events']} predicted "
            f"events, {s['skipped']} gold lines skipped, {s['coder_errors']} coder errors, {s['seconds']} s.", ""]
    out += ["## Summary", "", *_md_table(["metric", "precision", "recall", "F1 / accuracy"],
                                         [list(r) for r in headline_rows(s)]), ""]
    out += ["## By PLOVER type", "", *_md_table(
        ["type", "precision", "recall", "F1", "support"],
        [[t, _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"]), str(m["support"])]
         for t, m in s["by_type"].items()]), ""]
    out += _confusion_md(s["confusion"])
    out += [f"## Misses ({len(sc.misses)})", "", "Gold events whose type was not predicted for their sentence.", ""]
    out += _md_table(["id", "gold", "source → target", "predicted", "sentence"],
                     [[m["id"], m["type"] + (f" ({m['mode']})" if m["mode"] else ""),
                       f"{'/'.join(m['source'])} → {'/'.join(m['target'])}", ", ".join(m["predicted"]) or NONE_LABEL,
                       m["text"]] for m in sc.misses[:MAX_LISTED]]) + [""]
    out += [f"## False alarms ({len(sc.false_alarms)})", "",
            "Predicted events whose type is not a gold type of their sentence.", ""]
    out += _md_table(["id", "predicted", "source → target", "trigger", "gold", "sentence"],
                     [[f["id"], f"{f['type']} {f['cameo']}" + (f" ({f['mode']})" if f["mode"] else ""),
                       f"{f['source']} → {f['target']}", f["trigger"], ", ".join(f["gold"]) or NONE_LABEL,
                       f["text"]] for f in sc.false_alarms[:MAX_LISTED]]) + [""]
    out += [f"## Actor errors ({len(sc.actor_errors)})", "",
            "Type-matched gold events whose best prediction has the wrong source or target country.", ""]
    out += _md_table(["id", "type", "gold source → target", "predicted", "sentence"],
                     [[a["id"], a["type"], f"{'/'.join(a['gold_source'])} → {'/'.join(a['gold_target'])}",
                       f"{a['source']} → {a['target']}", a["text"]] for a in sc.actor_errors[:MAX_LISTED]]) + [""]
    out += [f"## Date errors ({len(sc.date_errors)})", "",
            "Type-matched gold events whose best prediction has another date.", ""]
    out += _md_table(["id", "type", "gold date", "predicted", "published", "trigger", "sentence"],
                     [[d["id"], d["type"], d["gold"], d["predicted"] + (" (historical)" if d["historical"] else ""),
                       d["publication"], d["trigger"], d["text"]] for d in sc.date_errors[:MAX_LISTED]]) + [""]
    out += [f"## Location errors ({len(sc.location_errors)})", "",
            "Type-matched gold events with a gold location whose best prediction has another country.", ""]
    out += _md_table(["id", "type", "gold country", "predicted", "sentence"],
                     [[d["id"], d["type"], d["gold"], f"{d['predicted']} {d['place']}".strip() or NONE_LABEL,
                       d["text"]] for d in sc.location_errors[:MAX_LISTED]]) + [""]
    if result.problems or sc.coder_errors:
        out += ["## Skipped gold lines and coder errors", "", *(f"- {p}" for p in result.problems),
                *(f"- {e}" for e in sc.coder_errors), ""]
    return "\n".join(out)


def _confusion_md(confusion: dict[str, dict[str, int]]) -> list[str]:
    if not confusion:
        return []
    cols = sorted({p for row in confusion.values() for p in row}, key=lambda x: (x == NONE_LABEL, x))
    rows = [[g, *(str(confusion[g].get(c, "")) for c in cols)] for g in confusion]
    return ["## Type confusion", "", "Rows: gold type; columns: predicted types in the same sentence "
            f"(diagonal = found; `{NONE_LABEL}` = nothing predicted / no gold event).", "",
            *_md_table(["gold \\ predicted", *cols], rows), ""]
