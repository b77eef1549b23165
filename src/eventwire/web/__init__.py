"""The web dashboard: static files (vanilla JS + SVG, no CDN) and the offline world base map."""

from __future__ import annotations

from .basemap import BasemapUnavailable, basemap_geojson, basemap_source
from .server import (
    STATIC_DIR,
    VIEW_PATHS,
    dashboard_router,
    mount_dashboard,
    static_files,
    warm_basemap,
)

__all__ = [
    "STATIC_DIR",
    "VIEW_PATHS",
    "BasemapUnavailable",
    "basemap_geojson",
    "basemap_source",
    "dashboard_router",
    "mount_dashboard",
    "static_files",
    "warm_basemap",
]
