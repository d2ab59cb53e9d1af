"""The English check: stop-word ratios for clear cases, langdetect (seeded) only when unsure."""
from __future__ import annotations

import pytest

from detente.ingest import language
from detente.ingest.language import detect_non_english, stop_word_ratios, stop_words

ENGLISH = (
    "Turkish Foreign Minister Hakan Fidan met U.S. Secretary of State Marco Rubio in Washington "
    "on Tuesday, and the two ministers said they would work to remove the barriers that have "
    "held back defence industry cooperation between the two NATO allies."
)


def test_language_english_news_accepted_without_langdetect(monkeypatch):
    monkeypatch.setattr(language, "_langdetect", lambda text: pytest.fail("langdetect called"))
    assert detect_non_english(ENGLISH) is None


def test_language_short_latin_text_unsure_by_stop_words_skips_langdetect(monkeypatch):
    # 13 words, 17% English stop words (unsure): too short for langdetect to be trusted in Latin script
    short = "Turkey's foreign minister met the Greek prime minister in Athens on Tuesday."
    n, ratios = stop_word_ratios(short)
    assert n < language.LANGDETECT_MIN_WORDS and language.EN_DOUBT <= ratios["en"] < language.EN_SURE
    monkeypatch.setattr(language, "_langdetect", lambda text: pytest.fail("langdetect called"))
    assert detect_non_english(short) is None


def test_language_terse_english_table_accepted():
    # langdetect alone calls this Swedish; nothing backs that up, so it stays.
    table = ("Shr 45 cts vs 58 cts\n\nNet 1.1 mln vs 829,000\n\nSales 7.9 mln vs 9.4 mln\n\n"
             "Avg shrs 2,332,397 vs 1,428,000\n\nNine mths\n\nShr 3.07 dlrs vs 2.50 dlrs")
    assert detect_non_english(table) is None


@pytest.mark.parametrize(("text", "lang"), [
    ("Der Kanzler sagte am Dienstag in Berlin, dass die Regierung mit den Ländern über weitere "
     "Schritte gegen die Inflation sprechen werde.", "de"),
    ("Le président de la République a rencontré mardi le Premier ministre pour discuter de la "
     "réforme des retraites, selon un communiqué.", "fr"),
    ("El presidente del Gobierno se reunió el martes con los líderes de la oposición para hablar "
     "sobre la crisis.", "es"),
    ("Президент России Владимир Путин заявил во вторник, что Москва готова к переговорам с Киевом "
     "о прекращении огня.", "ru"),
])
def test_language_other_languages_detected(text, lang):
    assert detect_non_english(text) == lang


def test_language_short_text_is_not_judged():
    assert detect_non_english("Merkel besucht Paris") is None


def test_language_langdetect_is_deterministic():
    text = "Президент заявил, что переговоры продолжатся на следующей неделе в Стамбуле."
    assert len({detect_non_english(text) for _ in range(5)}) == 1


def test_language_stopword_data_is_valid():
    table = stop_words()
    assert "en" in table and all(len(words) >= 20 for words in table.values())
    n, ratios = stop_word_ratios(ENGLISH)
    assert n > 30 and ratios["en"] > language.EN_SURE
