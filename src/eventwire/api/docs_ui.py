"""``/docs``: Swagger UI served from the ``swagger-ui-bundle`` package, so it works offline.

FastAPI's own ``/docs`` loads Swagger UI from a CDN; this page loads the same files from the
installed package, and starts it with a script file of ours (the CSP allows no inline script).
The package's Swagger UI 4 reads OpenAPI 3.0, so it is given the schema labelled 3.0.3.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

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
_START = "window.ui = SwaggerUIBundle({url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true});\n"
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

    @router.get("/docs/openapi.json")
    def schema(request: Request) -> JSONResponse:
        # The bundled Swagger UI (4.x) reads OpenAPI 3.0 only: FastAPI's 3.1 schema, labelled
        # 3.0.3, renders the same (the null types of 3.1 show as plain types). /openapi.json
        # stays the real 3.1 schema for generated clients.
        spec: dict[str, Any] = dict(request.app.openapi())
        spec["openapi"] = "3.0.3"
        return JSONResponse(spec)

    @router.get("/docs/{name}")
    def asset(name: str) -> FileResponse:
        if name not in _FILES:
            raise HTTPException(status_code=404, detail="no such file")
        return FileResponse(_bundle() / name, media_type=_FILES[name])

    return router
