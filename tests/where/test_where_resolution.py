"""Toponym recognition and resolution in context, driven by golden cases in cases/*.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.where.build import haversine_km

CASES = Path(__file__).parent / "cases"
RESOLUTION = json.loads((CASES / "resolution.json").read_text(encoding="utf-8"))
NOT_PLACES = json.loads((CASES / "not_places.json").read_text(encoding="utf-8"))
# short international-news sentences written for eventwire (session 14 probes): the name and its country
WORLD_NEWS = json.loads((CASES / "world_news.json").read_text(encoding="utf-8"))
# continental subregions as news names them (session 15): placed near their own middle
REGIONS = json.loads((CASES / "regions.json").read_text(encoding="utf-8"))


def _named_place(pipeline, case):
    """The first place the case's text yields under the case's name (the test fails if there is none)."""
    ann = pipeline.annotate(case["text"])
    hits = [p for p in ann.places if p.extracted_place == case["place"]]
    assert hits, f"{case['place']!r} not found: {[(p.extracted_place, p.rule) for p in ann.places]}"
    return hits[0]


@pytest.mark.parametrize("case", RESOLUTION, ids=[c["id"] for c in RESOLUTION])
def test_resolution_case(pipeline, case):
    p = _named_place(pipeline, case)
    assert p.country_code == case["country_code"], p
    levels = case["resolution"]  # one level, or the levels a text leaves open ("northern Gaza")
    assert p.resolution in ([levels] if isinstance(levels, str) else levels), p
    if "admin1" in case:
        assert p.admin1 == case["admin1"], p
    if "rule_ends" in case:
        assert (p.rule or "").endswith(case["rule_ends"]), p


@pytest.mark.parametrize("case", WORLD_NEWS, ids=[c["id"] for c in WORLD_NEWS])
def test_world_news_case(pipeline, case):
    p = _named_place(pipeline, case)
    assert p.country_code == case["country_code"], p


@pytest.mark.parametrize("case", REGIONS, ids=[c["id"] for c in REGIONS])
def test_region_case(pipeline, case):
    """A subregion is placed at its own middle, not at its continent's point or a namesake town."""
    p = _named_place(pipeline, case)
    assert p.country_code == case["country_code"], p
    assert p.lat is not None and p.lon is not None, p
    assert haversine_km(p.lat, p.lon, case["lat"], case["lon"]) < 100, p


@pytest.mark.parametrize("case", NOT_PLACES, ids=[c["id"] for c in NOT_PLACES])
def test_not_a_place(pipeline, case):
    ann = pipeline.annotate(case["text"])
    starts = {ann.article.text[p.span[0]:p.span[1]].split()[0] for p in ann.places}
    assert case["word"] not in starts, [(p.extracted_place, p.rule) for p in ann.places]


def test_rafah_depends_on_context(pipeline):
    gaza = pipeline.annotate("Strikes hit Rafah and Khan Younis in the south of the Gaza Strip.")
    egypt = pipeline.annotate("In North Sinai, Egyptian police in Rafah and El Arish checked the convoy.")
    g = next(p for p in gaza.places if p.extracted_place == "Rafah")
    e = next(p for p in egypt.places if p.extracted_place == "Rafah")
    assert (g.country_code, e.country_code) == ("PSE", "EGY")


def test_context_place_is_no_event_evidence(pipeline):
    """A name placed only by the text's one country keeps that point, but event location reads it as unknown."""
    ann = pipeline.annotate("Cattle raiders attacked the village of Lomukasiwa on Monday. "
                            "Police in Kenya said residents of Lomukasiwa fled.")
    village = [p for p in ann.places if p.extracted_place == "Lomukasiwa"]
    assert village and all(p.from_context and p.country_code == "KEN" for p in village)
    own = village[0].own()
    assert (own.resolution, own.lat, own.country_code) == ("unresolved", None, None)
    assert own.rule is not None and own.rule.endswith(":unknown")
    locs = [e.event_loc for e in ann.events if e.event_loc is not None]
    assert locs and not any(loc.from_context for loc in locs)


def test_country_names_are_no_demonyms(pipeline):
    """No country's own name reads as the adjective of another place ("Sudan" of the Sud region)."""
    import pycountry

    from eventwire.where.recognize import is_demonym

    pipeline.annotate("Warm up.")
    gaz = pipeline.nlp.get_pipe("eventwire_places").gazetteer
    names = {getattr(c, "common_name", c.name) for c in pycountry.countries}
    assert [n for n in sorted(names) if is_demonym(n, gaz)] == []
    assert is_demonym("Sudanese", gaz) and is_demonym("Angolan", gaz)
