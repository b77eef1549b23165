"""Reads in parallel with writes on a live server: every request answers, nothing is lost."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from ew_helpers import TOKEN, article, make_app

from eventwire.api.background import BackgroundServer


def _call(url: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"} if body is not None else {}
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if body is not None else "GET")
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read())


def test_parallel_reads_and_writes(fresh_db):
    with BackgroundServer(make_app(fresh_db, api_token=TOKEN)) as url:
        jobs = []
        with ThreadPoolExecutor(max_workers=8) as pool:
            for i in range(40):
                if i % 4 == 0:
                    jobs.append(pool.submit(_call, url + "/v1/articles", article(f"Envoys met in round {i}.", id=f"par-{i}")))
                else:
                    path = ("/v1/events?limit=5", "/v1/stats", "/v1/network?limit=5")[i % 3]
                    jobs.append(pool.submit(_call, url + path))
            results = [j.result() for j in jobs]
        assert all(status == 200 for status, _ in results)
        _, listing = _call(url + "/v1/articles?limit=1000")
        assert {f"par-{i}" for i in range(0, 40, 4)} <= {a["id"] for a in listing["articles"]}
        assert listing["total"] == 5 + 10
