"""Record size limit (``max_record_bytes`` / $DETENTE_MAX_RECORD_MB) and unclosed CSV quotes.

An oversized record is a reject with its reason and reading goes on with the next record, in
bounded memory; a quoted CSV field that never closes costs one rejected row, not the rest of the file.
"""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.ingest import Rejected, read_inputs

MB = 1024 * 1024
TEXT = "Turkey criticised Greece on Monday over the border, officials said in Ankara."


def _read(path: Path, **kw) -> list:
    return list(read_inputs([str(path)], check_language=False, **kw))


def _split(items: list) -> tuple[list, list[Rejected]]:
    return ([i for i in items if not isinstance(i, Rejected)], [i for i in items if isinstance(i, Rejected)])


def _one_line_jsonl(path: Path, mb: int) -> None:
    with path.open("wb") as f:
        f.write(b'{"text": "')
        block = b"a" * MB
        for _ in range(mb):
            f.write(block)
        f.write(b'"}\n' + json.dumps({"text": TEXT}).encode() + b"\n")


def test_record_limit_oversized_line_rejected_in_bounded_memory(tmp_path):
    src = tmp_path / "big.jsonl"
    _one_line_jsonl(src, 20)
    tracemalloc.start()
    try:
        items = _read(src, max_record_bytes=MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    articles, rejects = _split(items)
    assert [str(r) for r in rejects] == [f"[E105] {src}:1: too large: 20.0 MB > 1 MB limit"]
    assert [a.origin for a in articles] == [f"{src}:2"]  # reading went on with the next record
    assert peak < 4 * MB, f"peak {peak / MB:.1f} MB reading a 20 MB line with a 1 MB limit"


def test_record_limit_from_environment(tmp_path, monkeypatch):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": "x " * 400_000}) + "\n" + json.dumps({"text": TEXT}) + "\n")
    assert len(_split(_read(src))[0]) == 2  # 0.8 MB: under the 10 MB default
    monkeypatch.setenv("DETENTE_MAX_RECORD_MB", "0.5")
    articles, rejects = _split(_read(src))
    assert [r.code for r in rejects] == ["E105"] and "0.5 MB limit" in rejects[0].reason
    assert [a.origin for a in articles] == [f"{src}:2"]
    txt = tmp_path / "long.txt"
    txt.write_text("Title\n" + "word " * 200_000)  # 1 MB .txt: one record too
    assert [r.code for r in _split(_read(txt))[1]] == ["E105"]


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "ten"])
def test_record_limit_bad_environment_is_one_clear_error(monkeypatch, value):
    monkeypatch.setenv("DETENTE_MAX_RECORD_MB", value)
    with pytest.raises(InputError, match="DETENTE_MAX_RECORD_MB"):
        read_inputs(["x.jsonl"])


def test_record_limit_oversized_csv_record_rejected_next_rows_read(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text("id,text\n" + f'a1,"{"b" * (2 * MB)}"\n' + f"a2,{TEXT}\n" + f"a3,{TEXT} again\n")
    articles, rejects = _split(_read(src, max_record_bytes=MB))
    assert [(r.item, r.code) for r in rejects] == [(f"{src}:2", "E105")]
    assert [a.id for a in articles] == ["a2", "a3"]


def _csv(path: Path, rows: int, broken: int, *, close_at: int | None = None) -> None:
    """``rows`` data rows (row i on line i + 1); row ``broken`` opens a quote it never closes;
    row ``close_at`` (if any) carries a multi-line quoted field whose quotes end the runaway."""
    with path.open("w", newline="") as f:
        f.write("id,title,text\n")
        for i in range(1, rows + 1):
            if i == broken:
                f.write(f'r{i},Title {i},"Officials met in Paris on day {i}.\n')
            elif i == close_at or i % 500 == 0:
                f.write(f'r{i},Title {i},"Officials met in Paris, on day {i}.\nSecond paragraph."\n')
            else:
                f.write(f"r{i},Title {i},Officials met in Paris on day {i}.\n")


def _check_recovered(items: list, path: Path, rows: int, broken: int) -> None:
    articles, rejects = _split(items)
    assert [(r.item, r.code) for r in rejects] == [(f"{path}:{broken + 1}", "E107")]
    assert rejects[0].reason.startswith("unclosed quote")
    assert "\n" not in rejects[0].reason
    assert [a.id for a in articles] == [f"r{i}" for i in range(1, rows + 1) if i != broken]
    assert max(len(a.text) for a in articles) < 100  # no row swallowed another
    line = 2
    for a in articles:  # item names still give the line where each row starts
        i = int(a.id[1:])
        assert a.origin == f"{path}:{line if i < broken else line + 1}"
        line += 2 if i % 500 == 0 else 1


def test_csv_unclosed_quote_to_end_of_file_costs_one_row(tmp_path):
    src = tmp_path / "a.csv"
    with src.open("w", newline="") as f:  # no quote after row 2's: it runs to the end of the file
        f.write("id,title,text\n")
        for i in range(1, 3001):
            f.write(f'r{i},Title {i},"Officials met in Paris on day {i}.\n' if i == 2 else
                    f"r{i},Title {i},Officials met in Paris on day {i}.\n")
    articles, rejects = _split(_read(src))
    assert [(r.item, r.code) for r in rejects] == [(f"{src}:3", "E107")]
    assert [a.id for a in articles] == [f"r{i}" for i in range(1, 3001) if i != 2]
    assert [a.origin for a in articles[:3]] == [f"{src}:2", f"{src}:4", f"{src}:5"]


def test_csv_unclosed_quote_closed_later_mid_row_is_detected(tmp_path):
    """The runaway ends at a later row's quote, leaving more fields than the header."""
    src = tmp_path / "a.csv"
    with src.open("w", newline="") as f:
        f.write("id,title,text\n")
        for i in range(1, 2001):
            f.write(f'r{i},Title {i},"Officials met in Paris on day {i}.\n' if i == 2 else
                    f'r{i},"Title, {i}",Officials met in Paris on day {i}.\n' if i == 1000 else
                    f"r{i},Title {i},Officials met in Paris on day {i}.\n")
    articles, rejects = _split(_read(src))
    assert [(r.item, r.code) for r in rejects] == [(f"{src}:3", "E107")]
    assert [a.id for a in articles] == [f"r{i}" for i in range(1, 2001) if i != 2]
    assert articles[-1].origin == f"{src}:2001"


def test_csv_unclosed_quote_past_line_limit_is_detected(tmp_path):
    """The runaway ends cleanly at a later quoted field: only the line limit can tell."""
    src = tmp_path / "a.csv"
    _csv(src, 2000, broken=2)
    items = _read(src, max_record_lines=100)
    _check_recovered(items, src, 2000, 2)
    assert "past 100 lines" in _split(items)[1][0].reason


def test_csv_unclosed_quote_past_record_size_is_detected(tmp_path):
    src = tmp_path / "a.csv"
    _csv(src, 2000, broken=2)
    _check_recovered(_read(src, max_record_bytes=4096), src, 2000, 2)


def test_csv_unclosed_quote_on_last_line_rejected(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(f"id,text\na1,{TEXT}\na2,\"{TEXT}\n")
    articles, rejects = _split(_read(src))
    assert [a.id for a in articles] == ["a1"]
    assert [(r.item, r.code) for r in rejects] == [(f"{src}:3", "E107")]


def test_csv_legit_multiline_quoted_rows_are_kept(tmp_path):
    src = tmp_path / "a.csv"
    para = "\n".join(f"Paragraph {k}, with a comma and a \"\"quote\"\"." for k in range(50))
    src.write_text("id,title,text\n" + "".join(f'a{i},"T, {i}","{TEXT}\n{para}"\n' for i in range(20)))
    articles, rejects = _split(_read(src))
    assert rejects == [] and len(articles) == 20
    assert articles[1].origin == f"{src}:{2 + 51}" and '"quote"' in articles[1].text
