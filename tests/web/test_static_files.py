"""Static checks of the dashboard's files and of the offline base map (no browser needed)."""

from __future__ import annotations

import json
import re

import pytest

from eventwire.web import STATIC_DIR, static_files
from eventwire.web.basemap import BasemapUnavailable, basemap_geojson, simplify_ring

JS = sorted(STATIC_DIR.rglob("*.js"))


def test_index_has_no_inline_script_or_style():
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S):
        assert not body.strip(), "inline script body"
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.parametrize("path", JS, ids=lambda p: p.name)
def test_scripts_never_parse_html_from_strings(path):
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setAttribute('style'", ".srcdoc"):
        assert sink not in code, f"{path.name} uses {sink}"


@pytest.mark.parametrize("path", sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()), ids=lambda p: p.name)
def test_nothing_is_fetched_from_outside(path):
    text = path.read_text(encoding="utf-8")
    urls = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, flags=re.I)
    allowed = {"http://www.w3.org"}  # the SVG namespace, not a request
    assert {u for u in urls if not any(u.startswith(a) for a in allowed)} == set()
    assert "@import" not in text and "url(http" not in text


def test_static_whitelist_holds_the_app():
    files = static_files()
    assert {"index.html", "js/main.js", "css/app.css", "favicon.svg"} <= set(files)
    assert all(p.resolve().is_relative_to(STATIC_DIR) for p in files.values())


def test_js_modules_import_only_existing_files():
    for path in JS:
        for target in re.findall(r"from '(\.[^']+)'", path.read_text(encoding="utf-8")):
            assert (path.parent / target).resolve().is_file(), f"{path.name} imports missing {target}"


def test_simplify_ring_keeps_shape_and_ends():
    ring = [(float(x), 0.001 * (x % 2)) for x in range(100)] + [(99.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    out = simplify_ring(ring, 0.1)
    assert out[0] == ring[0] and out[-1] == ring[-1]
    assert len(out) < 10
    assert (99.0, 10.0) in out and (0.0, 10.0) in out


def test_basemap_is_natural_earth_geojson():
    try:
        data = json.loads(basemap_geojson())
    except BasemapUnavailable as exc:
        pytest.fail(f"the base map package is a dependency and must be installed: {exc}")
    assert data["type"] == "FeatureCollection" and "Natural Earth" in data["attribution"]
    by_iso = {f["properties"]["iso3"]: f for f in data["features"]}
    assert len(by_iso) > 150
    for iso in ("EGY", "FRA", "USA", "CHN", "BRA", "AUS"):
        assert iso in by_iso, iso
    # Cairo lies inside Egypt's bounding box, and every coordinate is a valid lon/lat
    egypt = [pt for ring in by_iso["EGY"]["geometry"]["coordinates"] for pt in ring]
    lons, lats = [p[0] for p in egypt], [p[1] for p in egypt]
    assert min(lons) < 31.24 < max(lons) and min(lats) < 30.04 < max(lats)
    assert all(-180 <= p[0] <= 180 and -90 <= p[1] <= 90 for f in data["features"]
               for ring in f["geometry"]["coordinates"] for p in ring)
