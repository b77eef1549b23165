"""The FastAPI application of ``eventwire serve``: the /v1 API and the dashboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from .. import __version__
from ..config import Settings
from .db import Database
from .docs_ui import docs_router
from .meta import router as meta_router
from .reads import router as read_router
from .security import BodyLimitMiddleware, SecurityHeadersMiddleware
from .writes import PipelineHolder
from .writes import router as write_router

__all__ = ["create_app"]

DESCRIPTION = """
PLOVER 2.0 political event data coded by eventwire: who did what to whom, when and where,
with every record traced to the words it came from.

Reads are open unless the server sets `api_read_token`; endpoints that write to the database
need `Authorization: Bearer <api_token>` (`EVENTWIRE_API_TOKEN`). The dashboard is at `/`.
"""


def create_app(
    settings: Settings,
    db_path: str | Path,
    pipeline: Any = None,
    dashboard: bool = True,
) -> FastAPI:
    """Return the app serving the database at ``db_path``.

    The database is opened for writing (created if missing) only when ``settings.api_token``
    is set; otherwise read-only. ``pipeline`` (anything with ``annotate_many``) replaces the
    default :class:`~eventwire.pipeline.Pipeline`, which is loaded on the first extract.
    """
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        # FastAPI's Swagger UI and ReDoc load scripts from a CDN: off; /docs is served from the
        # swagger-ui-bundle package instead (docs_ui.py), so it works offline.
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.db = Database(db_path, writable=bool(settings.api_token))
    app.state.pipeline = PipelineHolder(settings, pipeline)
    app.include_router(meta_router)
    app.include_router(read_router)
    app.include_router(write_router)
    app.include_router(docs_router())
    if dashboard:
        from ..web import mount_dashboard, warm_basemap

        mount_dashboard(app)
        warm_basemap()
    app.add_exception_handler(RequestValidationError, _validation_error)
    _document_string_details(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _document_string_details(app: FastAPI) -> None:
    """Declare that a 422 ``detail`` may be a message string, as the API's own checks send.

    FastAPI documents only pydantic's list of errors; the filters, sort, cursor and limits
    answer ``{"detail": "<message>"}``, so the schema lied to generated clients (schemathesis
    found it).
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            error = schema.get("components", {}).get("schemas", {}).get("HTTPValidationError", {})
            detail = error.get("properties", {}).get("detail")
            if detail is not None:
                error["properties"]["detail"] = {"title": "Detail", "anyOf": [
                    {key: value for key, value in detail.items() if key != "title"},
                    {"type": "string", "description": "what is wrong with the request and how to fix it"},
                ]}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _pick_branch(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Of a union body's errors (loc ``body, <branch>, ...``), keep those of the branch the body was meant for.

    A branch whose errors are a wrong top-level type, missing or extra fields did not fit the
    body's shape; of the rest, the one with fewest errors. Other errors are kept as they are.
    """
    branches: dict[str, list[dict[str, Any]]] = {}
    others = []
    for err in errors:
        loc = err.get("loc", ())
        if len(loc) >= 2 and loc[0] == "body" and isinstance(loc[1], str) and (loc[1][:1].isupper() or "[" in loc[1]):
            branches.setdefault(loc[1], []).append(err)
        else:
            others.append(err)
    if len(branches) < 2:
        return errors
    misfit = {"missing", "extra_forbidden", "list_type", "model_type", "model_attributes_type", "dict_type"}
    fits = [b for b in branches.values() if not any(e.get("type") in misfit and len(e["loc"]) <= 3 for e in b)]
    best = min(fits or list(branches.values()), key=len)
    return others + [{**e, "loc": ("body", *e["loc"][2:])} for e in best]


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """Answer 422 as every other error: ``{"detail": "<field>: <what is wrong>; ..."}``."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in _pick_branch(list(exc.errors())):
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path")]
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        problems.append(f"{'.'.join(loc) or 'body'}: {msg}")
    return JSONResponse(status_code=422, content={"detail": "; ".join(dict.fromkeys(problems))})


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.pipeline.close()
    app.state.db.close()
