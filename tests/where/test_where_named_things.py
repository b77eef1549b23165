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


@pytest.mark.parametrize("text", [
    "Leaders met at the Pacific Islands Forum in Suva on Tuesday.",
    "The shop on Pacific Avenue was looted overnight, police in Baltimore said.",
    "He was shot as he walked along Atlantic Avenue in Brooklyn.",
])
def test_ocean_word_opening_a_longer_name_is_no_ocean(pipeline, text):
    """ "Pacific" alone is the ocean, but not as the first word of a street's or an organisation's name."""
    ann = pipeline.annotate(text)
    assert not any(p.resolved_place in {"Pacific Ocean", "Atlantic Ocean"} for p in ann.places), \
        [(p.extracted_place, p.resolved_place) for p in ann.places]


def test_ocean_word_alone_is_the_ocean(pipeline):
    ann = pipeline.annotate("Chinese and US warships sailed across the Pacific, while the storm stayed in the Atlantic.")
    assert {p.resolved_place for p in ann.places} >= {"Pacific Ocean", "Atlantic Ocean"}
