"""``/v1/health`` and ``/v1/version``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from .. import __version__
from ..store import SCHEMA_VERSION

__all__ = ["router"]

router = APIRouter(prefix="/v1")


@router.get("/health", summary="Is the server up and the database readable")
def health(request: Request) -> dict[str, Any]:
    """Return ``{"status": "ok", ...}`` when the database answers (always open: no token)."""
    db = request.app.state.db
    with db.cursor() as cur:
        row = cur.execute("SELECT count(*) FROM events WHERE political IS NOT FALSE").fetchone()
    out: dict[str, Any] = {"status": "ok", "writable": db.writable}
    if not request.app.state.settings.api_read_token:  # counts are data: only when reads are open
        out["events"] = int(row[0]) if row else 0
    return out


@router.get("/version", summary="Versions of eventwire, the API and the database schema")
def version(request: Request) -> dict[str, Any]:
    """Return the eventwire version, API version, schema versions and the loaded model (if any)."""
    return {
        "eventwire": __version__,
        "api": "v1",
        "schema_version": request.app.state.db.schema_version(),
        "code_schema_version": SCHEMA_VERSION,
        "model": request.app.state.pipeline.model_name,
    }
