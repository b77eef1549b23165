"""Paragraph breaks start sentences before the parser runs; wrapped lines do not."""

from __future__ import annotations

import pytest

CASES = [
    ("“We will not stop,” he said.\n\nThe army moved in on Monday.", ["“We will not stop,” he said.", "The army moved in on Monday."]),
    ("He said the talks were “constructive”\n\nEgypt welcomed the move.", ["He said the talks were “constructive”", "Egypt welcomed the move."]),
    ("Police arrested\nfive protesters in Lagos.", ["Police arrested\nfive protesters in Lagos."]),
    ("The minister resigned.\nThe cabinet met later.", ["The minister resigned.", "The cabinet met later."]),
]


@pytest.mark.parametrize(("text", "sentences"), CASES)
def test_paragraph_breaks_start_sentences(pipeline, text, sentences):
    ann = pipeline.annotate(text)
    got = [text[s:e].strip() for s, e in ann.sentences if text[s:e].strip()]
    assert got == sentences


def test_run_on_text_is_cut_into_bounded_sentences(pipeline):
    from eventwire.nlp.paragraphs import MAX_RUN

    text = "police arrested protesters in Lagos " * 200  # 1,000 words, no punctuation
    ann = pipeline.annotate(text)
    lengths = [len(text[s:e].split()) for s, e in ann.sentences]
    assert len(lengths) >= 1000 // MAX_RUN
    assert max(lengths) <= MAX_RUN
