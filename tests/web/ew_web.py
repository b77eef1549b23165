"""Helpers of the browser tests: read the API of the live server, wait for a view."""

from __future__ import annotations

import json
import urllib.request

__all__ = ["api", "ready"]


def api(live_server: str, path: str) -> dict:
    """GET ``path`` from the live server as JSON."""
    with urllib.request.urlopen(live_server + path) as r:
        return json.loads(r.read())


def ready(page, view: str) -> None:
    """Wait until the dashboard has rendered ``view``."""
    page.wait_for_selector(f'body[data-ready="{view}"]', timeout=20_000)
