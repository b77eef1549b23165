"""Names of people and organisations that gazetteer towns share: "Nelson said", "Chelsea FC" (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = [c for name in ("surnames.json", "org_names.json")
         for c in json.loads((Path(__file__).parent / "cases" / name).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_name_case(pipeline, case):
    ann = pipeline.annotate(case["text"])
    found = [(p.extracted_place, p.country_code, p.rule) for p in ann.places]
    for word in case.get("absent", []):
        assert not any(p.extracted_place == word for p in ann.places), found
    if "place" in case:
        assert any(p.extracted_place == case["place"] for p in ann.places), found
