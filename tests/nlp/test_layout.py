from detente.events.prefilter import Prefilter, inflections
from detente.nlp.layout import build_layout
from detente.nlp.segment import split_sentences

BODY = "Title line\n\nThe U.S. envoy met Mr. Lavrov on Jan. 5. Prices rose 2 pct. Iran condemned it."


def test_segment_keeps_abbreviations_and_offsets():
    segs = split_sentences(BODY)
    assert [s.text for s in segs] == [
        "Title line", "The U.S. envoy met Mr. Lavrov on Jan. 5.", "Prices rose 2 pct.", "Iran condemned it."]
    for s in segs:
        assert BODY[s.start:s.end] == s.text


def test_layout_maps_offsets_back_and_keeps_sentence_indexes():
    keep = lambda sents: [i != 2 for i in range(len(sents))]  # noqa: E731 - drop "Prices rose"
    lay = build_layout(BODY, keep)
    assert "Prices" not in lay.text
    i = lay.text.index("condemned")
    orig, sent = lay.locate(i)
    assert BODY[orig:orig + 9] == "condemned" and sent == 3
    assert lay.sentence_text(i) == "Iran condemned it."
    assert lay.n_sentences == 4


def test_layout_without_filter_parses_everything():
    lay = build_layout(BODY)
    assert lay.indexes == (0, 1, 2, 3)


def test_prefilter_inflections_and_word_boundaries():
    assert {"met", "meets", "meeting"} <= inflections("meet")
    assert {"imposed", "imposing"} <= inflections("impose")
    pf = Prefilter({"meet", "condemn"})
    assert pf.has_trigger("Ministers met on Monday")
    assert not pf.has_trigger("The metal market was calm")  # "met" inside a word
    assert pf.keep(["a", "b", "c", "Iran condemned it", "e"]) == [False, False, False, True, False]


def test_prefilter_needs_an_actor_word_when_given_a_vocabulary():
    pf = Prefilter({"meet"}, names={"Iran", "US"}, words={"police"})
    assert pf.has_trigger("Shares met resistance") and not pf.has_actor("Shares met resistance")
    assert pf.has_actor("Iran said") and pf.has_actor("police said") and pf.has_actor("they said")
    assert not pf.has_actor("let us go")  # names match as written: "us" is not "US"
    keep = pf.keep(["title", "lead", "Prices met resistance.", "x", "Iran met Iraq."])
    assert keep == [False, False, False, False, True]
    keep = pf.keep(["Talks met", "lead", "x", "Police met them."])  # 'them' refers back
    assert keep == [True, False, True, True]
