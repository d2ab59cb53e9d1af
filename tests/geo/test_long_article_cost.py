"""Locating events in a long article stays linear: doc.text is read once, entities come from IOB tags."""
from __future__ import annotations

from types import SimpleNamespace

from detente.geo.locate import _place_name, dateline_spans


class CountingDoc:
    """A Doc stand-in whose ``text`` (rebuilt from tokens by spaCy on every access) counts its reads."""

    def __init__(self, text: str):
        self._text, self.reads, self.user_data = text, 0, {}

    @property
    def text(self) -> str:
        self.reads += 1
        return self._text


def test_dateline_spans_reads_the_text_once_and_keeps_only_the_head():
    lines = [f"PLACE{i} - something happened there." for i in range(500)]
    doc = CountingDoc("\n".join(lines))
    spans = dateline_spans(doc)
    assert doc.reads == 1  # was one read per matching line: O(lines x length)
    assert [doc._text[s:e] for s, e in spans] == ["PLACE0", "PLACE1", "PLACE2", "PLACE3"]
    assert dateline_spans(doc) is spans and doc.reads == 1  # cached per Doc


class Tok(SimpleNamespace):
    pass


class EntDoc(list):
    @property
    def ents(self):  # the old code scanned every entity of the article for every event
        raise AssertionError("doc.ents must not be scanned per event")

    def __getitem__(self, key):
        if isinstance(key, slice):
            return SimpleNamespace(text=" ".join(t.text for t in list.__getitem__(self, key)))
        return list.__getitem__(self, key)


def test_place_name_takes_the_entity_around_the_token_from_iob_tags():
    doc = EntDoc()
    for i, (text, iob, typ) in enumerate([("in", "O", ""), ("New", "B", "GPE"), ("South", "I", "GPE"),
                                          ("Wales", "I", "GPE"), ("Sydney", "B", "GPE")]):
        doc.append(Tok(i=i, text=text, ent_iob_=iob, ent_type_=typ, doc=doc, pos_="PROPN", children=[]))
    assert _place_name(doc[2], {"GPE"}) == ("New South Wales", True)
    assert _place_name(doc[1], {"LOC"}) == ("New South Wales", False)
    assert _place_name(doc[4], {"GPE"}) == ("Sydney", True)
