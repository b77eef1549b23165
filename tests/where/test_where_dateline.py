"""Dateline parsing variants (cases/datelines.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.nlp.dateline import find_dateline

CASES = json.loads((Path(__file__).parent / "cases" / "datelines.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_dateline(case):
    dl = find_dateline(case["text"])
    if case["place"] is None:
        assert dl is None
        return
    assert dl is not None
    assert dl.text == case["place"]
    assert case["text"][dl.span[0]:dl.span[1]] == case["place"]
    assert dl.qualifier == case["qualifier"]
    if dl.qualifier_span is not None:
        assert case["text"][dl.qualifier_span[0]:dl.qualifier_span[1]] == case["qualifier"]


def test_dateline_place_is_resolved_with_its_qualifier(pipeline):
    ann = pipeline.annotate("KYIV, Ukraine — Russian drones struck an energy plant overnight, officials said.")
    first = ann.places[0]
    assert first.extracted_place == "KYIV"
    assert (first.country_code, first.resolution) == ("UKR", "point")
    assert first.rule is not None and first.rule.startswith("dateline")
