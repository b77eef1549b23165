"""Golden cases (cases/arguments.json): which entities the event coder takes as actor and recipient."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.records import Article

CASES = json.loads((Path(__file__).parent / "cases" / "arguments.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_argument_codes(pipeline, case):
    ann = pipeline.annotate(Article(text=case["text"], date=case.get("date")))
    events = [e for e in ann.events if e.event == case["event"]]
    assert events, [(e.event, e.event_text) for e in ann.events]
    ev = events[0]
    assert sorted({a.code for a in ev.actor if a.code}) == case["actor_codes"], [
        (a.entity_text, a.code, a.rule) for a in ev.actor]
    if "recipient_codes" in case:
        assert sorted({r.code for r in ev.recipient if r.code}) == case["recipient_codes"]
