"""Every rejection: a clear one-line reason, the item named, and the rest of the batch unharmed."""
from __future__ import annotations

import datetime as dt
import json
import resource
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.ingest import MAX_ARTICLE_BYTES, Rejected, read_inputs
from detente.ingest import formats as ingest_formats
from detente.models import Article

ENGLISH = (
    "Turkish Foreign Minister Hakan Fidan met U.S. Secretary of State Marco Rubio in Washington "
    "on Tuesday, and the two ministers said they would work to remove the barriers that have "
    "held back defence industry cooperation between the two NATO allies."
)
GERMAN = (
    "Der türkische Außenminister Hakan Fidan hat sich am Dienstag in Washington mit dem "
    "amerikanischen Außenminister Marco Rubio getroffen. Die beiden Minister sagten, dass sie "
    "die Hindernisse für die Zusammenarbeit in der Rüstungsindustrie beseitigen wollen, die "
    "seit Jahren zwischen den beiden Verbündeten bestehen."
)
MB50 = 50 * 1024 * 1024


def read(*paths, **kw) -> list[Article | Rejected]:
    return list(read_inputs([str(p) for p in paths], **kw))


def rejected(items, n: int = 1) -> list[Rejected]:
    assert len(items) == n and all(isinstance(i, Rejected) for i in items), items
    for r in items:
        assert "\n" not in r.reason and r.reason and r.code.startswith("E1")
    return items


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_rejections_missing_file(tmp_path):
    (r,) = rejected(read(tmp_path / "nope.txt"))
    assert r.item == str(tmp_path / "nope.txt") and r.reason == "no such file or directory"


@pytest.mark.parametrize("name", ["paper.pdf", "memo.docx"])
def test_rejections_unsupported_type(tmp_path, name):
    (r,) = rejected(read(write(tmp_path / name, ENGLISH)))
    assert r.reason == f"unsupported file type {Path(name).suffix}"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  ", "\u200b\ufeff\n".encode()])
def test_rejections_empty(tmp_path, content):
    (r,) = rejected(read(write(tmp_path / "e.txt", content)))
    assert r.reason in ("empty file", "empty text")


def test_rejections_binary_nul(tmp_path):
    (r,) = rejected(read(write(tmp_path / "b.txt", b"Title\nsome text\x00\x01\x02 more")))
    assert r.reason == "binary file (NUL bytes)"


@pytest.mark.parametrize(("magic", "kind"), [(b"%PDF-1.7\n%\xe2\xe3", "PDF"),
                                              (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
                                              (b"PK\x03\x04\x14\x00", "ZIP/Office document")])
def test_rejections_binary_magic(tmp_path, magic, kind):
    (r,) = rejected(read(write(tmp_path / "fake.txt", magic + b" Fidan met Rubio " * 10)))
    assert r.reason == f"binary file ({kind})"


def test_rejections_fake_pdf_in_jsonl(tmp_path):
    (r,) = rejected(read(write(tmp_path / "fake.jsonl", b"%PDF-1.4\n1 0 obj\n")))
    assert r.reason == "binary file (PDF)" and r.item == str(tmp_path / "fake.jsonl")


def test_rejections_invalid_utf8_not_latin1(tmp_path):
    data = "Talks\nDie Gespr".encode() + b"\xe4che in Washington"  # latin-1 "ä"
    (r,) = rejected(read(write(tmp_path / "l1.txt", data)))
    assert r.reason == "not valid UTF-8 (byte 0xe4 at offset 15)"


def test_rejections_utf8_with_bom_is_fine(tmp_path):
    (a,) = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + f"Title\n{ENGLISH}".encode()))
    assert isinstance(a, Article) and a.title == "Title"


def test_rejections_utf8_offset_counts_bom(tmp_path):
    (r,) = rejected(read(write(tmp_path / "bom.txt", b"\xef\xbb\xbfab\xff")))
    assert r.reason == "not valid UTF-8 (byte 0xff at offset 5)"


def test_rejections_50mb_single_line_txt(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(MB50)  # sparse: as big as a real one, without writing 50 MB
    (r,) = rejected(read(p))
    assert r.reason == "too large: 50.0 MB > 10 MB limit"


def test_rejections_50mb_jsonl_line_others_survive(tmp_path):
    p = tmp_path / "huge.jsonl"
    with open(p, "wb") as f:  # written in 1 MiB pieces so the test itself stays small
        f.write(b'{"text": "')
        for _ in range(50):
            f.write(b"a" * (1024 * 1024))
        f.write(b'"}\n' + json.dumps({"text": ENGLISH}).encode() + b"\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r, a = read(p)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert isinstance(r, Rejected) and r.item == f"{p}:1" and r.reason.startswith("too large: 50.0 MB")
    assert isinstance(a, Article) and a.origin == f"{p}:2"
    assert grown_kib < 40 * 1024  # the 50 MB line was never held in memory


def test_rejections_limit_is_ten_mb():
    assert MAX_ARTICLE_BYTES == 10 * 1024 * 1024


def test_rejections_german_article(tmp_path):
    p = write(tmp_path / "de.txt", f"Gespräche in Washington\n{GERMAN}")
    (r,) = rejected(read(p))
    assert r.reason == "not English (detected: de)" and r.code == "E108"
    (a,) = read(p, check_language=False)
    assert isinstance(a, Article)


def test_rejections_jsonl_bad_lines_others_come_through(tmp_path):
    lines = [
        json.dumps({"id": "1", "text": ENGLISH}),
        "{not json",
        json.dumps({"id": "3", "title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "5", "text": "   "}),
        json.dumps({"id": "6", "text": 42}),
        json.dumps({"id": "7", "text": ENGLISH}),
    ]
    p = write(tmp_path / "mixed.jsonl", "\n".join(lines))
    items = read(p)
    assert [i.id for i in items if isinstance(i, Article)] == ["1", "7"]
    bad = {r.item: r.reason for r in items if isinstance(r, Rejected)}
    assert bad == {
        f"{p}:2": "line is not JSON: Expecting property name enclosed in double quotes (col 2)",
        f"{p}:3": "no 'text' field",
        f"{p}:4": "line is not a JSON object (got array)",
        f"{p}:5": "empty text",
        f"{p}:6": "'text' is not a string (int)",
    }


def test_rejections_jsonl_invalid_utf8_line(tmp_path):
    p = write(tmp_path / "u.jsonl", b'{"text": "caf\xe9"}\n' + json.dumps({"text": ENGLISH}).encode())
    r, a = read(p)
    assert isinstance(r, Rejected) and r.item == f"{p}:1" and r.reason == "not valid UTF-8 (byte 0xe9 at offset 13)"
    assert isinstance(a, Article)


def test_rejections_jsonl_lone_surrogate(tmp_path):
    (r,) = rejected(read(write(tmp_path / "s.jsonl", '{"text": "bad \\ud800 text"}')))
    assert r.reason == "invalid Unicode (lone surrogate \\ud800)"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""


def test_rejections_billion_laughs_feed(tmp_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (r,) = rejected(read(write(tmp_path / "laughs.rss", BILLION_LAUGHS)))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert r.reason.startswith("unsafe XML refused") and r.code == "E109"
    assert grown_kib < 100 * 1024  # 10^9 "lol"s were never expanded


def test_rejections_external_entity_feed(tmp_path):
    secret = write(tmp_path / "secret.txt", "TOP SECRET")
    xxe = f"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><item><title>&x;</title><description>&x; {ENGLISH}</description></item></channel></rss>"""
    (r,) = rejected(read(write(tmp_path / "xxe.xml", xxe)))
    assert r.reason.startswith("unsafe XML refused")


def test_rejections_feed_bytes_are_never_a_path(tmp_path):
    secret = write(tmp_path / "secret.rss", f"<rss><channel><item><description>{ENGLISH}</description></item></channel></rss>")
    (r,) = rejected(read(write(tmp_path / "pointer.xml", str(secret))))
    assert r.reason.startswith("not an RSS/Atom feed")


def test_rejections_not_a_feed(tmp_path):
    (r,) = rejected(read(write(tmp_path / "x.xml", "<root><a>b</a></root>")))
    assert r.reason.startswith("not an RSS/Atom feed")


def test_rejections_bad_json_file(tmp_path):
    (r,) = rejected(read(write(tmp_path / "x.json", "[{]")))
    assert r.reason.startswith("not JSON:")
    (r,) = rejected(read(write(tmp_path / "y.json", '"a string"')))
    assert r.reason == "JSON must be a list of objects (got string)"


def test_rejections_batch_goes_on(tmp_path):
    good = write(tmp_path / "good.txt", f"Good\n{ENGLISH}")
    items = read(tmp_path / "missing.txt", write(tmp_path / "bin.txt", b"\x00\x00"), good)
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Article"]


def test_rejections_reader_bug_is_contained(tmp_path, monkeypatch):
    from detente.ingest import readers

    def boom(item, data, opts):
        raise RuntimeError("simulated bug\nsecond line")

    monkeypatch.setitem(readers._WHOLE_ARTICLE, ".txt", boom)
    good = write(tmp_path / "good.jsonl", json.dumps({"text": ENGLISH}))
    r, a = read(write(tmp_path / "a.txt", ENGLISH), good)
    assert isinstance(r, Rejected) and r.code == "E199" and "RuntimeError: simulated bug second line" in r.reason
    assert isinstance(a, Article)


def test_rejections_misuse_raises():
    with pytest.raises(InputError):
        read_inputs("one/path.txt")
    with pytest.raises(InputError):
        read_inputs([], default_date="2025-03-26")


def test_rejections_datetime_default_date_is_a_date(tmp_path):
    (a,) = read(write(tmp_path / "a.txt", ENGLISH), default_date=dt.datetime(2025, 3, 26, 12))
    assert a.date == dt.date(2025, 3, 26)


def test_rejections_str_is_one_line():
    assert str(Rejected("f.txt", "empty text", "E106")) == "[E106] f.txt: empty text"


def test_rejections_csv_date_parser_is_lenient():
    assert ingest_formats.parse_date("2025-03-26T10:00:00+02:00") == dt.date(2025, 3, 26)
    assert ingest_formats.parse_date("26 March") is None
