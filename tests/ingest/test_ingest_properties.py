"""Property: whatever bytes land in a file, read_inputs yields Article/Rejected and never raises."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.ingest import Rejected, read_inputs
from detente.models import Article

SUFFIXES = [".txt", ".jsonl", ".csv", ".json", ".xml", ".html", ""]

# Random bytes, plus byte soups built from the pieces that trip readers up.
_PIECES = [b"{", b"}", b'"text"', b":", b",", b"\n", b"\r\n", b"\x00", b"\xff", b"\xef\xbb\xbf",
           b"%PDF-", b"<rss>", b"<item>", b"<!ENTITY", b"&amp;", b'"', b"\\ud800", b"text,title\n",
           "Fidan met Rubio in Washington. ".encode(), "Türkiye ".encode(), b"\xe2\x80\x8b"]
byte_soup = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.sampled_from(_PIECES), max_size=60).map(b"".join),
)
settings_ = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _check(tmp_path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_inputs([path]))
    for item in items:
        assert isinstance(item, (Article, Rejected))
        if isinstance(item, Rejected):
            assert item.reason and "\n" not in item.reason
            assert item.code != "E199", item  # a reader bug, not a rejection
            assert item.item.startswith(str(path))
        else:
            assert item.text.strip() and item.origin.startswith(str(path))


@settings_
@given(data=byte_soup, suffix=st.sampled_from(SUFFIXES))
def test_properties_arbitrary_bytes_never_raise(tmp_path, data, suffix):
    _check(tmp_path, suffix, data)


@settings_
@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "title", "date", "text", "url"]),
                                        st.one_of(st.text(max_size=80), st.integers(), st.none()),
                                        max_size=5), max_size=8))
def test_properties_arbitrary_jsonl_records_never_raise(tmp_path, records):
    data = "\n".join(json.dumps(r) for r in records).encode()
    _check(tmp_path, ".jsonl", data)
