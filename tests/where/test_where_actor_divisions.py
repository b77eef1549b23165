"""A county named inside an organisation ("Edgar County Board") says which state a local story is in (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).parent / "cases" / "actor_divisions.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actor_division_case(pipeline, case):
    ann = pipeline.annotate(case["text"])
    found = [(p.extracted_place, p.country_code, p.rule) for p in ann.places]
    hits = [p for p in ann.places if p.extracted_place == case["place"]]
    assert hits, found
    assert all(p.country_code == case["country_code"] for p in hits), found
