"""Paragraph breaks and the story after a dateline start sentences before the parser runs; wrapped lines do not."""

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


DATELINES = [
    ("BEIRUT - Israeli warplanes struck the city on Sunday.", "Israeli warplanes struck the city on Sunday."),
    ("NAIROBI, Kenya (AP) - Kenyan police fired tear gas on Thursday.", "Kenyan police fired tear gas on Thursday."),
    ("KYIV, March 4 (Reuters) - Russian drones hit Kharkiv overnight.", "Russian drones hit Kharkiv overnight."),
    ("(Cairo) US Secretary of State Antony Blinken met Egypt's president.", "US Secretary of State Antony Blinken met Egypt's president."),
    ("Perth - Bushfires raged east of the city on Tuesday.", "Bushfires raged east of the city on Tuesday."),
    ("Alexandria, Virginia - A federal judge sentenced a former official.", "A federal judge sentenced a former official."),
]


@pytest.mark.parametrize(("text", "story"), DATELINES)
def test_story_after_a_dateline_starts_a_sentence(pipeline, text, story):
    ann = pipeline.annotate(text)
    got = [text[s:e].strip() for s, e in ann.sentences if text[s:e].strip()]
    assert got[-1] == story, got


@pytest.mark.parametrize(("text", "actor", "country"), [
    ("BEIRUT - Israeli warplanes struck the southern suburbs on Sunday.", "Israeli warplanes", "ISR"),
    ("MANILA - Chinese coast guard ships fired water cannon at a Philippine supply boat.", "Chinese coast guard", "CHN"),
    ("Victoria - Police in Melbourne arrested a man after an attack on a synagogue.", "Police", "AUS"),
    ("Santiago - Chile's government declared a state of emergency in the Araucania region.", "Chile's government", "CHL"),
])
def test_dateline_is_not_part_of_the_first_actor(pipeline, text, actor, country):
    """Parsed with the story, "BEIRUT - Israeli warplanes" was one noun phrase coded Lebanon."""
    events = pipeline.extract(text, date="2024-09-30")
    assert events, text
    first = events[0].actor
    assert first and first[0].entity_text.startswith(actor) and first[0].country == country, first


@pytest.mark.parametrize("text", [
    "Breaking News - police said",  # a lower-case story: no dateline
    "Israel-Hamas talks - The envoys met.",  # no spaced dash after a short name
    "The man - who was not named - fled.",
])
def test_mixed_case_heading_without_a_story_is_no_dateline(text):
    from eventwire.nlp.dateline import find_dateline

    assert find_dateline(text) is None
