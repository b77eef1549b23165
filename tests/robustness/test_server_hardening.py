"""The server's edges beyond tests/api: token comparison, headers on error answers, traversal
through export and article routes, the article-size limit over HTTP, and graceful shutdown.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from robust_support import subprocess_env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from ew_helpers import READ_TOKEN, TOKEN, FakePipeline  # noqa: E402
from ew_sample import build_store, sample_annotations  # noqa: E402

from eventwire.api import create_app, security  # noqa: E402
from eventwire.api.background import free_port  # noqa: E402
from eventwire.config import Settings  # noqa: E402


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hard") / "tiny.duckdb"
    build_store(str(path), sample_annotations(n_articles=6))
    return path


@pytest.fixture(scope="module")
def client(tiny_db: Path):  # type: ignore[no-untyped-def]
    """A hardened server: read and write tokens, small limits."""
    settings = Settings(api_token=TOKEN, api_read_token=READ_TOKEN, max_request_bytes=4000, max_articles_per_request=3)
    with TestClient(create_app(settings, tiny_db, pipeline=FakePipeline())) as c:
        yield c


# -- tokens ----------------------------------------------------------------------------------------

def test_tokens_are_compared_with_hmac_compare_digest(client, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = security.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    assert client.get("/v1/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/v1/events", headers={"Authorization": f"Bearer {READ_TOKEN}"}).status_code == 200
    r = client.post("/v1/articles", json={"text": "x"}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    assert (b"wrong", READ_TOKEN.encode()) in calls and (b"nope", TOKEN.encode()) in calls
    assert all(isinstance(a, bytes) and isinstance(b, bytes) for a, b in calls)


def test_token_prefix_and_near_misses_are_refused(client) -> None:
    for given in (TOKEN[:-1], TOKEN + "x", TOKEN.upper(), TOKEN[:1], "", TOKEN.replace("-", "")):
        r = client.post("/v1/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {given}"})
        assert r.status_code in (401, 403), given


@pytest.mark.parametrize("header", [
    b"Bearer \xff\xfe\xfd", b"Bearer " + "é".encode("latin-1"), b"Basic dXNlcjpwYXNz", b"Bearer", b"Token " + TOKEN.encode(),
    b"Bearer " + b"a" * 20_000, b"Bearer \x00" + TOKEN.encode(),
])
def test_odd_authorization_headers_are_refused_not_crashed(client, header: bytes) -> None:
    for method, path in (("GET", "/v1/events"), ("POST", "/v1/articles")):
        r = client.request(method, path, headers=[(b"Authorization", header), (b"Content-Type", b"application/json")],
                           content=b'{"text": "x"}' if method == "POST" else None)
        assert r.status_code in (400, 401, 403), (method, header[:30], r.status_code)
        assert "content-security-policy" in r.headers


# -- CORS and headers on every kind of answer ----------------------------------------------------

def test_no_cors_grant_even_with_tokens_configured(client) -> None:
    origin = {"Origin": "https://attacker.example"}
    pre = client.options("/v1/articles", headers={**origin, "Access-Control-Request-Method": "POST",
                                                  "Access-Control-Request-Headers": "authorization"})
    got = client.get("/v1/events", headers={**origin, "Authorization": f"Bearer {READ_TOKEN}"})
    for r in (pre, got):
        assert not any(h.startswith("access-control-") for h in r.headers), r.headers


@pytest.mark.parametrize("request_", [
    ("GET", "/v1/events", {}, None),                                      # 401 no read token
    ("GET", "/v1/events?date_from=bogus", {"Authorization": f"Bearer {READ_TOKEN}"}, None),  # 422
    ("DELETE", "/v1/events", {"Authorization": f"Bearer {TOKEN}"}, None),  # 405
    ("POST", "/v1/extract", {"Authorization": f"Bearer {READ_TOKEN}"}, {"text": "w " * 5000}),  # 413
    ("GET", "/no/such/page", {}, None),                                   # 404
])
def test_security_headers_on_error_answers(client, request_) -> None:  # type: ignore[no-untyped-def]
    method, path, headers, body = request_
    r = client.request(method, path, headers=headers, json=body)
    assert r.status_code >= 400
    assert "'unsafe-inline'" not in r.headers["content-security-policy"]
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"


# -- traversal through the export and article routes ---------------------------------------------

@pytest.mark.parametrize("fmt", ["../../etc/passwd", "csv/../../x", "csv%00.html", "..%2f..%2fpasswd", "CSV", "html"])
def test_export_format_cannot_name_a_file(client, fmt: str) -> None:
    r = client.get(f"/v1/events?format={fmt}", headers={"Authorization": f"Bearer {READ_TOKEN}"})
    assert r.status_code == 422
    assert "content-disposition" not in r.headers


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_file_name_is_fixed(client, fmt: str) -> None:
    r = client.get(f"/v1/events?format={fmt}&q=..%2F..%2Fetc", headers={"Authorization": f"Bearer {READ_TOKEN}"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="events.{fmt}"'


@pytest.mark.parametrize("path", [
    "/v1/articles/..%2F..%2Fetc%2Fpasswd", "/v1/articles/%2e%2e", "/v1/articles/..%5c..%5cwin.ini",
    "/static/%252e%252e/%252e%252e/api/app.py", "/static/%c0%ae%c0%ae/api/app.py", "/static/\uff0e\uff0e/api/app.py",
    "/static/js%2f..%2f..%2f..%2fpipeline.py", "/static/js/main.js/..", "/static/./js/../../web/server.py",
    "/basemap/../api/app.py", "/articles/../../src/eventwire/config.py",
])
def test_encoded_traversal_never_reads_a_file(client, path: str) -> None:
    r = client.get(path, headers={"Authorization": f"Bearer {READ_TOKEN}"})
    assert r.status_code in (404, 422) or (r.status_code == 200 and path.startswith("/articles/")), r.status_code
    for leaked in (b"import ", b"root:", b"def ", b"[fonts]"):
        assert leaked not in r.content, path


# -- limits over HTTP ----------------------------------------------------------------------------

def test_article_size_limit_applies_over_http_without_loading_the_model(tiny_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "limits.duckdb"
    db.write_bytes(tiny_db.read_bytes())
    app = create_app(Settings(max_article_chars=1000), db, dashboard=False)  # the real Pipeline class
    with TestClient(app) as c:
        r = c.post("/v1/extract", json={"id": "big", "text": "w" * 1001})
        assert r.status_code == 200
        (failure,) = r.json()["failures"]
        assert failure["article_id"] == "big" and failure["stage"] == "limits"
        assert "max_article_chars" in failure["reason"] and "EVENTWIRE_MAX_ARTICLE_CHARS" in failure["reason"]
    assert app.state.pipeline.model_name is None, "an over-long article is refused before any model work"


def test_article_count_and_body_limits_name_their_setting(client) -> None:
    auth = {"Authorization": f"Bearer {READ_TOKEN}"}
    r = client.post("/v1/extract", json=[{"text": "a"}] * 4, headers=auth)
    assert r.status_code == 422 and "max_articles_per_request" in r.json()["detail"]
    r = client.post("/v1/extract", json={"text": "a" * 5000}, headers=auth)
    assert r.status_code == 413 and "max_request_bytes" in r.json()["detail"]


# -- graceful shutdown ---------------------------------------------------------------------------

def _wait_healthy(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/v1/health", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            pass
        if proc.poll() is not None:
            pytest.fail(f"serve exited early: {proc.communicate()[1].decode(errors='replace')}")
        time.sleep(0.1)
    pytest.fail("eventwire serve did not answer within 60 s")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs POSIX signals")
def test_sigterm_stops_serve_promptly_with_the_database_intact(tiny_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    db.write_bytes(tiny_db.read_bytes())
    con = duckdb.connect(str(db), read_only=True)
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in ("articles", "events", "failures")}
    con.close()
    port = free_port()
    # writable (a token is set): the hard case, the server holds the file open for writing
    env = subprocess_env(EVENTWIRE_API_TOKEN=TOKEN)
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, proc)
        with urllib.request.urlopen(base + "/v1/events?format=jsonl", timeout=10) as r:
            assert r.status == 200 and r.read().count(b"\n") == before["events"][0]
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
        elapsed = time.monotonic() - started
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, err.decode(errors="replace")
    assert elapsed < 10
    assert b"Traceback" not in err
    assert not Path(str(db) + ".wal").exists(), "the database was checkpointed and closed"
    con = duckdb.connect(str(db), read_only=True)
    try:
        after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in ("articles", "events", "failures")}
        assert json.loads(con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]) >= 1
    finally:
        con.close()
    assert after == before
