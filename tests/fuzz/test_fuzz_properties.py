"""Hypothesis: arbitrary bytes under every supported suffix never escape read_inputs as an exception,
never hit the internal-error path (E199), and every rejection has a code and a one-line reason."""
from __future__ import annotations

import signal
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.ingest import SUPPORTED_SUFFIXES, Rejected, read_inputs

_SUFFIXES = sorted(s for s in SUPPORTED_SUFFIXES if s) + [""]
_PIECES = [b"", b"{", b"}", b"[", b'"text": ', b'"id": 1e999', b"\n", b"\r", b",", b'"', b"\xff", b"\x00",
           b"<!ENTITY x 'y'>", b"<rss><channel><item><description>", b"</item></channel></rss>",
           b"<html><body><p>", b"<script>", b"text,title\n", b"\xef\xbb\xbf", "\u200b\u202e".encode(),
           b"Turkey criticised Greece on Monday, officials said."]
_BYTES = st.one_of(st.binary(max_size=2000),
                   st.lists(st.sampled_from(_PIECES), max_size=40).map(b"".join),
                   st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")))


#: Record containers: an empty JSONL file, a header-only CSV or "[]" hold no records, so nothing to report.
_MAY_HOLD_NO_RECORDS = {".jsonl", ".ndjson", ".csv", ".json"}


class _Hang(BaseException):
    pass


def _alarm(*_):
    raise _Hang()


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=_BYTES, suffix=st.sampled_from(_SUFFIXES))
def test_fuzz_read_inputs_any_bytes_any_suffix(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{suffix}"
        path.write_bytes(data)
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(20)  # a hang fails the example instead of the whole run
        try:
            items = list(read_inputs([path]))
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
    if suffix not in _MAY_HOLD_NO_RECORDS:  # one file = one article (or a feed): always accounted for
        assert items, "every input yields an article or a rejection"
    for it in items:
        if isinstance(it, Rejected):
            assert it.code != "E199", it
            assert it.code.startswith("E1") and it.reason.strip() and "\n" not in it.reason, it
