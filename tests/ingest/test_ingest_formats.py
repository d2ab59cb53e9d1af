"""Each input format -> Article fields, stdin, directories and order stability."""
from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from detente.ingest import Rejected, read_inputs
from detente.models import Article, stable_id

D = dt.date(2025, 3, 26)
ENGLISH = (
    "Turkish Foreign Minister Hakan Fidan met U.S. Secretary of State Marco Rubio in Washington "
    "on Tuesday, and the two ministers said they would work to remove the barriers that have "
    "held back defence industry cooperation between the two NATO allies."
)
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "acceptance" / "seed" / "article.txt"


def read(*paths, **kw) -> list[Article | Rejected]:
    kw.setdefault("default_date", D)
    return list(read_inputs([str(p) for p in paths], **kw))


def only_article(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_readers_txt_title_body_id_date(tmp_path):
    p = write(tmp_path / "a.txt", f"\n\nTalks in Washington\n\n{ENGLISH}\n")
    a = only_article(read(p))
    assert a.title == "Talks in Washington"
    assert a.text == ENGLISH
    assert a.date == D
    assert a.origin == str(p)
    assert a.id == stable_id("Talks in Washington", ENGLISH)
    assert only_article(read(p)).id == a.id  # stable


def test_readers_txt_single_line_is_all_text(tmp_path):
    a = only_article(read(write(tmp_path / "one.txt", ENGLISH)))
    assert a.title is None and a.text == ENGLISH


def test_readers_file_without_suffix_is_text(tmp_path):
    a = only_article(read(write(tmp_path / "README", f"Title\n{ENGLISH}")))
    assert a.title == "Title"


def test_readers_seed_article_reads(tmp_path):
    if not SEED.exists():
        pytest.skip("../shared not present")
    a = only_article(read(SEED))
    assert a.title.startswith("Türkiye and U.S. Seek")
    assert "Hakan Fidan" in a.text


def test_readers_normalises_text(tmp_path):
    raw = "\ufeffTitle\r\nTu\u0308r\u200bkiye and the United States agreed.\r\n" + ENGLISH + "\r\n"
    a = only_article(read(write(tmp_path / "n.txt", raw)))
    assert a.title == "Title"
    assert a.text.startswith("T\u00fcrkiye and")  # NFC-composed, zero-width space gone
    assert a.text.split("\n")[1] == ENGLISH
    assert "\u200b" not in a.text and "\r" not in a.text and "\ufeff" not in (a.title + a.text)


def test_readers_jsonl_fields(tmp_path):
    rows = [
        {"id": "a1", "title": "T1", "date": "2024-01-02", "source": "Wire", "url": "http://x/1",
         "text": ENGLISH, "meta": {"k": 1}},
        {"title": "T2", "date": "2024-05-06T10:11:12Z", "text": ENGLISH},
        {"date": "yesterday", "text": ENGLISH},
    ]
    p = write(tmp_path / "a.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    a1, a2, a3 = read(p)
    assert (a1.id, a1.title, a1.date, a1.source, a1.url) == ("a1", "T1", dt.date(2024, 1, 2), "Wire", "http://x/1")
    assert a1.origin == f"{p}:1"
    assert a2.date == dt.date(2024, 5, 6) and a2.id == stable_id("T2", ENGLISH)
    assert a3.date == D and a3.origin == f"{p}:3"  # a bad date falls back, not rejected


def test_readers_ndjson_and_blank_lines(tmp_path):
    p = write(tmp_path / "a.ndjson", "\n" + json.dumps({"text": ENGLISH}) + "\n\n")
    a = only_article(read(p))
    assert a.origin == f"{p}:2"


def test_readers_same_article_same_id_across_formats(tmp_path):
    t = write(tmp_path / "a.txt", f"Talks\n{ENGLISH}")
    j = write(tmp_path / "a.jsonl", json.dumps({"title": "Talks", "text": ENGLISH}))
    assert only_article(read(t)).id == only_article(read(j)).id


def test_readers_json_list(tmp_path):
    p = write(tmp_path / "a.json", json.dumps([{"id": "x", "text": ENGLISH}, 3, {"text": " "}]))
    a, bad_type, empty = read(p)
    assert isinstance(a, Article) and a.id == "x" and a.origin == f"{p}#1"
    assert isinstance(bad_type, Rejected) and bad_type.item == f"{p}#2" and "not a JSON object" in bad_type.reason
    assert isinstance(empty, Rejected) and empty.reason == "empty text"


def test_readers_json_single_object(tmp_path):
    assert only_article(read(write(tmp_path / "a.json", json.dumps({"text": ENGLISH}))))


def test_readers_html_main_text_without_scripts(tmp_path):
    html = f"""<!doctype html><html><head><title>Talks in Washington</title>
    <meta property="article:published_time" content="2025-03-25T09:00:00Z">
    <script>var tracker = "SCRIPT_SECRET";</script><style>p {{color: red}}</style></head>
    <body><nav>Home | World | SCRIPT_NAV</nav>
    <article><h1>Talks in Washington</h1><p>{ENGLISH}</p>
    <script>document.write("SCRIPT_INLINE")</script>
    <p>{ENGLISH.replace("Tuesday", "Wednesday")}</p></article></body></html>"""
    a = only_article(read(write(tmp_path / "page.html", html)))
    assert "Hakan Fidan" in a.text and "Wednesday" in a.text
    assert "SCRIPT" not in a.text
    assert a.title == "Talks in Washington"
    assert not a.text.startswith("Talks in Washington")  # title not repeated in the text
    assert a.date == dt.date(2025, 3, 25)


def test_readers_html_short_page_falls_back(tmp_path):
    html = "<html><body><script>alert('SCRIPT')</script><p>Fidan met Rubio in Washington on Tuesday to talk about the war.</p></body></html>"
    a = only_article(read(write(tmp_path / "short.htm", html)))
    assert "Fidan met Rubio" in a.text and "SCRIPT" not in a.text
    assert a.date == D


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Gulf Observer</title>
<item><title>Talks &amp; more</title><link>http://example.org/1</link><guid>g-1</guid>
<pubDate>Wed, 26 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{ENGLISH} &lt;b&gt;Bold&lt;/b&gt;&lt;script&gt;SCRIPT&lt;/script&gt;&lt;/p&gt;</description></item>
<item><title>No date</title><link>http://example.org/2</link><description>{ENGLISH}</description></item>
<item><title>Empty</title></item>
</channel></rss>"""


def test_readers_rss_items(tmp_path):
    p = write(tmp_path / "feed.xml", RSS)
    a1, a2, empty = read(p, default_date=dt.date(2000, 1, 1))
    assert a1.title == "Talks & more" and a1.url == "http://example.org/1"
    assert a1.date == dt.date(2025, 3, 26) and a1.source == "Gulf Observer"
    assert a1.origin == f"{p}#1" and "<b>" not in a1.text and "Bold" in a1.text and "SCRIPT" not in a1.text
    assert a1.id == stable_id("feed", "g-1")
    assert a2.date == dt.date(2000, 1, 1) and a2.origin == f"{p}#2"
    assert isinstance(empty, Rejected) and empty.item == f"{p}#3"


def test_readers_atom_content(tmp_path):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:feed</id>
<entry><title>Entry</title><id>urn:e1</id><updated>2025-03-24T08:00:00Z</updated>
<link href="http://example.org/e1"/><content type="html">&lt;p&gt;{ENGLISH}&lt;/p&gt;</content></entry></feed>"""
    a = only_article(read(write(tmp_path / "f.atom", atom)))
    assert a.date == dt.date(2025, 3, 24) and a.url == "http://example.org/e1" and a.text == ENGLISH


def test_readers_csv_columns(tmp_path):
    quoted = ENGLISH.replace("Tuesday,", "Tuesday,\n")
    csv_text = (
        "ID,Title,Date,Body,URL\n"
        f'c1,First,2024-02-03,"{ENGLISH}",http://x/1\n'
        f'c2,Second,,"{quoted}",\n'
        ",,,,\n"
        f'c3,Third,bad,"{ENGLISH}",\n'
    )
    p = write(tmp_path / "a.csv", csv_text)
    a1, a2, a3 = read(p)
    assert (a1.id, a1.title, a1.date, a1.url, a1.origin) == ("c1", "First", dt.date(2024, 2, 3), "http://x/1", f"{p}:2")
    assert a2.origin == f"{p}:3" and "\n" in a2.text and a2.date == D
    assert a3.origin == f"{p}:6" and a3.id == "c3"


def test_readers_csv_without_text_column_rejected(tmp_path):
    (r,) = read(write(tmp_path / "a.csv", "id,title\n1,x\n"))
    assert isinstance(r, Rejected) and "no 'text' column" in r.reason


def test_readers_csv_bad_row_does_not_stop_file(tmp_path):
    data = b"text\n" + ENGLISH.encode() + b"\nbad \xff byte in the text of this row\n" + ENGLISH.encode() + b"\n"
    p = write(tmp_path / "a.csv", data)
    a, bad, c = read(p)
    assert isinstance(a, Article) and isinstance(c, Article) and c.origin == f"{p}:4"
    assert isinstance(bad, Rejected) and bad.item == f"{p}:3" and "byte 0xff" in bad.reason


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_readers_stdin_jsonl(monkeypatch):
    _stdin(monkeypatch, b"  \n" + json.dumps({"id": "s1", "text": ENGLISH}).encode() + b"\nnot json\n")
    a, bad = read("-")
    assert a.id == "s1" and a.origin == "<stdin>:2"
    assert isinstance(bad, Rejected) and bad.item == "<stdin>:3" and bad.reason.startswith("line is not JSON")


def test_readers_stdin_text(monkeypatch):
    _stdin(monkeypatch, f"Headline\n\n{ENGLISH}\n".encode())
    a = only_article(read("-"))
    assert a.title == "Headline" and a.origin == "<stdin>"


def test_readers_directory_recursive_sorted(tmp_path):
    write(tmp_path / "b.txt", f"B\n{ENGLISH}")
    write(tmp_path / "a" / "z.txt", f"AZ\n{ENGLISH}")
    write(tmp_path / "a" / "c.jsonl", json.dumps({"title": "AC", "text": ENGLISH}))
    write(tmp_path / "a-b.txt", f"AB\n{ENGLISH}")
    write(tmp_path / ".hidden.txt", f"H\n{ENGLISH}")
    write(tmp_path / ".git" / "x.txt", f"G\n{ENGLISH}")
    titles = [a.title for a in read(tmp_path)]
    assert titles == ["AC", "AZ", "AB", "B"]
    assert [x.origin for x in read(tmp_path)] == [x.origin for x in read(tmp_path)]


def test_readers_paths_in_given_order(tmp_path):
    b = write(tmp_path / "b.txt", f"B\n{ENGLISH}")
    a = write(tmp_path / "a.txt", f"A\n{ENGLISH}")
    assert [x.title for x in read(b, a)] == ["B", "A"]


def test_readers_empty_directory_yields_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    assert read(tmp_path / "empty") == []


def test_readers_are_lazy(tmp_path):
    write(tmp_path / "a.txt", f"A\n{ENGLISH}")
    it = read_inputs([tmp_path / "a.txt", tmp_path / "missing.txt"])
    assert isinstance(next(it), Article)
    assert isinstance(next(it), Rejected)


def test_readers_html_declared_charset_is_honoured(tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body>'
            f"<p>{ENGLISH} The caf\xe9 was closed.</p></body></html>").encode("cp1252")
    a = only_article(read(write(tmp_path / "cp.html", page)))
    assert "café" in a.text


def test_readers_html_undeclared_bad_bytes_rejected(tmp_path):
    page = f"<html><body><p>{ENGLISH} caf\xe9</p></body></html>".encode("cp1252")
    (r,) = read(write(tmp_path / "bad.html", page))
    assert isinstance(r, Rejected) and r.reason.startswith("not valid UTF-8 (byte 0xe9")


def test_readers_stdin_too_large(monkeypatch):
    _stdin(monkeypatch, b"Title\n" + b"word " * (3 * 1024 * 1024))
    (r,) = read("-")
    assert isinstance(r, Rejected) and r.item == "<stdin>" and r.reason == "too large: 15.0 MB > 10 MB limit"


def test_readers_stdin_empty(monkeypatch):
    _stdin(monkeypatch, b"  \n ")
    (r,) = read("-")
    assert isinstance(r, Rejected) and r.reason == "empty text"
