"""GET /v1/articles, /v1/articles/{id}, /v1/actors, /v1/network, /v1/stats, /v1/events/points."""

from __future__ import annotations

from collections import Counter


def test_article_list_and_search(client, sample):
    body = client.get("/v1/articles", params={"limit": 1000}).json()
    assert body["total"] == len(sample)
    dates = [a["date"] for a in body["articles"]]
    assert dates == sorted(dates, reverse=True)
    found = client.get("/v1/articles", params={"q": "Sample dispatch 17"}).json()
    assert [a["id"] for a in found["articles"]] == ["sample-017"]
    page2 = client.get("/v1/articles", params={"limit": 10, "offset": 10}).json()
    assert [a["id"] for a in page2["articles"]] == [a["id"] for a in body["articles"][10:20]]


def test_article_detail_round_trips_the_annotation(client, sample):
    ann = next(a for a in sample if a.quotes and len(a.events) > 1)
    got = client.get(f"/v1/articles/{ann.article.id}").json()
    text = got["text"]
    assert text == ann.article.text
    assert got["sentences"] == [list(s) for s in ann.sentences]
    assert len(got["events"]) == len(ann.events)
    for ev in got["events"]:
        assert text[ev["span"][0]:ev["span"][1]] == ev["event_text"]
    for e in got["entities"]:
        assert text[e["span"][0]:e["span"][1]] == e["entity_text"]
    for p in got["places"]:
        assert text[p["span"][0]:p["span"][1]] == p["extracted_place"]
    for t in got["timexes"]:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
    q = got["quotes"][0]
    assert text[q["content_span"][0]:q["content_span"][1]] == q["content"]
    assert q["speaker"]["entity_text"] == ann.quotes[0].speaker.entity_text


def test_unknown_article_is_404(client):
    r = client.get("/v1/articles/no-such-article")
    assert r.status_code == 404 and "no-such-article" in r.json()["detail"]


def _actor_counts(sample):
    counts: Counter[str] = Counter()
    for a in sample:
        for ev in a.events:
            keys = {x.name or f"{x.code} {x.sector}" for x in ev.actor + ev.recipient}
            counts.update(keys)
    return counts


def test_actors_counts_and_partners(client, sample):
    actors = client.get("/v1/actors", params={"limit": 100, "partners": 3}).json()["actors"]
    expected = _actor_counts(sample)
    assert {a["key"]: a["n_events"] for a in actors} == dict(expected)
    top = actors[0]
    assert top["n_events"] == max(expected.values())
    assert top["n_as_actor"] + top["n_as_recipient"] >= top["n_events"]
    assert 0 < len(top["top_partners"]) <= 3
    partners = [p["n_events"] for p in top["top_partners"]]
    assert partners == sorted(partners, reverse=True)


def test_actors_respect_filters(client, sample):
    actors = client.get("/v1/actors", params={"event": "ASSAULT", "limit": 100}).json()["actors"]
    expected = _actor_counts([a.__class__(a.article, events=tuple(e for e in a.events if e.event == "ASSAULT")) for a in sample])
    assert {a["key"]: a["n_events"] for a in actors} == dict(expected)


def test_network(client, sample):
    net = client.get("/v1/network", params={"limit": 5}).json()
    assert len(net["nodes"]) == 5
    keys = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in keys and e["target"] in keys for e in net["edges"])
    for n in net["nodes"]:
        assert sum(n["quads"]) == n["n_events"]
    for e in net["edges"]:
        assert sum(e["quads"]) == e["n"]
    # an edge's count is the number of events with that actor and that recipient
    e = net["edges"][0]
    n = sum(1 for a in sample for ev in a.events
            if any((x.name or f"{x.code} {x.sector}") == e["source"] for x in ev.actor)
            and any((x.name or f"{x.code} {x.sector}") == e["target"] for x in ev.recipient))
    assert e["n"] == n


def test_stats(client, sample):
    s = client.get("/v1/stats").json()
    evs = [e for a in sample for e in a.events]
    assert s["total_events"] == len(evs) and s["total_articles"] == len({e.article_id for e in evs})
    assert sum(d["n"] for d in s["by_day"]) == len(evs)
    for d in s["by_day"]:
        assert d["q1"] + d["q2"] + d["q3"] + d["q4"] == d["n"]
    assert {r["event"]: r["n"] for r in s["by_type"]} == dict(Counter(e.event for e in evs))
    assert {r["country_code"]: r["n"] for r in s["by_country"]} == dict(
        Counter(e.event_loc.country_code if e.event_loc else None for e in evs))
    filtered = client.get("/v1/stats", params={"quad": "4"}).json()
    assert filtered["total_events"] == sum(1 for e in evs if e.quad_code == 4)


def test_points(client, sample):
    body = client.get("/v1/events/points", params={"country": "HUN"}).json()
    expected = [e for a in sample for e in a.events if e.event_loc and e.event_loc.country_code == "HUN"]
    assert body["total"] == len(expected) == len(body["points"])
    assert all(p["country_code"] == "HUN" and -90 <= p["lat"] <= 90 for p in body["points"])
    assert len(client.get("/v1/events/points", params={"limit": 3}).json()["points"]) == 3
