"""Quotes and speakers on sentences written for these tests (golden cases in cases/stage.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CASES = json.loads((Path(__file__).parent / "cases" / "stage.json").read_text(encoding="utf-8"))


def _speaker_words(quote):
    sp = quote.speaker
    return " ".join(x for x in (sp.entity_text, sp.name or "") if x) if sp else None


def _check_spans(ann):
    text = ann.article.text
    for q in ann.quotes:
        assert text[q.content_span[0]:q.content_span[1]] == q.content
        if q.cue_span is not None:
            assert text[q.cue_span[0]:q.cue_span[1]] == q.cue
        if q.speaker is not None:
            s, e = q.speaker.span
            assert text[s:e] == q.speaker.entity_text
    starts = [(q.content_span[0]) for q in ann.quotes]
    assert starts == sorted(starts)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_stage_cases(pipeline, case):
    ann = pipeline.annotate(case["text"])
    text = ann.article.text
    _check_spans(ann)
    by_content = {(q.kind, q.content): q for q in ann.quotes}
    for want in case["quotes"]:
        key = (want["kind"], want["content"])
        assert key in by_content, f"missing {key}; found {list(by_content)}"
        q = by_content[key]
        if "cue" in want:
            assert q.cue == want["cue"]
        if "speaker_span" in want:
            got = text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else None
            assert got == want["speaker_span"]
        if "speaker" in want:
            if want["speaker"] is None:
                assert q.speaker is None, q.speaker
            else:
                assert q.speaker is not None, f"no speaker for {key} ({q.rule})"
                assert want["speaker"] in _speaker_words(q)
    for kind in ("direct", "indirect"):
        if f"{kind}_count" in case:
            assert sum(q.kind == kind for q in ann.quotes) == case[f"{kind}_count"]


@pytest.mark.slow
def test_unbalanced_marks_do_not_run_away(pipeline):
    text = ("Maria Okafor said “the bridge is closed.\n\n"
            "Traffic was diverted through the northern district for the whole week.\n\n"
            "“We will rebuild it,” she said.")
    ann = pipeline.annotate(text)
    _check_spans(ann)
    direct = [q for q in ann.quotes if q.kind == "direct"]
    assert [q.content for q in direct] == ["the bridge is closed.", "We will rebuild it"]
    assert direct[0].rule.endswith("+unclosed")
    assert "\n" not in direct[0].content


@pytest.mark.slow
def test_quote_inside_quote_is_not_a_separate_record(pipeline):
    ann = pipeline.annotate("“He told me ‘stay home’ twice,” Daniel Mercer said.")
    assert [q.content for q in ann.quotes if q.kind == "direct"] == ["He told me ‘stay home’ twice"]


@pytest.mark.slow
def test_quote_without_cue_in_narration_has_no_speaker(pipeline):
    ann = pipeline.annotate("Daniel Mercer visited the camp. The sign at the gate read “No entry”.")
    (q,) = [q for q in ann.quotes if q.kind == "direct"]
    assert q.content == "No entry"
    assert q.speaker is None and q.cue is None


@pytest.mark.slow
def test_consecutive_quotes_in_a_paragraph_share_the_speaker(pipeline):
    ann = pipeline.annotate("“We are ready,” Maria Okafor said. “But not at any price.”")
    direct = [q for q in ann.quotes if q.kind == "direct"]
    assert [q.content for q in direct] == ["We are ready", "But not at any price."]
    assert direct[1].speaker is not None and "Okafor" in _speaker_words(direct[1])
    assert direct[1].rule.startswith("quotes:direct:same-paragraph")


_PIECES = st.sampled_from([
    "Maria Okafor", " said", " he said", " that", " the talks", " failed", ",", ".", " ",
    "\n\n", "“", "”", "‘", "’", "\"", "'", "«", "»", "``", "''", "according to", " the army",
    "Okafor’s", " warned", " called on", " them to", " leave",
])


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_random_quote_characters_never_crash(pipeline, text):
    ann = pipeline.annotate(text)
    _check_spans(ann)
