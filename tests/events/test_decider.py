"""The trained event decider (events/decider.py): features, probabilities, the shipped model, the switch."""
from __future__ import annotations

import json
import math

import pytest

from detente.errors import DataFileError
from detente.events.decider import ArticleContext, Decider, features, load_decider
from detente.models import Event
from detente.testing.events import make_event


def _event(**kw) -> Event:
    base = dict(event_id="e", sentence_index=2, sentence_text="Iraq shelled Iranian towns.", span_start=5,
                trigger="shelled", date_precision="publication", source="IRQMIL", source_agent="MIL",
                target="IRN", cameo="195", rule="fight.shell", confidence=0.8)
    base.update(kw)
    return make_event(**base)


def test_features_name_the_rule_code_actors_and_words():
    ctx = ArticleContext.of("Iraq shelled Iranian towns, the army said. The minister warned.", 1)
    f = features(_event(), ctx, 1)
    for key in ("rule=fight.shell", "rule_family=fight", "cameo=195", "type=ASSAULT", "src_agent=MIL",
                "tgt_agent=-", "has_target=True", "title=False", "w=shelled", "w=iranian"):
        assert key in f, key
    assert f["bias_rule_conf"] == 0.8


def test_article_context_separates_politics_from_sport():
    politics = ArticleContext.of("The minister accused the government of breaking the treaty.", 0)
    sport = ArticleContext.of("The striker scored two goals as the team won the cup match.", 0)
    assert politics.political > sport.political and sport.other > politics.other


def test_probability_is_the_logistic_of_the_weighted_sum():
    d = Decider(weights={"a": 2.0, "b": -1.0}, bias=0.5, threshold=0.5, meta={})
    assert d.probability({"a": 1.0, "b": 1.0, "unknown": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert d.probability({"a": 1e6}) == pytest.approx(1.0)  # bounded, no overflow
    assert d.top_features({"a": 1.0, "b": 1.0}, n=1) == [("a", 2.0)]


def test_decide_rescores_with_the_model_probability():
    d = Decider(weights={"type=ASSAULT": 3.0}, bias=-1.0, threshold=0.5, meta={})
    ((event, p, feats),) = d.decide([_event()], "Iraq shelled Iranian towns.")
    assert p == pytest.approx(1 / (1 + math.exp(-2.0))) and event.confidence == round(p, 3)
    assert "type=ASSAULT" in feats
    why = event.explanation["decision"]  # what `detente explain` prints
    assert "p=0.88" in why and "rule fight.shell gave 0.80" in why and "type=ASSAULT +3.00" in why


@pytest.mark.parametrize("bad", ['{"weights": {}}', '{"weights": [], "bias": 0, "threshold": 0.5}', "not json"])
def test_a_broken_model_file_is_a_data_error(tmp_path, bad):
    path = tmp_path / "m.json"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DataFileError):
        Decider.load(path)


def test_the_shipped_model_loads_and_records_how_it_was_trained():
    d = load_decider()
    assert d is not None and 0.0 <= d.threshold < 1.0 and 0.0 <= d.article_threshold < 1.0
    assert d.weights or d.trees  # a logistic regression or a tree ensemble
    for key in ("model", "seed", "train_examples", "dev_auc", "dev_type", "rules_dev_type_f1", "enabled",
                "dev_threshold_table"):
        assert key in d.meta, key
    json.dumps(d.meta)  # plain data


ARTICLE = ("Iraqi artillery shelled the Iranian border town of Mehran on Monday, killing 12 civilians, "
           "the Iranian news agency said. Tehran accused Baghdad of violating international law and "
           "called on the United Nations Security Council to condemn the attack. Iraq denied the charge "
           "and said its forces had only returned fire after Iranian troops crossed the border overnight.")


def test_the_coder_applies_the_decider_only_when_asked_or_enabled():
    from detente.models import Article
    from detente.pipeline import Coder, CoderSettings

    art = Article(id="x", text=ARTICLE, date=None)
    off = Coder(settings=CoderSettings(decider=False)).code(art)
    on = Coder(settings=CoderSettings(decider=True, decider_threshold=0.0)).code(art)
    assert [e.event_id for e in off if e.plover_type] and len(on) <= len(off)
    d = load_decider()
    typed = [e for e in on if e.plover_type]
    # with the decider on, a typed event's confidence is the model's probability, not the rule's
    if typed:  # (the article relevance gate may drop them all; then nothing is left to compare)
        probs = {e.event_id: round(p, 3) for e, p, _ in d.decide([e for e in off if e.plover_type], art.body)}
        assert all(e.confidence == probs[e.event_id] for e in typed)
    everything_dropped = Coder(settings=CoderSettings(decider=True, decider_threshold=1.01)).code(art)
    assert not [e for e in everything_dropped if e.plover_type]


def test_a_lone_sentence_keeps_the_rules_decisions():
    from detente.models import Article
    from detente.pipeline import Coder, CoderSettings

    art = Article(id="s", text="The European Union will impose tariffs on Chinese electric vehicles from Wednesday.")
    on = Coder(settings=CoderSettings(decider=True, decider_threshold=1.01)).code(art)
    off = Coder(settings=CoderSettings(decider=False)).code(art)
    assert on == off and on


def test_the_article_relevance_gate_drops_sport():
    from detente.events.decider import article_probability

    sport = ("Arsenal beat Chelsea 2-1 in the league on Saturday. The striker scored twice in the second half "
             "and the coach praised his players after the match, saying the team had attacked well and the "
             "title race was open again. The club face Liverpool in the cup next week, when the squad hopes "
             "to welcome back two injured defenders.")
    p_sport, p_politics = article_probability(sport), article_probability(ARTICLE)
    assert p_sport is not None and p_politics is not None and p_sport < p_politics
    assert article_probability("Too short to judge.") is None


def test_validate_checks_the_shipped_models(monkeypatch):
    from detente.events import decider as mod

    assert mod.validate_models() == []
    monkeypatch.setattr(mod, "read_model_json", lambda name, path=None: {"weights": {}, "bias": 0, "threshold": 7}
                        if name == "decider.json" else {"idf": {}, "classes": {}})
    errors = mod.validate_models()
    assert any("[threshold] 7.0 is not a probability" in e for e in errors)
    assert any("no 'ANY' label" in e for e in errors)
