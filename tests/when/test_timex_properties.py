"""Properties of the timex grammar on arbitrary text, on a hand-built Doc (no trained model)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.config import Settings
from eventwire.errors import DataFileError
from eventwire.nlp import register_slots
from eventwire.records import Article
from eventwire.when import find_timexes, grammar_for, load_grammar
from eventwire.when.grammar import bundled_files
from eventwire.when.timexes import scan

register_slots()
NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")
GRAMMAR = grammar_for(Settings())

FRAGMENTS = [
    "on Monday", "May 31", "31 May 2024", "since October 7", "in March 2023", "in 2019",
    "the 1990s", "yesterday", "last week", "two days ago", "earlier this month", "next year",
    "early June", "late 2023", "mid-March", "six-week", "for three days", "from May 3 to May 5",
    "between 2019 and 2021", "at 3 pm", "every Friday", "weekly", "Monday evening", "2024-02-29",
    "May 3-5", "the next day", "3:30 p.m.", "tonight", "the past three years", "Q3 2023",
    "officials said", "troops", "2,000 people", "will meet", "was held", "the", ",", ".", "\n",
    "Feb. 30", "32 June", "May", "may", "Sept.", "'80s", "-", "–", "now", "in the past",
    "recently", "in the near future", "New Year's Eve", "over the weekend",
]
VALUE = {
    "DATE": re.compile(r"^(\d{4}(-\d{2}(-\d{2})?|-W\d{2}(-WE)?|-Q[1-4]|-(SP|SU|FA|WI))?|\d{2,3}"
                       r"|(PRESENT|PAST|FUTURE)_REF)$"),
    "TIME": re.compile(r"^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}|MO|AF|EV|NI)$"),
    "DURATION": re.compile(r"^PT?(\d+(\.\d+)?|X)[YMWDHS]$"),
    "SET": re.compile(r"^(PT?\d+[YMWDH]|XXXX-WXX-[1-7])$"),
}


def _run(text: str, date: str | None):
    doc = NLP(text)
    doc._.article = Article(text=text, date=date)
    return find_timexes(doc, GRAMMAR, date)


texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
    st.text(max_size=80),
)
pub_dates = st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)).map(str))


@settings(max_examples=300, deadline=None)
@given(texts, pub_dates)
def test_every_span_slices_to_its_text_and_values_are_iso(text, date):
    previous_end = 0
    for t in _run(text, date):
        assert text[t.span[0]:t.span[1]] == t.text
        assert t.span[0] >= previous_end, "timexes are in order and never overlap"
        previous_end = t.span[1]
        assert t.type in VALUE
        if t.value is not None:
            assert VALUE[t.type].match(t.value), (t.text, t.value)
        if t.type == "DURATION":
            assert t.value is not None and t.value.startswith("P"), "durations are never dates"


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)))
def test_relative_words_stay_next_to_the_publication_date(day):
    got = {t.text: t.value for t in _run("It happened yesterday, not today or tomorrow.", str(day))}
    assert got == {"yesterday": str(day - dt.timedelta(days=1)), "today": str(day),
                   "tomorrow": str(day + dt.timedelta(days=1))}


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.sampled_from(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
def test_past_weekday_is_within_the_week_before_publication(day, weekday):
    (t,) = _run(f"Troops attacked the town on {weekday}.", str(day))
    resolved = dt.date.fromisoformat(t.value or "")
    assert 0 <= (day - resolved).days < 7
    assert resolved.strftime("%A") == weekday


def test_no_publication_date_never_guesses_from_the_clock():
    got = _run("Officials met last week and will meet again next month.", None)
    assert [(t.text, t.value) for t in got] == [("last week", None), ("next month", None)]


def test_user_file_extends_words_and_rules(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "numbers:\n  a dozen: 12\n"
        "patterns:\n"
        "  - name: day_month_year_slashes\n    handler: date\n"
        "    pattern: '(?P<day>{DAY})/(?P<mnum>0?[1-9]|1[0-2])/(?P<year>{YEAR})'\n",
        encoding="utf-8",
    )
    grammar = load_grammar(bundled_files() + [extra])
    text = "The decree of 10/06/2024 came a dozen days ago."
    doc = NLP(text)
    doc._.article = Article(text=text, date="2024-06-20")
    got = [(t.text, t.value, t.rule) for t in find_timexes(doc, grammar, "2024-06-20")]
    assert got == [("10/06/2024", "2024-06-10", "day_month_year_slashes"),
                   ("a dozen days ago", "2024-06-08", "ago")]


@pytest.mark.parametrize("content, message", [
    ("patterns:\n  - name: x\n    handler: nope\n    pattern: 'x'\n", "unknown handler"),
    ("patterns:\n  - name: x\n    handler: date\n    pattern: '{NOPE}'\n", "unknown placeholder"),
    ("patterns:\n  - name: x\n    handler: date\n    pattern: '(unclosed'\n", "does not compile"),
    ("colours: [red]\n", "unknown or malformed table"),
])
def test_bad_data_files_are_reported_with_the_file(tmp_path, content, message):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_grammar(bundled_files() + [bad])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_anchored_scan_finds_what_a_full_scan_finds(text):
    full = [m.span() for m in GRAMMAR.regex.finditer(text)]
    assert [m.span() for m in scan(text, GRAMMAR)] == full
