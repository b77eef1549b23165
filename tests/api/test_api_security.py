"""Response headers (CSP without inline scripts, nosniff, no framing), no CORS, static paths."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/map", "/v1/events", "/static/js/main.js", "/v1/articles/none"])
def test_security_headers_everywhere(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_cors_is_off(client):
    r = client.get("/v1/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/v1/articles", headers={"Origin": "https://elsewhere.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


@pytest.mark.parametrize("path", [
    "/static/../api/app.py",
    "/static/..%2f..%2fapi%2fapp.py",
    "/static/%2e%2e/%2e%2e/config.py",
    "/static/js/../../server.py",
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
    "/static/..\\..\\server.py",
    "/static/js/main.js%00.png",
    "/static/.hidden",
    "/static/",
])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert b"import" not in r.content and b"root:" not in r.content


def test_static_files_have_their_types(client):
    assert client.get("/static/js/main.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/css/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/favicon.svg").headers["content-type"] == "image/svg+xml"


@pytest.mark.parametrize("path", ["/", "/timeline", "/dyads", "/map", "/network", "/articles", "/articles/sample-001",
                                  "/extract", "/codebook"])
def test_every_view_serves_the_page(client, path):
    r = client.get(path)
    assert r.status_code == 200 and '<script type="module" src="/static/js/main.js">' in r.text


def test_swagger_ui_is_served_from_the_package_not_a_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "//" not in page.text.replace("</", "")  # no external URL
    assert "<script>" not in page.text  # the CSP allows no inline script
    assert client.get("/docs/swagger-ui-bundle.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/docs/swagger-ui.css").status_code == 200
    assert client.get("/docs/../pyproject.toml").status_code == 404
    assert client.get("/docs/openapi.json").json()["openapi"] == "3.0.3"  # what the bundled Swagger UI 4 reads
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
