"""Write-path failures found by the outside audit (issue 19): nothing good is lost, ids stay reachable."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from ew_helpers import TOKEN, FakePipeline, article, make_client

from eventwire.api import create_app
from eventwire.api.background import BackgroundServer
from eventwire.config import Settings

AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
SURROGATE_BODY = b'[{"id": "s", "text": "Police \\ud800met protesters.", "title": "t\\udfff"}, ' \
                 b'{"id": "good", "text": "Envoys met in Lagos."}]'


def test_lone_surrogate_in_extract_is_replaced_not_500(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        r = c.post("/v1/extract", content=SURROGATE_BODY, headers=AUTH, params={"annotations": "true"})
        assert r.status_code == 200, r.text
        results = {x["article_id"]: x for x in r.json()["results"]}
        assert set(results) == {"s", "good"}
        assert results["s"]["annotation"]["text"] == "Police \ufffdmet protesters."
        assert any("lone surrogate" in w for w in results["s"]["warnings"])


def test_lone_surrogate_in_a_write_stores_every_article(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        r = c.post("/v1/articles", content=SURROGATE_BODY, headers=AUTH)
        assert r.status_code == 200, r.text
        assert [s["article_id"] for s in r.json()["stored"]] == ["s", "good"]
        got = c.get("/v1/articles/s").json()
        assert got["text"] == "Police \ufffdmet protesters." and got["title"] == "t\ufffd"
        assert c.get("/v1/articles/good").status_code == 200


def test_ids_with_slashes_are_reachable(fresh_db):
    aid = "https://news.example.org/2024/06/10/story?x=1&y=2"
    with make_client(fresh_db, api_token=TOKEN) as c:
        r = c.post("/v1/articles", json=article("Ministers met.", id=aid), headers=AUTH)
        (stored,) = r.json()["stored"]
        assert stored["url"] == "/v1/articles/https%3A%2F%2Fnews.example.org%2F2024%2F06%2F10%2Fstory%3Fx%3D1%26y%3D2"
        got = c.get(stored["url"])
        assert got.status_code == 200 and got.json()["article_id"] == aid
        plain = "wire/2024/06/a"
        c.post("/v1/articles", json=article("Envoys met.", id=plain), headers=AUTH)
        assert c.get("/v1/articles/wire/2024/06/a").json()["article_id"] == plain
        assert c.get("/v1/articles/wire%2F2024%2F06%2Fa").json()["article_id"] == plain
        page = c.get("/articles/wire%2F2024%2F06%2Fa")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert c.get("/v1/articles/wire/2024/06/b").status_code == 404


def test_two_copies_in_one_request_store_the_last_and_warn(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as c:
        before = c.get("/v1/articles").json()["total"]
        body = [article("Old text met.", id="dup"), article("Other met.", id="other"), article("New text met.", id="dup")]
        r = c.post("/v1/articles", json=body, headers=AUTH).json()
        assert [s["article_id"] for s in r["stored"]] == ["other", "dup"]
        assert len(r["warnings"]) == 1 and "'dup'" in r["warnings"][0] and "request:2" in r["warnings"][0]
        assert c.get("/v1/articles/dup").json()["text"] == "New text met."
        assert c.get("/v1/articles").json()["total"] == before + 2


def test_server_limit_on_article_size_keeps_the_others(fresh_db):
    with make_client(fresh_db, api_token=TOKEN, api_max_article_chars=100) as c:
        body = [article("word " * 40, id="long"), article("Envoys met.", id="short")]
        r = c.post("/v1/articles", json=body, headers=AUTH).json()
        assert [s["article_id"] for s in r["stored"]] == ["short"]
        (failure,) = r["failures"]
        assert failure["article_id"] == "long" and failure["stage"] == "limits"
        assert "api_max_article_chars" in failure["reason"]
        r = c.post("/v1/extract", json=article("word " * 40, id="long")).json()
        assert r["results"] == [] and r["failures"][0]["stage"] == "limits"


class BlockingPipeline(FakePipeline):
    """The fake pipeline, held inside its first call until ``release`` is set."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    def annotate_many(self, articles):
        self.entered.set()
        assert self.release.wait(60)
        yield from super().annotate_many(articles)


def _post(url: str, body: dict) -> int:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers=AUTH, method="POST")
    with urllib.request.urlopen(req, timeout=120) as r:
        return int(r.status)


def test_reads_answer_while_many_writers_wait_for_the_pipeline(fresh_db):
    """More writers than the server's shared thread pool (40) wait; reads still answer meanwhile."""
    pipe = BlockingPipeline()
    app = create_app(Settings(api_token=TOKEN), fresh_db, pipeline=pipe)
    with BackgroundServer(app) as url, ThreadPoolExecutor(max_workers=48) as pool:
        writes = [pool.submit(_post, url + "/v1/articles", article(f"Envoys met in round {i}.", id=f"w{i}"))
                  for i in range(48)]
        try:
            assert pipe.entered.wait(30)
            for path in ("/v1/health", "/v1/events?limit=5", "/v1/articles?limit=1", "/v1/stats"):
                with urllib.request.urlopen(url + path, timeout=20) as r:
                    assert r.status == 200
            assert not pipe.release.is_set() and not any(w.done() for w in writes)
        except urllib.error.URLError as exc:  # a read stuck behind the writers times out
            raise AssertionError(f"a read did not answer while writers waited: {exc}") from exc
        finally:
            pipe.release.set()
        assert [w.result() for w in writes] == [200] * 48
