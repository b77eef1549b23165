"""Golden sentences (written for these tests) for every PLOVER type, voice, conjunction and aux mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CASES = json.loads((Path(__file__).parent / "cases" / "golden.json").read_text(encoding="utf-8"))


def _names(entities: Any) -> list[str]:
    return [f"{e.entity_text} | {e.name or ''}" for e in entities]


def _covers(entities: Any, wanted: list[str]) -> bool:
    names = _names(entities)
    return all(any(w.lower() in n.lower() for n in names) for w in wanted)


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_event_is_coded(pipeline, case):
    events = pipeline.extract(case["text"])
    same = [e for e in events if e.event == case["event"]]
    got = [(e.event, e.mode, e.aux_mode, _names(e.actor), _names(e.recipient)) for e in events]
    assert same, f"no {case['event']} in {got}"
    ok = [
        e for e in same
        if ("mode" not in case or e.mode == case["mode"])
        and ("aux" not in case or sorted(e.aux_mode) == sorted(case["aux"]))
        and _covers(e.actor, case.get("actor", []))
        and _covers(e.recipient, case.get("recipient", []))
        and not (case.get("no_recipient") and e.recipient)
    ]
    assert ok, f"{case['event']} found but fields differ: {got}"
    if "n_events" in case:
        assert len(events) == case["n_events"], got


@pytest.mark.parametrize("case", CASES["absent"], ids=[c["id"] for c in CASES["absent"]])
def test_not_coded(pipeline, case):
    events = pipeline.extract(case["text"])
    if case.get("no_events"):
        assert events == [], [(e.event, e.event_text) for e in events]
    for banned in case.get("types", []):
        etype, _, mode = banned.partition(":")
        hits = [e for e in events if e.event == etype and (not mode or e.mode == mode)]
        assert not hits, [(e.event, e.mode, e.event_text) for e in hits]


def test_every_plover_type_has_a_golden_case():
    from eventwire.events import load_lexicon

    covered = {c["event"] for c in CASES["cases"]}
    assert covered == set(load_lexicon().types)


def test_record_fields(pipeline):
    text = "Police arrested the journalist in Minsk on Monday."
    ann = pipeline.annotate(text, id="t1")
    ev = ann.events[0]
    assert ev.event == "COERCE" and ev.quad_code == 4 and ev.cameo_root == "17"
    assert text[ev.span[0]:ev.span[1]] == ev.event_text == "arrested"
    assert ev.text == text and ev.sentence_index == 0
    assert ev.rule == "arrest" and 0 < ev.confidence < 1
    again = pipeline.annotate(text, id="t1").events[0]
    assert again.id == ev.id
    assert pipeline.annotate(text, id="t2").events[0].id != ev.id


def test_spans_are_offsets_into_original_text(pipeline):
    text = "  The  rebels   blew up   the bridge  on Friday. Later, troops   withdrew from Gao."
    for ev in pipeline.extract(text):
        assert text[ev.span[0]:ev.span[1]] == ev.event_text
        for ent in ev.actor + ev.recipient:
            assert text[ent.span[0]:ent.span[1]] == ent.entity_text
