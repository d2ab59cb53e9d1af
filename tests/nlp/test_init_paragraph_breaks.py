"""detente_paragraph_breaks marks the token after each line break as a sentence start, exactly as a
plain walk over every token would."""
from __future__ import annotations

from detente.nlp import load_nlp, paragraph_breaks

TEXTS = [
    "Iran Warns Israel\nTEHRAN (Reuters) - Iran warned Israel on Monday.\n\nThe talks  failed.\n",
    "One line only, no break.",
    "\nStarts with a break\n\n\n  and spaces \n",
    "",
    "Title\r\nBody text here.\n- a list item\n- another",
]


def _plain(doc):
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def test_init_paragraph_breaks_equal_plain_walk():
    tokenizer = load_nlp().tokenizer
    for text in TEXTS:
        fast, plain = paragraph_breaks(tokenizer(text)), _plain(tokenizer(text))
        assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in plain], text


def test_init_paragraph_breaks_start_a_sentence_after_a_line_break():
    doc = paragraph_breaks(load_nlp().tokenizer("Iran Warns Israel\nTEHRAN said no."))
    assert doc[4].text == "TEHRAN" and doc[4].is_sent_start is True
