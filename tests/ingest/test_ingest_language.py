"""The cheap English check: function-word share, declared language, short texts left alone."""

from __future__ import annotations

import pytest

from eventwire.ingest import looks_english, non_english_warning
from eventwire.records import Article

ENGLISH = ("The foreign minister said on Monday that the talks with the delegation had been "
           "constructive and that both sides would meet again in Cairo next week to discuss aid.")
FRENCH = ("Le ministre des Affaires étrangères a déclaré lundi que les discussions avec la délégation "
          "avaient été constructives et que les deux parties se retrouveraient au Caire la semaine prochaine.")
GERMAN = ("Der Außenminister sagte am Montag, die Gespräche mit der Delegation seien konstruktiv gewesen "
          "und beide Seiten würden sich nächste Woche in Kairo erneut treffen, um über Hilfe zu sprechen.")
RUSSIAN = ("Министр иностранных дел заявил в понедельник, что переговоры с делегацией были конструктивными "
           "и что стороны снова встретятся в Каире на следующей неделе, чтобы обсудить помощь и поставки.")


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (FRENCH, False), (GERMAN, False), (RUSSIAN, False)])
def test_detection(text: str, english: bool) -> None:
    assert looks_english(text) is english


def test_short_texts_and_headlines_are_not_judged() -> None:
    assert looks_english("Sisi Blinken Cairo Gaza talks")
    assert looks_english("")


def test_warning_names_article_and_position() -> None:
    a = Article(text=FRENCH, id="fr1", position="in.jsonl:3")
    w = non_english_warning(a)
    assert w is not None and w.startswith("article fr1 (in.jsonl:3): text does not look like English")
    assert non_english_warning(Article(text=ENGLISH)) is None


def test_declared_language_wins() -> None:
    assert "language 'fr'" in (non_english_warning(Article(text=ENGLISH, language="fr")) or "")
    assert non_english_warning(Article(text=ENGLISH, language="en-GB")) is None
