"""Golden event dates through the whole pipeline: sentence heads, precision, background, relative, narrative."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).parent / "cases" / "event_dates.json").read_text(encoding="utf-8"))
FIELDS = ("date", "date_precision", "date_text")


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_event_dates(pipeline, case):
    events = pipeline.extract(case["text"], date=case["published"])
    seen = [(e.event_text, e.date, e.date_precision, e.date_text) for e in events]
    for want in case["expect"]:
        hits = [e for e in events if any(t in e.event_text for t in want["triggers"])]
        assert hits, f"no event for {want['triggers']} in {seen}"
        for e in hits:
            got = {f: getattr(e, f) for f in FIELDS if f in want}
            assert got == {f: want[f] for f in FIELDS if f in want}, (e.event_text, seen)
