"""Cross-article dedup: same event merged, different events kept apart, determinism."""
from __future__ import annotations

import datetime as dt
import random

from conftest import article
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.store import DedupConfig, Store
from detente.store.dedup import MentionKey, cluster_block


def _events(store):
    return store.events().sort_values(["date", "cameo_code", "source_code"]).reset_index(drop=True)


def test_store_dedup_merges_same_meeting_reported_differently(store, coder):
    # Three outlets report the Fidan-Rubio meeting; one dates it a day later, one gives the place.
    store.ingest([
        article("ap", "EVENT TURGOV USAGOV 036 2025-03-25 day", source="AP",
                lead="Turkish Foreign Minister Hakan Fidan met Marco Rubio in Washington on Tuesday."),
        article("rt", "EVENT TURGOV USAGOV 0361 2025-03-26 day loc=USA lat=38.9 lon=-77.0", source="Reuters",
                lead="Fidan and Rubio held talks on Wednesday at the State Department."),
        article("aa", "EVENT TURGOV USAGOV 036 2025-03-25 day", source="Anadolu",
                lead="Minister Fidan, visiting the U.S. capital, sat down with his counterpart."),
        article("ap2", "EVENT TURGOV USAGOV 036 2025-03-25 day", source="AP",
                lead="A second AP story recalls the same meeting."),
    ], coder)
    ev = _events(store)
    assert len(ev) == 1
    e = ev.iloc[0]
    assert (e.num_mentions, e.num_articles, e.num_sources) == (4, 4, 3)
    assert e.date.date() == dt.date(2025, 3, 25)  # the earliest report anchors the event
    assert e.location_country == "USA" and e.lat == 38.9  # the place comes from the one that gave it
    links = store.query("SELECT count(*) FROM event_mentions WHERE event_id = ?", [e.event_id])
    assert links[0][0] == 4
    assert len(store.mentions_of(e.event_id)) == 4


def test_store_dedup_an_inferred_place_neither_splits_nor_places_an_event(store, coder):
    # One outlet gives the place; another's coder only guessed a country from the actors (geo/infer.py).
    store.ingest([
        article("g1", "EVENT IRNGOV IRQGOV 036 2025-03-25 day loc=IRQ inferred=1", source="AP",
                lead="Iran's foreign minister met his Iraqi counterpart."),
        article("g2", "EVENT IRNGOV IRQGOV 036 2025-03-25 day loc=CHE lat=46.2 lon=6.1", source="Reuters",
                lead="The two ministers met in Geneva."),
        article("g3", "EVENT SYRGOV LBNGOV 036 2025-03-25 day loc=LBN inferred=1", source="AP",
                lead="Syria's minister met Lebanon's."),
    ], coder)
    ev = _events(store)
    assert len(ev) == 2
    met = ev[ev.source_code == "IRNGOV"].iloc[0]
    assert met.num_mentions == 2 and met.location_country == "CHE" and met.lat == 46.2  # the text's place wins
    guessed = ev[ev.source_code == "SYRGOV"].iloc[0]
    assert guessed.location_country == "LBN"  # no text gave a place: the guess stays


def test_store_dedup_keeps_different_events_apart(store, coder):
    store.ingest([
        article("a", "EVENT TURGOV USAGOV 036 2025-03-25 day loc=TUR"),
        article("b", "EVENT USAGOV TURGOV 036 2025-03-25 day"),          # reversed dyad
        article("c", "EVENT TURGOV USAGOV 042 2025-03-25 day"),          # other base code
        article("d", "EVENT TURGOV USAGOV 036 2025-03-30 day"),          # five days later
        article("e", "EVENT TURGOV USAGOV 036 2025-03-25 day loc=SYR"),  # incompatible place
        article("f", "EVENT TURGOV GRCGOV 036 2025-03-25 day"),          # other target
    ], coder)
    ev = store.events()
    assert len(ev) == 6
    assert set(ev.num_mentions) == {1}


def test_store_dedup_historical_recall_joins_original_event(store, coder):
    store.ingest([
        article("orig", "EVENT RUSMIL UKR 190 2022-02-24 day", date="2022-02-24"),
        article("recall", "EVENT RUSMIL UKR 190 2022-02-24 day hist=1", date="2025-02-24",
                lead="Three years after Russia invaded Ukraine on February 24, 2022, ..."),
        article("vague", "EVENT RUSMIL UKR 190 2022-02-01 month hist=1", date="2025-03-01",
                lead="Russia invaded Ukraine in February 2022."),
    ], coder)
    ev = store.events()
    assert len(ev) == 1
    assert ev.iloc[0].date.date() == dt.date(2022, 2, 24) and ev.iloc[0].num_articles == 3


def test_store_dedup_never_merges_non_factual(store, coder):
    store.ingest([
        article("a", "EVENT TURGOV USAGOV 036 2025-03-25 day"),
        article("b", "EVENT TURGOV USAGOV 036 2025-03-25 day mode=negation"),
        article("c", "EVENT TURGOV USAGOV 036 2025-03-25 day mode=future"),
        article("d", "EVENT TURGOV USAGOV 036 2025-03-25 day mode=future"),
    ], coder)
    ev = store.events()
    assert len(ev) == 4
    assert sorted(ev.factual) == [False, False, False, True]
    assert len(store.events(factual=True)) == 1


def test_store_dedup_window_is_configurable(tmp_path, coder):
    arts = [article("a", "EVENT TURGOV USAGOV 036 2025-03-25 day"),
            article("b", "EVENT TURGOV USAGOV 036 2025-03-28 day")]
    with Store(tmp_path / "w1.duckdb") as s:
        s.ingest(arts, coder)
        assert len(s.events()) == 2
    with Store(tmp_path / "w3.duckdb", dedup=DedupConfig(day_window=3)) as s:
        s.ingest(arts, coder)
        assert len(s.events()) == 1


def test_store_dedup_windows_anchor_on_first_report(coder):
    # a chain of daily reports does not snowball into one event: the window is measured from the anchor
    keys = [MentionKey(f"m{i}", f"a{i}", 0, 0, dt.date(2025, 3, 1) + dt.timedelta(days=i), "day", "", "")
            for i in range(4)]
    clusters = cluster_block(keys, DedupConfig(day_window=1))
    assert [len(c.members) for c in clusters] == [2, 2]


_dates = st.dates(min_value=dt.date(2024, 12, 20), max_value=dt.date(2025, 1, 15))
_mention = st.tuples(_dates, st.sampled_from(["day", "day", "publication", "week", "month", "year"]),
                     st.sampled_from(["", "", "TUR", "SYR"]), st.sampled_from(["AP", "Reuters", ""]),
                     st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(_mention, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_store_dedup_clusters_do_not_depend_on_input_order(specs, rnd):
    keys = [MentionKey(f"m{i}", f"a{i % 7}", i, i * 10, None if undated else d, prec, loc, src)
            for i, (d, prec, loc, src, undated) in enumerate(specs)]
    shuffled = keys[:]
    rnd.shuffle(shuffled)

    def canon(cs):
        return sorted((c.event_id, sorted(m.mention_id for m in c.members)) for c in cs)

    a, b = canon(cluster_block(keys)), canon(cluster_block(shuffled))
    assert a == b
    assert sorted(m for _, ms in a for m in ms) == sorted(k.mention_id for k in keys)  # a partition


def test_store_dedup_same_events_for_any_batch_split_and_order(tmp_path, coder):
    arts = [article(f"n{i}", f"EVENT TURGOV USAGOV 036 2025-03-{20 + i % 5:02d} day",
                    f"EVENT USA IRN 163 2025-0{1 + i % 3}-05 day", source=["AP", "AFP", "Reuters"][i % 3])
            for i in range(20)]
    with Store(tmp_path / "a.duckdb") as s:
        s.ingest(arts, coder, batch_size=100)
        ref = sorted(map(tuple, s.query("SELECT event_id, num_mentions, num_articles, num_sources FROM events")))
    shuffled = arts[:]
    random.Random(7).shuffle(shuffled)
    with Store(tmp_path / "b.duckdb") as s:
        s.ingest(shuffled, coder, batch_size=3)
        got = sorted(map(tuple, s.query("SELECT event_id, num_mentions, num_articles, num_sources FROM events")))
    assert got == ref
