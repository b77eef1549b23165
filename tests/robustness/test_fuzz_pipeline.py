"""Hostile text through the whole pipeline: no crash, and every span slices the original text."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import Annotation, Article, Failure

NEWSY = [
    "(Cairo) ", "CAIRO, June 10 (Reuters) - ", "President ", "Mr. ", "Hamas ", "police ",
    "arrested ", "said ", "“", "”", "\"", "«", "»", "‘", "’", " on Monday", " May 31", ".", ",",
    "\n\n", "Gaza", " the Israeli army", " took control of", " 2024", " \u200b", "\u202e", "\x00",
    "مرحبا", "שלום", "😀", "\ud800", "a" * 300, " ", "\t", "\r\n",
]

text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(NEWSY), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(NEWSY), st.text(max_size=8)), max_size=40).map("".join),
)


def _spans(record: Any) -> list[tuple[str, tuple[int, int]]]:
    """Collect (text, span) pairs from a record that must slice the article text."""
    pairs: list[tuple[str, tuple[int, int]]] = []
    for ent in record.entities:
        pairs.append((ent.entity_text, ent.span))
    for pl in record.places:
        pairs.append((pl.extracted_place, pl.span))
    for tx in record.timexes:
        pairs.append((tx.text, tx.span))
    for q in record.quotes:
        pairs.append((q.content, q.content_span))
        if q.cue is not None and q.cue_span is not None:
            pairs.append((q.cue, q.cue_span))
    for ev in record.events:
        pairs.append((ev.event_text, ev.span))
        for ent in (*ev.actor, *ev.recipient):
            pairs.append((ent.entity_text, ent.span))
        if ev.event_loc is not None:
            pairs.append((ev.event_loc.extracted_place, ev.event_loc.span))
    return pairs


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=text_strategy, dated=st.booleans())
def test_random_text_never_crashes_and_spans_slice(pipeline, text: str, dated: bool) -> None:
    article = Article(text=text, date="2024-06-10" if dated else None)
    (result,) = list(pipeline.annotate_many([article]))
    assert not isinstance(result, Failure), result
    assert isinstance(result, Annotation)
    for piece, (start, end) in _spans(result):
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == piece
    for start, end in result.sentences:
        assert 0 <= start <= end <= len(text)


@pytest.mark.slow
def test_long_single_line_is_processed(pipeline) -> None:
    text = ("Police arrested protesters in Lagos on Monday " * 2_200)[:100_000]
    (result,) = list(pipeline.annotate_many([Article(text=text, id="long", position="long.txt")]))
    assert isinstance(result, Annotation), result
    assert result.article.id == "long"


@pytest.mark.slow
def test_megabyte_single_line_is_refused_cleanly_under_a_limit(pipeline) -> None:
    from eventwire import Pipeline

    pipe = Pipeline(settings=pipeline.settings.replace(max_article_chars=500_000))
    pipe._nlp = pipeline.nlp
    text = "x" * 1_000_000
    ok = Article(text="Police arrested protesters in Lagos.", id="ok")
    results = list(pipe.annotate_many([Article(text=text, id="mega", position="mega.txt"), ok]))
    assert isinstance(results[0], Failure) and "article mega (mega.txt)" in results[0].reason
    assert isinstance(results[1], Annotation)
