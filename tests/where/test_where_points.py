"""Representative points of countries, divisions and continents (training/make_country_points.py, the curated table)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from eventwire.where import build
from eventwire.where.gazetteer import data_dir

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("make_country_points", ROOT / "training" / "make_country_points.py")
assert _spec is not None and _spec.loader is not None
points = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(points)


def test_the_estimate_nearer_the_towns_middle_is_kept():
    # an archipelago: the largest island's centroid sits far west of the towns' middle
    polygon, factbook, middle = (0.0, 110.0), (-4.0, 119.0), (-3.0, 118.0)
    assert points.choose(polygon, factbook, middle) == (factbook, "factbook")
    # a compact mainland: the factbook point is the one off the middle
    polygon, factbook, middle = (39.5, -99.0), (38.0, -97.0), (39.8, -99.5)
    assert points.choose(polygon, factbook, middle) == (polygon, "natural-earth-largest-polygon")


def test_a_missing_estimate_falls_back_to_the_other():
    assert points.choose(None, (10.0, 8.0), None) == ((10.0, 8.0), "factbook")
    assert points.choose((9.0, 8.0), (10.0, 8.0), None) == ((9.0, 8.0), "natural-earth-largest-polygon")
    assert points.choose(None, None, (1.0, 1.0)) is None


def test_km_is_a_great_circle_distance():
    assert points._km((0.0, 0.0), (0.0, 0.0)) == 0.0
    assert 110 < points._km((0.0, 0.0), (1.0, 0.0)) < 112  # one degree of latitude
    assert points._km((10.0, 179.5), (10.0, -179.5)) < 120  # across the antimeridian


def test_country_table_names_a_source_for_every_point():
    rows = [line.split("\t") for line in (data_dir() / "country_centroids.tsv").read_text().splitlines()
            if line and not line.startswith("#")]
    sources = {r[5] for r in rows}
    assert sources <= {"natural-earth-largest-polygon", "factbook", "median-of-cities500"}
    assert {"natural-earth-largest-polygon", "factbook"} <= sources


def test_continents_carry_geonames_points():
    rows = {r[0]: r for r in build.read_places_tsv(data_dir() / "conflict_places.tsv") if r[6] == "CONT"}
    assert {"Africa", "Asia", "Europe"} <= set(rows)
    _name, _aliases, lat, lon, _cc, _fc, _code = rows["Africa"]
    assert 5 < lat < 9 and 19 < lon < 23  # the continent's GeoNames point, north of the equator


def test_the_towns_box_may_cross_the_antimeridian():
    # towns on both sides of 180 degrees (New Zealand's Chatham Islands, Russia's Chukotka): the box is drawn across
    lat, lon = points.box_middle([(-36.8, 174.8), (-46.4, 168.3), (-43.9, -176.5)])
    assert -42 < lat < -41 and 175 < lon < 179
    lat, lon = points.box_middle([(55.0, 20.0), (65.0, 40.0), (66.0, -170.0)])
    assert 100 < lon < 110
    # an ordinary country keeps the plain middle
    assert points.box_middle([(0.0, 10.0), (10.0, 20.0)]) == (5.0, 15.0)


def test_antimeridian_countries_take_the_usual_point():
    rows = {r[0]: (float(r[3]), float(r[4])) for r in (line.split("\t") for line in
            (data_dir() / "country_centroids.tsv").read_text().splitlines() if line and not line.startswith("#"))}
    lat, lon = rows["NZL"]
    assert -42 <= lat <= -40 and 172 <= lon <= 176  # between the two main islands, not on the South Island
    lat, lon = rows["RUS"]
    assert points._km((lat, lon), (60.0, 100.0)) < 100  # central Siberia, the point GeoNames and the Factbook give
