"""Event dates: the governing time expression, else the publication date (hand-built events)."""

from __future__ import annotations

import pytest
from when_helpers import timex_doc

from eventwire.config import Settings
from eventwire.nlp import sentence_index_of
from eventwire.records import Event
from eventwire.when import date_events, grammar_for
from eventwire.when.event_dates import event_date_of

GRAMMAR = grammar_for(Settings())


def _event(doc, trigger: str, nth: int = 0, aux_mode: tuple[str, ...] = ()) -> Event:
    text = doc._.article.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    starts = [s.start_char for s in doc.sents]
    return Event(
        id=f"{trigger}-{nth}", article_id=doc._.article.id, event="CONSULT", mode=None,
        aux_mode=aux_mode, context=(), quad_code=1, cameo_root="04", date=None,
        date_precision=None, date_text=None, actor=(), recipient=(), event_loc=None,
        event_text=trigger, span=(start, start + len(trigger)),
        sentence_index=sentence_index_of(starts, start), text="", confidence=1.0,
    )


def _dates(pipeline, text: str, date: str | None, triggers: list[tuple[str, int]]):
    doc = timex_doc(pipeline, text, date)
    events = [_event(doc, t, n) for t, n in triggers]
    return {(e.event_text, n): e for e, (_, n) in
            zip(date_events(doc, events, doc._.ew_timexes, GRAMMAR, date), triggers, strict=True)}


@pytest.mark.slow
def test_model_article_timexes(cairo):
    values = {(t.text, t.value) for t in cairo.timexes}
    assert {("Monday", "2024-06-10"), ("October 7", "2023-10-07"), ("May 31", "2024-05-31"),
            ("May 7", "2024-05-07")} <= values
    six = [t for t in cairo.timexes if t.text == "six-week"]
    assert [(t.type, t.value) for t in six] == [("DURATION", "P6W")]


@pytest.mark.slow
def test_model_article_event_dates(pipeline, cairo):
    text = cairo.article.text  # the fixture reads ../shared (skips when absent)
    got = _dates(pipeline, text, "2024-06-10", [
        ("called on", 0), ("attack", 0), ("sparked", 0), ("announced", 0), ("took control", 0),
        ("resigned", 0), ("said", 0), ("meet", 0), ("discussed", 0),
    ])
    assert got["called on", 0].date == "2024-06-10"
    assert got["called on", 0].date_text == "on Monday"
    assert got["attack", 0].date == "2023-10-07" and got["sparked", 0].date == "2023-10-07"
    assert got["attack", 0].date_text == "October 7"
    assert (got["announced", 0].date, got["announced", 0].date_text) == ("2024-05-31", "on May 31")
    assert got["took control", 0].date == "2024-05-07"
    span = got["took control", 0].date_span
    assert span is not None and text[span[0]:span[1]] == "on May 7"
    assert got["said", 0].date_text == "Monday"
    for trigger in ("resigned", "meet", "discussed"):
        e = got[trigger, 0]
        assert (e.date, e.date_precision, e.date_text, e.date_span) == ("2024-06-10", "day", None, None)
    assert all(e.aux_mode == () for e in got.values())


@pytest.mark.slow
def test_timex_of_another_clause_does_not_date_the_event(pipeline):
    text = "Israeli jets struck the camp on Sunday, officials said in a statement."
    got = _dates(pipeline, text, "2024-06-12", [("struck", 0), ("said", 0)])
    assert got["struck", 0].date == "2024-06-09"
    assert (got["said", 0].date, got["said", 0].date_text) == ("2024-06-12", None)


@pytest.mark.slow
def test_durations_never_date_events(pipeline):
    text = "The mediators proposed a six-week ceasefire."
    got = _dates(pipeline, text, "2024-06-12", [("proposed", 0)])
    assert (got["proposed", 0].date, got["proposed", 0].date_text) == ("2024-06-12", None)


@pytest.mark.slow
def test_old_events_are_historical_and_precision_is_honest(pipeline):
    text = "The two countries signed a peace treaty in 1994. They also met in March 2023."
    got = _dates(pipeline, text, "2024-06-12", [("signed", 0), ("met", 0)])
    signed, met = got["signed", 0], got["met", 0]
    assert (signed.date, signed.date_precision, signed.aux_mode) == ("1994", "year", ("historical",))
    assert (met.date, met.date_precision, met.aux_mode) == ("2023-03", "month", ("historical",))


@pytest.mark.slow
def test_historical_keeps_other_aux_modes_sorted_unique(pipeline):
    text = "Rebels did not attack the town in 2015."
    doc = timex_doc(pipeline, text, "2024-06-12")
    event = _event(doc, "attack", aux_mode=("negation", "historical"))
    (dated,) = date_events(doc, [event], doc._.ew_timexes, GRAMMAR, "2024-06-12")
    assert dated.aux_mode == ("historical", "negation")
    assert dated.date == "2015"


@pytest.mark.slow
def test_within_a_year_is_not_historical(pipeline):
    text = "The town was captured on July 1."
    got = _dates(pipeline, text, "2024-06-12", [("captured", 0)])
    assert (got["captured", 0].date, got["captured", 0].aux_mode) == ("2023-07-01", ())


@pytest.mark.slow
def test_no_publication_date_leaves_relative_dates_unresolved(pipeline):
    text = "Protesters gathered on Friday. Police fired tear gas."
    got = _dates(pipeline, text, None, [("gathered", 0), ("fired", 0)])
    assert (got["gathered", 0].date, got["gathered", 0].date_text) == (None, "on Friday")
    assert (got["fired", 0].date, got["fired", 0].date_precision) == (None, None)


@pytest.mark.parametrize("value, precision, expected", [
    ("2024-06-10", "day", ("2024-06-10", "day")),
    ("2024-06-10TEV", "time", ("2024-06-10", "day")),
    ("2024-06-10T15:00", "time", ("2024-06-10", "day")),
    ("2024-W23", "week", ("2024-06-03", "week")),
    ("2025-W01", "week", ("2024-12-30", "week")),
    ("2024-Q1", "quarter", ("2024", "year")),
    ("2023-SU", "season", ("2023", "year")),
    ("2024-05", "month", ("2024-05", "month")),
    ("199", "decade", ("1990", "decade")),
    ("19", "century", ("1900", "century")),
    (None, "day", (None, None)),
])
def test_event_date_of_maps_timex_values_to_record_dates(value, precision, expected):
    assert event_date_of(value, precision) == expected


@pytest.mark.slow
def test_model_article_events_from_the_event_coder_are_dated(cairo):
    """End to end: whichever of these triggers the event coder finds carries the stated date."""
    text = cairo.article.text
    expected = {"called on": "2024-06-10", "attack": "2023-10-07", "announced": "2024-05-31",
                "took control": "2024-05-07", "resigned": "2024-06-10"}
    seen = {}
    for trigger, date in expected.items():
        start = text.index(trigger)
        for e in cairo.events:
            if e.span[0] <= start < e.span[1]:
                seen[trigger] = (e.date, date)
    if not seen:
        pytest.skip("the event coder found none of the model article's dated events")
    assert {k: v[0] for k, v in seen.items()} == {k: v[1] for k, v in seen.items()}
