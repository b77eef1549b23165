"""The API counts political event data by default; ``political=any|false`` reach the rest."""

from __future__ import annotations

import dataclasses

from ew_helpers import make_client
from ew_sample import build_store
from test_api_events import fetch_all, ids

from eventwire.records import Annotation


def _mark(sample: list[Annotation]) -> list[Annotation]:
    """Every third event of the first 8 articles marked non-political (stored as with --all-events)."""
    out, k = [], 0
    for ann in sample[:8]:
        events = []
        for ev in ann.events:
            k += 1
            events.append(dataclasses.replace(ev, political=k % 3 != 0, relevance=0.9 if k % 3 else 0.1))
        out.append(dataclasses.replace(ann, events=tuple(events)))
    return out


def test_default_counts_political_events_only(tmp_path, sample):
    marked = _mark(sample)
    events = [e for a in marked for e in a.events]
    political = {e.id for e in events if e.political}
    other = {e.id for e in events if not e.political}
    assert political and other
    path = tmp_path / "pol.duckdb"
    build_store(str(path), marked)
    with make_client(path) as client:
        assert ids(fetch_all(client)) == political
        assert ids(fetch_all(client, political="any")) == political | other
        assert ids(fetch_all(client, political="false")) == other
        stats = client.get("/v1/stats").json()
        assert stats["total_events"] == len(political)
        assert client.get("/v1/health").json()["events"] == len(political)
        r = client.get("/v1/events", params={"political": "maybe"})
        assert r.status_code == 422 and "political" in r.text
