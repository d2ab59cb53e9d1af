"""Text classifiers handed to a coder (sentence_types.TextClassifiers): training's cross-fitting hook."""
from __future__ import annotations

from detente.events.decider import Decider, article_probability, candidate_features
from detente.events.sentence_types import (SentenceTypes, TextClassifiers, sentence_probabilities_of,
                                           sentence_type_probabilities)
from detente.models import Article
from detente.testing.events import make_event

# A whole article (>= 50 words) of the classifiers' own making, no gold text.
BODY = ("The harbour board met on Tuesday to review the new ferry timetable for the coming winter. "
        "Officials said the morning boats would leave earlier and that the evening service would stop "
        "at the northern pier. Local shop owners welcomed the change, saying more visitors would "
        "reach the old town before noon. The board will publish the final plan next month after a "
        "short consultation with residents and traders.")


def _constant(label_logit: float, labels: tuple[str, ...] = ("ANY", "PROTEST")) -> SentenceTypes:
    """A model that gives every text the same probability for ``labels`` (intercept only)."""
    return SentenceTypes(idf={}, classes={lab: (label_logit, {}) for lab in labels}, meta={})


def test_injected_classifiers_replace_the_shipped_ones_and_cache_per_instance():
    sure = TextClassifiers(_constant(8.0), _constant(-8.0, ("ANY",)))
    p = sentence_probabilities_of("The ferry left on time.", sure)
    assert p is not None and p["PROTEST"] > 0.99
    assert sentence_probabilities_of("The ferry left on time.", sure) is p  # cached
    assert sentence_probabilities_of("The ferry left on time.") == sentence_type_probabilities("The ferry left on time.")
    assert article_probability(BODY, sure) is not None and article_probability(BODY, sure) < 0.01
    assert article_probability("Too short.", sure) is None  # a lone sentence is never judged
    empty = TextClassifiers(None, None)
    assert sentence_probabilities_of("The ferry left on time.", empty) is None
    assert article_probability(BODY, empty) is None


def test_decider_features_and_gate_read_the_injected_classifiers():
    event = make_event(event_id="e", sentence_index=1, sentence_text="Officials said the boats would leave.",
                       trigger="said", date_precision="publication", source="GBR", target="FRA", cameo="040",
                       rule="consult.meet", confidence=0.5)
    unsure = TextClassifiers(_constant(-8.0, ("ANY", "CONSULT")), _constant(-8.0, ("ANY",)))
    feats, probs = candidate_features([event], BODY, article_probability(BODY, unsure), unsure)
    assert feats[0]["p_type"] < 0.01 and feats[0]["p_article"] < 0.01
    gate = Decider(weights={}, bias=0.0, threshold=0.0, meta={}, article_threshold=0.5)
    assert gate.decide([event], BODY, unsure) == []  # the injected article model is under the gate
    sure = TextClassifiers(_constant(8.0, ("ANY", "CONSULT")), _constant(8.0, ("ANY",)))
    assert len(gate.decide([event], BODY, sure)) == 1


def test_a_coder_proposes_from_its_own_sentence_classifier():
    from detente.pipeline import Coder, CoderSettings

    article = Article(id="ferry", title="Ferry timetable changes", text=BODY)
    settings = CoderSettings(decider=False, propose=True)
    sure = Coder(settings=settings, text_classifiers=TextClassifiers(_constant(8.0), _constant(8.0, ("ANY",))))
    never = Coder(settings=settings, text_classifiers=TextClassifiers(_constant(-8.0), _constant(8.0, ("ANY",))))
    assert any((e.rule or "") == "model.protest" for e in sure.code(article))
    assert not any((e.rule or "").startswith("model.") for e in never.code(article))
