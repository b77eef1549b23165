"""Golden normalisation cases (tests/when/cases/timexes.json), one per expression family and boundary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from when_helpers import timex_doc

CASES = json.loads((Path(__file__).parent / "cases" / "timexes.json").read_text())["cases"]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_timex_case(pipeline, case):
    doc = timex_doc(pipeline, case["text"], case["date"])
    got = [[t.text, t.value, t.type] for t in doc._.ew_timexes]
    assert got == case["expect"]
    for t in doc._.ew_timexes:
        assert case["text"][t.span[0]:t.span[1]] == t.text


def test_cases_cover_every_family():
    families = {c["family"] for c in CASES}
    assert {"weekday", "date", "month_year", "year", "decade", "relative", "part_of_period",
            "duration", "range", "time_of_day", "set", "negative", "no_pub_date"} <= families
