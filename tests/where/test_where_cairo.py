"""The model article's places resolve as expected.md states."""

from __future__ import annotations

import pytest

from eventwire.records import Place

EXPECTED = [
    # extracted text, resolved name, ISO3, resolution
    ("Cairo", "Cairo", "EGY", "point"),
    ("Gaza Strip", "Gaza Strip", "PSE", "admin1"),
    ("Rafah crossing", "Rafah crossing", "PSE", "point"),
    ("Israel", "Israel", "ISR", "country"),
    ("Egypt", "Egypt", "EGY", "country"),
    ("Jordan", "Jordan", "JOR", "country"),
    ("Qatar", "Qatar", "QAT", "country"),
]


def _find(places: tuple[Place, ...], text: str) -> list[Place]:
    return [p for p in places if p.extracted_place.startswith(text)]


@pytest.mark.parametrize(("text", "name", "iso3", "resolution"), EXPECTED)
def test_cairo_place_resolves(cairo, text, name, iso3, resolution):
    found = _find(cairo.places, text)
    assert found, f"{text!r} not found among {[p.extracted_place for p in cairo.places]}"
    for p in found:
        assert p.resolved_place == name
        assert p.country_code == iso3
        assert p.resolution == resolution
        assert p.lat is not None and p.lon is not None


def test_cairo_coordinates_are_near_the_real_places(cairo):
    from eventwire.where.build import haversine_km

    truth = {"Cairo": (30.04, 31.24), "Rafah crossing": (31.25, 34.26), "Gaza Strip": (31.42, 34.36)}
    for text, (lat, lon) in truth.items():
        p = _find(cairo.places, text)[0]
        assert p.lat is not None and p.lon is not None
        assert haversine_km(p.lat, p.lon, lat, lon) < 30, text


def test_cairo_dateline_is_a_place(cairo):
    first = cairo.places[0]
    assert first.span == (1, 6) and first.resolved_place == "Cairo"
    assert first.rule is not None and first.rule.startswith("dateline")


def test_cairo_spans_slice_to_text_and_have_sentences(cairo):
    text = cairo.article.text
    for p in cairo.places:
        assert text[p.span[0]:p.span[1]] == p.extracted_place
        s, e = cairo.sentences[p.sentence_index]
        assert s <= p.span[0] and p.span[1] <= e


def test_cairo_demonyms_and_people_are_not_places(cairo):
    words = {p.extracted_place for p in cairo.places}
    assert not words & {"Israeli", "Egyptian", "Palestinian", "American", "Blinken", "Sisi", "Hamas"}
