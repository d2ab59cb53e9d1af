"""DocActors lookups use a token index: the mentions are not rescanned for every looked-up token."""
from __future__ import annotations

from types import SimpleNamespace

from detente.actors.finder import DocActors
from detente.actors.mention import ActorMention


class CountingList(list):
    def __init__(self, items):
        super().__init__(items)
        self.scans = 0

    def __iter__(self):
        self.scans += 1
        return super().__iter__()


def mention(start: int, end: int, head: int) -> ActorMention:
    return ActorMention(start=start, end=end, start_char=start * 5, end_char=end * 5, text=f"m{start}",
                        entry_id=f"country:X{start}", kind="country", head_i=head)


def tok(i: int, children=()):
    return SimpleNamespace(i=i, children=list(children), conjuncts=(), dep_="nsubj")


def test_for_token_uses_the_index_and_gives_the_same_answers():
    ms = CountingList([mention(2 * k, 2 * k + 1, 2 * k) for k in range(400)] + [mention(900, 902, 905)])
    actors = DocActors(doc=None, mentions=ms)
    for k in range(400):
        assert actors.for_token(tok(2 * k)) == [ms[k]]
    assert actors.for_token(tok(905)) == [ms[-1]]  # a mention headed outside its span
    # a token with no own mention: mentions inside its subtree (not behind a prep), sorted by position
    sub = tok(1, children=[SimpleNamespace(i=6, children=[], dep_="amod"), SimpleNamespace(i=4, children=[], dep_="compound"),
                           SimpleNamespace(i=8, children=[], dep_="prep")])
    assert actors.for_token(sub) == [ms[2], ms[3]]
    assert ms.scans <= 2  # was one scan per lookup (401 + 2): quadratic on long articles
