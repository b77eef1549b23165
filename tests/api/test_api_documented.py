"""Every API route is documented in docs/api.md (datasette style)."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_every_route_is_in_docs_api_md(client):
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"`(GET|POST|PUT|DELETE|PATCH) (/[^`\s?]*)(?:\?[^`]*)?`", text))
    spec = client.get("/openapi.json").json()
    routes = {(method.upper(), path) for path, ops in spec["paths"].items() for method in ops}
    assert routes, "no routes found"
    missing = sorted(f"{m} {p}" for m, p in routes - documented)
    assert not missing, f"undocumented in docs/api.md: {missing}"
    stale = sorted(f"{m} {p}" for m, p in documented - routes if p.startswith("/v1"))
    assert not stale, f"documented but not served: {stale}"


def test_every_filter_is_documented(client):
    text = DOC.read_text(encoding="utf-8")
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/v1/events"]["get"]["parameters"]}
    missing = sorted(p for p in params if f"`{p}`" not in text)
    assert not missing, f"/v1/events parameters missing from docs/api.md: {missing}"
