"""The per-article timeout holds in the server's worker threads: the slow article fails, the rest go on."""

from __future__ import annotations

import json
import urllib.request

from ew_helpers import TOKEN

from eventwire.api import create_app
from eventwire.api.background import BackgroundServer
from eventwire.config import Settings
from eventwire.pipeline import Pipeline


def _post(url: str, body: object) -> dict:
    req = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.status == 200
        return json.loads(r.read())


def test_slow_article_times_out_in_a_served_request(fresh_db, pipeline):
    settings = Settings(api_token=TOKEN, article_timeout_s=0.05)
    pipe = Pipeline(settings)
    pipe._nlp = pipeline.nlp  # share the session's loaded model
    slow = {"text": "The president met the king in Paris on Monday. " * 400, "date": "2024-06-10", "id": "slow-1"}
    quick = {"text": "Ministers met in Lagos.", "date": "2024-06-10", "id": "quick-1"}
    app = create_app(settings, fresh_db, pipeline=pipe, dashboard=False)
    with BackgroundServer(app) as url:
        out = _post(url + "/v1/articles", [slow, quick])
        assert [s["article_id"] for s in out["stored"]] == ["quick-1"]
        [failure] = out["failures"]
        assert failure["article_id"] == "slow-1" and failure["stage"] == "timeout"
        assert "article_timeout_s" in failure["reason"]
        # the server goes on serving extraction after the timeout
        again = _post(url + "/v1/extract", {"text": "Police arrested protesters in Nairobi.", "id": "after"})
        assert again["failures"] == [] and again["results"][0]["article_id"] == "after"
    with app.state.db.cursor() as cur:
        stored = {r[0] for r in cur.execute("select id from articles").fetchall()}
        failed = cur.execute("select stage from failures where article_id = 'slow-1'").fetchall()
    assert "quick-1" in stored and "slow-1" not in stored
    assert failed == [("timeout",)]
