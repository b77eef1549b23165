"""Golden death tolls of ASSAULT events through the whole pipeline (sentences written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.events.fatalities import VAGUE, load_fatality_words, parse_count

CASES = json.loads((Path(__file__).parent / "cases" / "fatalities.json").read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_fatalities(pipeline, case):
    events = pipeline.extract(case["text"], date=case["published"])
    seen = [(e.event, e.event_text, e.date, e.fatalities, e.fatalities_text) for e in events]
    for want in case["expect"]:
        hits = [e for e in events if e.event == "ASSAULT" and any(t in e.event_text for t in want["triggers"])
                and e.date == want.get("on", e.date)]
        assert hits, f"no ASSAULT for {want['triggers']} in {seen}"
        for e in hits:
            assert e.fatalities == want["fatalities"], (e.event_text, seen)
            if "text_has" in want:
                assert e.fatalities_text and want["text_has"] in e.fatalities_text, (e.event_text, seen)


@pytest.mark.slow
def test_only_assault_events_carry_fatalities(pipeline):
    events = pipeline.extract("On 31 December 2023, police arrested two men after gunmen killed a guard in Kano.",
                              date="2024-01-02")
    assert {e.event for e in events} >= {"ASSAULT", "COERCE"}
    assert all(e.fatalities is None and e.fatalities_text is None for e in events if e.event != "ASSAULT")
    assert [e.fatalities for e in events if e.event == "ASSAULT"] == [1]


@pytest.mark.parametrize(("text", "value"), [
    ("at least 20", 20), ("1-4", 1), ("2,103", 2103), ("twenty-five", 25), ("two hundred", 200),
    ("a dozen", 12), ("dozens", VAGUE), ("several", VAGUE), ("one", 1), ("the", None),
])
def test_parse_count(text, value):
    assert parse_count(text, load_fatality_words().numbers) == value
