"""Names listed before "counties" are counties ("Douglas and Wyandotte counties"; where/counties.py)."""

from __future__ import annotations


def _places(pipeline, text):
    return {p.extracted_place: p for p in pipeline.annotate(text).places}


def test_listed_names_are_counties_of_one_state(pipeline):
    got = _places(pipeline, "Snow closed roads in Becker, Clay and Otter Tail counties on Monday, the patrol said.")
    assert {"Becker", "Clay", "Otter Tail"} <= set(got), got
    for name in ("Becker", "Clay", "Otter Tail"):
        p = got[name]
        assert p.feature_code == "ADM2" and p.resolved_place == f"{name} County", p
        assert p.admin1 == "Minnesota", p


def test_a_known_town_in_the_list_becomes_the_county(pipeline):
    got = _places(pipeline, "Douglas and Wyandotte counties also improved their rates last year.")
    assert got["Douglas"].resolved_place == "Douglas County", got["Douglas"]
    assert got["Wyandotte"].resolved_place == "Wyandotte County", got["Wyandotte"]


def test_names_no_county_bears_are_left_alone(pipeline):
    got = _places(pipeline, "Officials in Zorblat and Quenton counties met on Friday.")
    assert all(p.resolved_place is None for p in got.values()), got  # the model's names stay unknown
