"""The HTTP API of ``eventwire serve`` (FastAPI, versioned under ``/v1``); see ``docs/api.md``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
