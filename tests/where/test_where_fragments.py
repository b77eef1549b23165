"""Parts of longer names: looked up as the whole name, never as a namesake of the part (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.where.accept import particle as _particle
from eventwire.where.gazetteer import Candidate
from eventwire.where.recognize import Lexicon

CASES = json.loads((Path(__file__).parent / "cases" / "fragments.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_fragment_case(pipeline, case):
    ann = pipeline.annotate(case["text"])
    found = [(p.extracted_place, p.country_code, p.rule) for p in ann.places]
    for word in case.get("absent", []):
        assert not any(p.extracted_place == word for p in ann.places), found
    if "not_country" in case:
        assert not any(p.country_code == case["not_country"] for p in ann.places), found
    if "place" in case:
        hits = [p for p in ann.places if p.extracted_place == case["place"]]
        assert hits, found
        if "country_code" in case:
            assert hits[0].country_code == case["country_code"], found


def _cand(name: str, kind: str, cc: str = "NOR") -> Candidate:
    return Candidate(id=1, name=name, lat=1.0, lon=1.0, country_code=cc, admin1=None, feature_class="P",
                     feature_code="PPL", population=2_000, kind=kind, geonameid=1, admin1code=None)


def test_particles_and_two_letter_keys_are_not_places_alone():
    lex = Lexicon(stoplist=frozenset(), locative=frozenset(), particles=frozenset({"al", "wadi"}))
    assert _particle("al", (_cand("Al", "admin2"),), lex)
    assert _particle("wadi", (_cand("Wadi", "city", "IND"),), lex)
    assert _particle("ma", (_cand("Tema", "city", "GHA"),), lex)  # an alternate name of two letters
    assert not _particle("us", (_cand("United States", "country", "USA"),), lex)  # countries are named so
    assert not _particle("puli", (_cand("Puli", "city", "TWN"),), lex)
