"""``/docs``: Swagger UI served from the ``swagger-ui-bundle`` package, so it works offline.

FastAPI's own ``/docs`` loads Swagger UI from a CDN; this page loads the same files from the
installed package, and starts it with a script file of ours (the CSP allows no inline script).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

__all__ = ["docs_router"]

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>eventwire API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
"""
_START = "window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true});\n"
_FILES = {"swagger-ui.css": "text/css; charset=utf-8", "swagger-ui-bundle.js": "text/javascript; charset=utf-8"}


def _bundle() -> Path:
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        raise HTTPException(status_code=503, detail="Swagger UI is not installed: pip install swagger-ui-bundle "
                            "(the schema is at /openapi.json)") from None
    return Path(swagger_ui_path)


def docs_router() -> APIRouter:
    """Return the routes of ``/docs`` (excluded from the OpenAPI schema)."""
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def docs() -> HTMLResponse:
        _bundle()
        return HTMLResponse(_PAGE)

    @router.get("/docs/start.js")
    def start() -> HTMLResponse:
        return HTMLResponse(_START, media_type="text/javascript; charset=utf-8")

    @router.get("/docs/{name}")
    def asset(name: str) -> FileResponse:
        if name not in _FILES:
            raise HTTPException(status_code=404, detail="no such file")
        return FileResponse(_bundle() / name, media_type=_FILES[name])

    return router
