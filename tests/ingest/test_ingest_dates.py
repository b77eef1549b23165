"""Publication dates: ISO forms normalised to YYYY-MM-DD, anything else a warning, never a crash."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.ingest import normalize_date

CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[repr(c["input"]) for c in CASES])
def test_normalize_date(case: dict) -> None:
    value, problem = normalize_date(case["input"])
    assert value == case["expected"]
    assert (problem is not None) == case["problem"]
    if problem:
        assert repr(case["input"].strip()) in problem


def test_date_objects_from_parquet() -> None:
    assert normalize_date(dt.date(2024, 6, 10)) == ("2024-06-10", None)
    assert normalize_date(dt.datetime(2024, 6, 10, 23, 59)) == ("2024-06-10", None)
