"""The model article's four quotes (shared/examples/cairo-2024-06-10.expected.md).

Speaker names and codes come from the actors stage (names, codes, coreference of "he" and
"the head of American diplomacy"); the cue and speaker-span tests depend on this stage alone.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _direct(ann, start):
    found = [q for q in ann.quotes if q.kind == "direct" and q.content.startswith(start)]
    assert len(found) == 1, [q.content for q in ann.quotes]
    return found[0]


def _speaker_text(ann, q):
    return ann.article.text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else None


def _who(q):
    return f"{q.speaker.entity_text} {q.speaker.name or ''}" if q.speaker else ""


def test_if_you_want_a_ceasefire_is_blinken(cairo):
    q = _direct(cairo, "If you want a ceasefire")
    assert q.content == "If you want a ceasefire, pressure Hamas to say yes"
    assert q.cue == "said"
    assert _speaker_text(cairo, q) == "Mr. Blinken"
    assert "Blinken" in _who(q)


def test_with_or_without_is_blinken_through_he(cairo):
    q = _direct(cairo, "With or without a (truce) agreement")
    assert q.content.endswith("distributed to those who desperately need it")
    assert q.cue == "said"
    assert _speaker_text(cairo, q) == "he"
    assert q.speaker is not None and q.speaker.entity_text == "he"
    assert "Blinken" in (q.speaker.name or "")


def test_very_good_exchange_cue_and_speaker_words(cairo):
    q = _direct(cairo, "a very good exchange")
    assert q.content == "a very good exchange"
    assert q.cue == "declared"
    assert _speaker_text(cairo, q) == "the head of American diplomacy"


def test_very_good_exchange_is_blinken(cairo):
    q = _direct(cairo, "a very good exchange")
    assert q.speaker is not None
    assert q.speaker.entity_text == "the head of American diplomacy"
    assert q.speaker.name == "Antony Blinken"
    assert (q.speaker.code, q.speaker.sector) == ("USA", "GOV")


def test_joint_efforts_cue_and_speaker_words(cairo):
    q = _direct(cairo, "joint efforts")
    assert q.content == "joint efforts to achieve a ceasefire and an exchange of hostages and prisoners"
    assert q.cue == "according to a statement from"
    assert _speaker_text(cairo, q) == "the Egyptian presidency"


def test_joint_efforts_is_the_egyptian_presidency(cairo):
    q = _direct(cairo, "joint efforts")
    assert q.speaker is not None
    assert (q.speaker.code, q.speaker.sector) == ("EGY", "GOV")


def test_blinken_quotes_carry_his_code(cairo):
    for start in ("If you want a ceasefire", "With or without"):
        q = _direct(cairo, start)
        assert q.speaker is not None and (q.speaker.code, q.speaker.sector) == ("USA", "GOV")


def test_quotes_are_sorted_and_slice_the_text(cairo):
    text = cairo.article.text
    assert [q.content_span for q in cairo.quotes] == sorted(q.content_span for q in cairo.quotes) \
        or [q.content_span[0] for q in cairo.quotes] == sorted(q.content_span[0] for q in cairo.quotes)
    for q in cairo.quotes:
        assert text[q.content_span[0]:q.content_span[1]] == q.content
        assert 0 <= q.sentence_index < len(cairo.sentences)
        s, e = cairo.sentences[q.sentence_index]
        assert s <= q.content_span[0] <= e


def test_apostrophe_is_not_a_quote(cairo):
    assert not any("’s visit" in q.content and q.kind == "direct" for q in cairo.quotes)
    assert not any(q.content.startswith("s visit") for q in cairo.quotes)
