"""Serve the dashboard: its static files, the page for every view, and the offline base map.

Static files are served from a whitelist built once from ``web/static`` (no path from the URL
ever reaches the file system), with explicit content types.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.responses import FileResponse, Response

from .basemap import BasemapUnavailable, basemap_geojson

__all__ = ["STATIC_DIR", "VIEW_PATHS", "dashboard_router", "mount_dashboard", "static_files", "warm_basemap"]

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Paths of the single-page dashboard (the page decides the view from the path).
VIEW_PATHS = ("/", "/timeline", "/dyads", "/map", "/network", "/articles", "/articles/{article_id:path}", "/extract",
              "/codebook")

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
    ".woff2": "font/woff2",
}


def static_files(root: Path = STATIC_DIR) -> dict[str, Path]:
    """Return ``{url path under /static/: file}`` for every servable file under ``root``."""
    out: dict[str, Path] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in _TYPES and not path.name.startswith("."):
            out[path.relative_to(root).as_posix()] = path
    return out


def warm_basemap() -> None:
    """Build the base map in a background thread so the first map view is quick."""

    def build() -> None:
        with contextlib.suppress(BasemapUnavailable):
            basemap_geojson()

    threading.Thread(target=build, name="eventwire-basemap", daemon=True).start()


def dashboard_router() -> APIRouter:
    """Return the routes of the dashboard (excluded from the OpenAPI schema)."""
    files = static_files()
    index = STATIC_DIR / "index.html"
    router = APIRouter(include_in_schema=False)
    no_cache = {"Cache-Control": "no-cache"}

    def page() -> FileResponse:
        return FileResponse(index, media_type=_TYPES[".html"], headers=no_cache)

    for path in VIEW_PATHS:
        router.add_api_route(path, page, methods=["GET"])

    @router.get("/static/{name:path}")
    def static(name: str) -> FileResponse:
        found = files.get(name)
        if found is None:
            raise HTTPException(status_code=404, detail="no such file")
        return FileResponse(found, media_type=_TYPES[found.suffix], headers=no_cache)

    @router.get("/basemap/world.json")
    def basemap() -> Response:
        try:
            data = basemap_geojson()
        except BasemapUnavailable as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from exc
        return Response(data, media_type="application/json", headers={"Cache-Control": "public, max-age=86400"})

    return router


def mount_dashboard(app: FastAPI) -> None:
    """Add the dashboard's routes to ``app``."""
    app.include_router(dashboard_router())
