"""A person's surname used alone again ("Nelson said") is the person, not a namesake town (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = json.loads((Path(__file__).parent / "cases" / "surnames.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_surname_case(pipeline, case):
    ann = pipeline.annotate(case["text"])
    found = [(p.extracted_place, p.country_code, p.rule) for p in ann.places]
    for word in case.get("absent", []):
        assert not any(p.extracted_place == word for p in ann.places), found
    if "place" in case:
        assert any(p.extracted_place == case["place"] for p in ann.places), found
