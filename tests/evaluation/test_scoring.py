"""Metric computations on hand-made gold and fake predictions."""
from __future__ import annotations

import datetime as dt

import pytest

from detente.evaluation import evaluate
from detente.evaluation.gold import parse_record


def rec(rid, text, events, date="2025-01-10"):
    return parse_record({"id": rid, "text": text, "date": date, "events": events}, rid, f"mem:{rid}")


@pytest.fixture
def three(ev, fake_coder):
    gold = [
        rec("r1", "S1", [{"source": "USA", "target": "RUS", "cameo": "057", "plover": "AGREE"},
                         {"source": "USA", "target": "RUS", "cameo": "040", "plover": "CONSULT"}]),
        rec("r2", "S2", [{"source": "ISRMIL", "target": "PSE", "cameo": "190", "plover": "ASSAULT",
                          "date": "2025-01-09"}]),
        rec("r3", "S3", []),
    ]
    coder = fake_coder({
        "S1": [ev("AGREE", "057", "USAGOV", "RUSGOV"), ev("ACCUSE", "112", "USA", "RUS")],
        "S2": [ev("ASSAULT", "190", "ISRMIL", "PSE", date=dt.date(2025, 1, 10))],
        "S3": [ev("PROTEST", "141", "FRA", "")],
    })
    return evaluate(gold, coder=coder)


def test_scoring_event_type_precision_recall_f1(three):
    s = three.summary()
    assert s["n"] == 3
    assert s["event_type"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    assert s["gold_events"] == 3 and s["predicted_events"] == 4


def test_scoring_cameo_root_and_full_event(three):
    s = three.summary()
    assert s["cameo_root"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    assert s["full_event"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714}


def test_scoring_actor_accuracy_country_and_full_code(three):
    s = three.summary()
    assert s["source_actor"] == {"country_accuracy": 1.0, "code_accuracy": 0.5}  # USA != USAGOV
    assert s["target_actor"] == {"country_accuracy": 1.0, "code_accuracy": 0.5}  # RUS != RUSGOV


def test_scoring_date_accuracy_only_where_gold_has_date(three):
    assert three.summary()["date_accuracy"] == 0.0  # one dated gold event, predicted a day late


def test_scoring_by_type_table(three):
    by = three.summary()["by_type"]
    assert by["AGREE"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert by["CONSULT"] == {"precision": None, "recall": 0.0, "f1": 0.0, "support": 1}
    assert by["ACCUSE"] == {"precision": 0.0, "recall": None, "f1": 0.0, "support": 0}
    assert "COERCE" not in by


def test_scoring_confusion_misses_and_false_alarms(three):
    s = three.summary()
    assert s["confusion"]["AGREE"] == {"AGREE": 1}
    assert s["confusion"]["CONSULT"] == {"ACCUSE": 1}
    assert s["confusion"]["(none)"] == {"PROTEST": 1}
    misses = three.scores.misses
    assert [(m["id"], m["type"], m["text"]) for m in misses] == [("r1", "CONSULT", "S1")]
    assert sorted((f["id"], f["type"]) for f in three.scores.false_alarms) == [("r1", "ACCUSE"), ("r3", "PROTEST")]


def test_scoring_wrong_source_country_counts_against_actor_and_full_event(ev, fake_coder):
    gold = [rec("r", "S", [{"source": "CHN", "target": "TWN", "cameo": "150", "plover": "MOBILIZE"}])]
    s = evaluate(gold, coder=fake_coder({"S": [ev("MOBILIZE", "150", "TWN", "CHN")]})).summary()
    assert s["event_type"]["f1"] == 1.0
    assert s["source_actor"]["country_accuracy"] == 0.0
    assert s["full_event"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_scoring_best_prediction_is_chosen_for_actor_accuracy(ev, fake_coder):
    gold = [rec("r", "S", [{"source": "TUR", "target": "USA", "plover": "CONSULT"}])]
    preds = [ev("CONSULT", "040", "USA", "TUR"), ev("CONSULT", "040", "TURGOV", "USAGOV")]
    s = evaluate(gold, coder=fake_coder({"S": preds})).summary()
    assert s["source_actor"]["country_accuracy"] == 1.0
    assert s["full_event"]["recall"] == 1.0 and s["full_event"]["precision"] == 0.5


def test_scoring_gold_without_target_matches_on_type_and_source(ev, fake_coder):
    gold = [rec("r", "S", [{"source": "SDNREB", "plover": "ASSAULT"}])]
    s = evaluate(gold, coder=fake_coder({"S": [ev("ASSAULT", "190", "SDNREB", "SDNCVL")]})).summary()
    assert s["full_event"]["f1"] == 1.0
    assert s["target_actor"]["country_accuracy"] is None  # no gold target to score


def test_scoring_compound_gold_actor_matches_any(ev, fake_coder):
    gold = [rec("r", "S", [{"source": ["FRA", "DEU"], "target": "UKR", "plover": "AID"}])]
    s = evaluate(gold, coder=fake_coder({"S": [ev("AID", "070", "DEUGOV", "UKR")]})).summary()
    assert s["source_actor"]["country_accuracy"] == 1.0 and s["full_event"]["f1"] == 1.0


def test_scoring_igo_generic_gold_code_matches_any_igo(ev, fake_coder):
    gsr = parse_record({"id": "g", "text": "S", "event": "DEMAND", "date": "2000-01-01",
                        "source": [{"actorText": "UN", "code": "IGO"}],
                        "target": [{"actorText": "Japan", "code": "JAP", "sector": "GOV"}]}, "g", "mem:1")
    s = evaluate([gsr], coder=fake_coder({"S": [ev("REQUEST", "100", "IGOUNO", "JPNGOV")]})).summary()
    assert s["source_actor"] == {"country_accuracy": 1.0, "code_accuracy": 1.0}
    assert s["target_actor"] == {"country_accuracy": 1.0, "code_accuracy": 1.0}  # JAP == JPN
    s = evaluate([gsr], coder=fake_coder({"S": [ev("REQUEST", "100", "NGOHRI", "JPNMIL")]})).summary()
    assert s["source_actor"]["country_accuracy"] == 1.0  # the GSR's IGO covers NGOs too (gold_rules.yaml)
    assert s["target_actor"] == {"country_accuracy": 1.0, "code_accuracy": 0.0}
    s = evaluate([gsr], coder=fake_coder({"S": [ev("REQUEST", "100", "USAGOV", "JPNGOV")]})).summary()
    assert s["source_actor"]["country_accuracy"] == 0.0  # but not a state


def test_scoring_specific_igo_code_needs_its_agent_at_full_code_level(ev, fake_coder):
    gold = [rec("r", "S", [{"source": "IGOUNO", "target": "SDN", "plover": "AID"}])]
    s = evaluate(gold, coder=fake_coder({"S": [ev("AID", "070", "IGOWSTNAT", "SDN")]})).summary()
    assert s["source_actor"] == {"country_accuracy": 1.0, "code_accuracy": 0.0}


def test_scoring_non_factual_predictions_only_match_same_mode(ev, fake_coder):
    gold = [rec("neg", "N", [{"source": "RUS", "target": "UKR", "plover": "ASSAULT", "mode": "negation"}]),
            rec("plain", "P", [{"source": "RUS", "target": "UKR", "plover": "ASSAULT"}])]
    coder = fake_coder({"N": [ev("ASSAULT", "190", "RUS", "UKR")],
                        "P": [ev("ASSAULT", "190", "RUS", "UKR", mode="future")]})
    s = evaluate(gold, coder=coder).summary()
    assert s["event_type"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    coder = fake_coder({"N": [ev("ASSAULT", "190", "RUS", "UKR", mode="negation")],
                        "P": [ev("ASSAULT", "190", "RUS", "UKR")]})
    assert evaluate(gold, coder=coder).summary()["event_type"]["f1"] == 1.0


def test_scoring_gsr_ignores_non_factual_predictions(ev, fake_coder):
    gsr = parse_record({"id": "g", "text": "S", "event": "FIGHT", "source": [{"code": "SRB", "sector": "MIL"}]},
                       "g", "mem:1")
    coder = fake_coder({"S": [ev("ASSAULT", "190", "SRBMIL", ""), ev("THREATEN", "138", "SRB", "", mode="future")]})
    s = evaluate([gsr], coder=coder).summary()
    assert s["event_type"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert s["cameo_root"] == {"precision": None, "recall": None, "f1": None}  # GSR has no CAMEO codes


def test_scoring_coder_exception_counts_as_no_prediction(ev, fake_coder):
    gold = [rec("a", "A", [{"source": "USA", "plover": "AID"}]), rec("b", "B", [{"source": "USA", "plover": "AID"}])]
    res = evaluate(gold, coder=fake_coder({"A": RuntimeError("boom"), "B": [ev("AID", "070", "USA", "")]}))
    assert res.summary()["event_type"]["recall"] == 0.5
    assert len(res.scores.coder_errors) == 1 and "boom" in res.scores.coder_errors[0]


def test_scoring_plain_function_coder_is_accepted(ev):
    gold = [rec("a", "A", [{"source": "USA", "plover": "AID"}], date="2024-05-01")]
    seen = {}

    def code_article(text, date=None, title=None, id=None):
        seen.update(text=text, date=date, id=id)
        return [ev("AID", "070", "USA", "")]

    assert evaluate(gold, coder=code_article).summary()["event_type"]["f1"] == 1.0
    assert seen == {"text": "A", "date": dt.date(2024, 5, 1), "id": "a"}


def test_scoring_codes_all_sentences_in_one_batch(ev, fake_coder):
    gold = [rec(str(i), f"S{i}", [{"source": "USA", "plover": "AID"}]) for i in range(20)]
    coder = fake_coder({})
    res = evaluate(gold, coder=coder, limit=7)
    assert coder.calls == 1 and res.summary()["n"] == 7
