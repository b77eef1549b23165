"""The quotation-mark scanner: every style, nesting, continuation and unbalanced marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quotes.lexicon import load_lexicon
from eventwire.quotes.marks import scan_quotes

CASES = json.loads((Path(__file__).parent / "cases" / "scanner.json").read_text(encoding="utf-8"))
MARKS = load_lexicon().marks


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_scanner_cases(case):
    text = case["text"]
    found = [[text[q.content_start:q.content_end], q.status] for q in scan_quotes(text, MARKS)]
    assert found == case["quotes"]


def test_runaway_quote_is_capped_at_max_chars():
    text = "“" + "word " * 2000 + "end"
    (q,) = scan_quotes(text, MARKS, max_chars=300)
    assert q.status == "too-long"
    assert q.content_end - q.content_start <= 300


def test_unclosed_quote_stops_at_its_paragraph():
    text = "He said “this goes on.\n\nA second paragraph about the weather, “with another” mark."
    quotes = scan_quotes(text, MARKS)
    assert [text[q.content_start:q.content_end] for q in quotes] == ["this goes on.", "with another"]
    assert [q.status for q in quotes] == ["unclosed", "closed"]


def test_closer_of_outer_quote_drops_unclosed_inner_mark():
    text = "“They said ‘wait and nothing happened,” she added."
    (q,) = scan_quotes(text, MARKS)
    assert text[q.content_start:q.content_end] == "They said ‘wait and nothing happened"
    assert q.status == "closed"


_ALPHABET = st.sampled_from(list("ab cd.,\n\"'“”‘’«»`-:()") + ["``", "''", "\n\n", "Blinken’s"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join), st.integers(min_value=5, max_value=60))
def test_random_text_never_crashes_and_spans_slice(text, max_chars):
    quotes = scan_quotes(text, MARKS, max_chars=max_chars)
    last = -1
    for q in quotes:
        assert 0 <= q.open_start <= q.content_start < q.content_end <= q.close_end <= len(text)
        assert q.open_start >= last  # top-level quotes never overlap
        last = q.close_end
        content = text[q.content_start:q.content_end]
        assert content == content.strip()
        assert q.status in ("closed", "unclosed", "too-long")
        # No runaway: a span is bounded by max_chars plus the opening mark.
        assert q.content_end - q.open_start <= max_chars + 2
