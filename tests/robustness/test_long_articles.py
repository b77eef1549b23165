"""Long articles are annotated in pieces (issue 19, items 6 and 7): bounded memory, exact spans.

The figures (time and peak memory of the largest allowed article) come from
``benchmarks/long_article.py``, not from these tests.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robust_support import check_event_spans

from eventwire.cli import _run, main
from eventwire.nlp import chunks
from eventwire.nlp.chunks import chunk_bounds
from eventwire.records import Annotation, Article, content_id

PARAGRAPHS = (
    "Police in Nairobi arrested 40 protesters on Tuesday, witnesses said.",
    "Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday to discuss aid.",
    "\"We will not accept these terms,\" the president told reporters in Paris on Friday.",
    "Rebels attacked a military convoy near Goma on Sunday, the army said in a statement.",
    "The European Union imposed new sanctions on Russia last week over the war in Ukraine.",
    "Thousands of workers marched through the capital demanding higher wages.",
)


@given(st.lists(st.sampled_from(("word ", "Sentence ends. ", "\n\n", "\n", "x" * 30, " ", "“Quote.” ")), max_size=400),
       st.integers(min_value=2, max_value=300))
def test_pieces_cover_the_text_contiguously_and_respect_the_size(parts: list[str], size: int) -> None:
    text = "".join(parts)
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (s1, e1), (s2, _) in zip(bounds, bounds[1:], strict=False):
        assert e1 == s2 and s1 < e1
    assert all(end - start <= size for start, end in bounds)


def test_pieces_end_at_paragraph_breaks_when_there_are_some() -> None:
    text = "\n\n".join(PARAGRAPHS * 20)
    for start, end in chunk_bounds(text, 500)[:-1]:
        assert text[end - 2:end] == "\n\n" and text[start:end].strip()


def test_pieces_end_at_sentence_ends_without_paragraphs() -> None:
    text = " ".join(PARAGRAPHS * 20)
    for _, end in chunk_bounds(text, 500)[:-1]:
        assert text[end - 2] == "." or text[end - 2] in "\"”"


@pytest.mark.slow
def test_a_long_article_in_pieces_keeps_exact_spans_and_ids(pipeline, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(36))
    article = Article(text=text, id="long-1", date="2024-06-10")
    whole = pipeline.annotate(article)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 700)
    assert len(chunk_bounds(text)) > 3
    cut = pipeline.annotate(article)
    assert isinstance(cut, Annotation) and cut.article == article
    for start, end in cut.sentences:
        assert 0 <= start <= end <= len(text)
    assert [s[0] for s in cut.sentences] == sorted(s[0] for s in cut.sentences)
    for records, attr in ((cut.entities, "entity_text"), (cut.places, "extracted_place"), (cut.timexes, "text")):
        for r in records:
            start, end = r.span
            assert text[start:end] == getattr(r, attr)
    for q in cut.quotes:
        assert text[q.content_span[0]:q.content_span[1]] == q.content
    ids = [ev.id for ev in cut.events]
    assert len(ids) == len(set(ids))
    for ev in cut.events:
        check_event_spans(json.loads(json.dumps(_plain(ev))), text)
        assert ev.id == content_id(ev.article_id, ev.sentence_index, ev.span, ev.event)
        assert cut.sentences[ev.sentence_index][0] <= ev.span[0] < cut.sentences[ev.sentence_index][1]
        if ev.quote_index is not None:
            q = cut.quotes[ev.quote_index]
            assert q.content_span[0] <= ev.span[0] and ev.span[1] <= q.content_span[1]
    # independent paragraphs: cutting between them finds the same events
    assert {(e.span, e.event) for e in cut.events} == {(e.span, e.event) for e in whole.events}
    assert len(cut.sentences) == len(whole.sentences)


def _plain(record: object) -> dict:
    from eventwire.records import to_dict

    return to_dict(record)


@pytest.mark.slow
def test_max_article_chars_above_a_million_works(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """spaCy refuses a Doc over 1,000,000 characters (E088); pieces never reach it."""
    _run.adopt_pipeline(pipeline)
    block = PARAGRAPHS[0] + "\n\n" + " " * 20_000 + "\n\n"
    text = block * (1_050_000 // len(block) + 1)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": text, "date": "2024-06-10"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["extract", str(path), "--max-article-chars", "2000000", "-o", str(out), "--no-progress"])
    assert status == 0, err.getvalue()
    assert "E088" not in err.getvalue() and "Traceback" not in err.getvalue()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= len(text) // len(block)
    for r in records:
        check_event_spans(r, text)
