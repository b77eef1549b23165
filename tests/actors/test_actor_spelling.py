"""Misspelt country names (cases/spelling.json): a dropped or swapped letter, never a wrong one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actors_helpers import covering, run_actors

from eventwire.actors.kb import bundled_dir, load_countries
from eventwire.actors.spelling import build_misspellings, lookup_misspelling

CASES = json.loads((Path(__file__).parent / "cases" / "spelling.json").read_text(encoding="utf-8"))["cases"]
TABLE = build_misspellings(load_countries(bundled_dir() / "countries.tsv"))


@pytest.mark.parametrize("case", CASES, ids=[c["word"] for c in CASES])
def test_lookup_misspelling(case):
    assert (lookup_misspelling(TABLE, case["word"]) or None) == case["iso3"]


def test_misspelt_country_is_an_actor(pipeline):
    text = "Ethopia has closed its border crossings."
    ent = covering(run_actors(pipeline, text, None), 0, 7)
    assert ent is not None and ent.code == "ETH"
