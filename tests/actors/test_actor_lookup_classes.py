"""`eventwire actors lookup` explains each failure class of issue 17 on sentences of our own.

The cases (cases/lookup_classes.json) cover titles read from the article, named bodies that keep
the country the text gives them, recipients (with ``--events``), agents and descriptions, and
knowledge added as data files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main

CASES = json.loads((Path(__file__).parent / "cases" / "lookup_classes.json").read_text(encoding="utf-8"))


def _lookup(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code = main(["actors", "lookup", *args, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


@pytest.mark.parametrize("case", CASES["entities"], ids=[c["id"] for c in CASES["entities"]])
def test_lookup_entity_class(capsys, case):
    entities = _lookup(capsys, case["text"], "--date", case["date"])
    assert isinstance(entities, list)
    found = [e for e in entities if case["target"] in e["entity_text"]]
    assert found, f"{case['target']!r} not among {[e['entity_text'] for e in entities]}"
    ent = found[0]
    for key in ("code", "sector", "kind", "name"):
        if key in case:
            assert ent.get(key) == case[key], f"{key}: {ent.get(key)!r} ({ent.get('rule')})"
    if "rule" in case:
        assert case["rule"] in (ent.get("rule") or ""), ent.get("rule")


@pytest.mark.parametrize("case", CASES["events"], ids=[c["id"] for c in CASES["events"]])
def test_lookup_event_recipient_class(capsys, case):
    out = _lookup(capsys, case["text"], "--date", case["date"], "--events")
    assert isinstance(out, dict)
    events = [e for e in out["events"] if e["event"] == case["event"]]
    assert events, [e["event"] for e in out["events"]]
    ev = events[0]
    if "actor" in case:
        assert case["actor"] in [a.get("code") for a in ev["actor"]], ev["actor"]
    codes = [(r.get("code"), r.get("sector")) for r in ev["recipient"]]
    assert case["recipient"] in [c for c, _ in codes], codes
    if "recipient_sector" in case:
        assert (case["recipient"], case["recipient_sector"]) in codes, codes


def test_lookup_events_text_output(capsys):
    assert main(["actors", "lookup", "Kyiv accused Moscow of shelling Kharkiv overnight.", "--date", "2024-05-01",
                 "--events"]) == 0
    out = capsys.readouterr().out
    assert "event ACCUSE" in out and "-> recipient 'Moscow' RUS/GOV" in out
