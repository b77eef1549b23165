"""POST /v1/articles (token-guarded writes), POST /v1/extract (no storage), read tokens, limits."""

from __future__ import annotations

import json

from ew_helpers import READ_TOKEN, TOKEN, article, make_client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_refused_when_no_token_is_configured(fresh_db):
    with make_client(fresh_db) as c:
        r = c.post("/v1/articles", json=article(), headers=bearer("anything"))
        assert r.status_code == 403
        assert "EVENTWIRE_API_TOKEN" in r.json()["detail"]
        assert c.get("/v1/articles").json()["total"] == 5


def test_writes_need_the_right_token(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        r = c.post("/v1/articles", json=article())
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/v1/articles", json=article(), headers=bearer(TOKEN + "x"))
        assert r.status_code == 401
        r = c.post("/v1/articles", json=article(), headers={"Authorization": TOKEN})  # no scheme
        assert r.status_code == 401
        assert c.get("/v1/articles").json()["total"] == 5


def test_write_with_token_stores_the_article(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        body = [article("Ministers met in Lagos.", id="new-1"), article("Envoys talked.", id="new-2", title="Two")]
        r = c.post("/v1/articles", json=body, headers=bearer(TOKEN))
        assert r.status_code == 200, r.text
        assert [s["article_id"] for s in r.json()["stored"]] == ["new-1", "new-2"]
        got = c.get("/v1/articles/new-2").json()
        assert got["title"] == "Two" and got["text"] == "Envoys talked."
        assert got["events"][0]["event_text"] == "Envoys"
        assert c.get("/v1/events", params={"article_id": "new-1"}).json()["total"] == 1
        # idempotent upsert: the same article again leaves one copy
        c.post("/v1/articles", json={"articles": body[:1]}, headers=bearer(TOKEN))
        assert c.get("/v1/articles").json()["total"] == 7


def test_write_reports_failures(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        r = c.post("/v1/articles", json=article("x" * 60_000, id="huge"), headers=bearer(TOKEN))
        assert r.status_code == 200
        assert r.json()["stored"] == [] and r.json()["failures"][0]["article_id"] == "huge"


def test_extract_needs_no_token_and_stores_nothing(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        r = c.post("/v1/extract", json=article("Diplomats met in Cairo.", id="x1"))
        assert r.status_code == 200
        res = r.json()["results"][0]
        assert res["article_id"] == "x1" and res["events"][0]["event"] == "CONSULT"
        assert "annotation" not in res
        assert c.get("/v1/articles/x1").status_code == 404


def test_extract_shapes_and_annotations(client):
    one = client.post("/v1/extract", params={"annotations": "true"}, json=article("Leaders met.", id="a"))
    assert one.json()["results"][0]["annotation"]["text"] == "Leaders met."
    many = client.post("/v1/extract", json=[article("A met.", id="a"), article("B met.", id="b")])
    assert [r["article_id"] for r in many.json()["results"]] == ["a", "b"]
    wrapped = client.post("/v1/extract", json={"articles": [article("C met.", id="c")]})
    assert wrapped.json()["results"][0]["article_id"] == "c"
    empty = client.post("/v1/extract", json=article("   ", id="e"))
    assert empty.json()["results"][0]["events"] == [] and empty.json()["results"][0]["warnings"]


def test_extract_limits(sample_db):
    with make_client(sample_db, max_articles_per_request=2, max_request_bytes=2000) as c:
        r = c.post("/v1/extract", json=[article("a"), article("b"), article("c")])
        assert r.status_code == 422 and "max_articles_per_request" in r.json()["detail"]
        r = c.post("/v1/extract", json=article("word " * 1000))
        assert r.status_code == 413 and "max_request_bytes" in r.json()["detail"]
        # no Content-Length: a streamed body over the limit is refused too
        def gen():
            yield b'{"text": "'
            for _ in range(100):
                yield b"x" * 100
            yield b'"}'
        r = c.post("/v1/extract", content=gen(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413
        assert c.post("/v1/extract", json=[]).status_code == 422


def test_bad_bodies_are_422(client):
    assert client.post("/v1/extract", json={"txt": "no text field"}).status_code == 422
    assert client.post("/v1/extract", json={"text": 5}).status_code == 422
    assert client.post("/v1/extract", content=b"not json", headers={"Content-Type": "application/json"}).status_code == 422


def test_read_token(fresh_db):
    with make_client(fresh_db, api_read_token=READ_TOKEN, api_token=TOKEN) as c:
        assert c.get("/v1/events").status_code == 401
        assert c.get("/v1/events", headers=bearer("wrong")).status_code == 401
        assert c.get("/v1/events", headers=bearer(READ_TOKEN)).status_code == 200
        assert c.get("/v1/events", headers=bearer(TOKEN)).status_code == 200
        assert c.post("/v1/extract", json=article()).status_code == 401
        health = c.get("/v1/health")
        assert health.status_code == 200 and "events" not in health.json()
        # the read token does not allow writes
        assert c.post("/v1/articles", json=article(), headers=bearer(READ_TOKEN)).status_code == 401
        assert c.get("/", headers={}).status_code == 200  # the page itself; its data calls need the token


def test_meta_endpoints(client):
    assert client.get("/v1/health").json()["status"] == "ok"
    v = client.get("/v1/version").json()
    assert v["api"] == "v1" and v["schema_version"] >= 1 and v["eventwire"]
    spec = client.get("/openapi.json").json()
    assert "/v1/events" in spec["paths"] and "/v1/extract" in spec["paths"]
    assert json.dumps(spec).count("bbox") >= 1
