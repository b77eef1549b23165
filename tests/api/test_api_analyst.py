"""What analysts reach for: unique events, series, dyads, codebook, intensity, one export layout, validation."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from ew_helpers import TOKEN, article, make_client
from ew_stories import REPEATED, build_story_db

from eventwire.store.layout import EXPORT_COLUMNS


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    path = tmp_path_factory.mktemp("stories") / "stories.duckdb"
    anns = build_story_db(str(path))
    with make_client(path) as c:
        yield c, anns, path


def _total(client, **params) -> int:
    r = client.get("/v1/events", params={"limit": 1, **params})
    assert r.status_code == 200, r.text
    return r.json()["total"]


def test_unique_counts_each_retold_event_once(stories):
    client, anns, _ = stories
    n_events = sum(len(a.events) for a in anns)
    repeated = sum(len(a.events) for a in anns[:REPEATED])
    assert _total(client) == n_events
    unique = _total(client, unique="true")
    assert unique <= n_events - repeated  # every retold event merges with its first telling
    body = client.get("/v1/events", params={"unique": "true", "limit": 1000}).json()
    clusters = [e["cluster_id"] for e in body["events"]]
    assert len(clusters) == len(set(clusters)) == unique and None not in clusters
    retold = next(e for e in client.get("/v1/events", params={"limit": 1000}).json()["events"] if e["id"].endswith("-b"))
    assert retold["num_articles"] >= 2 and retold["num_sources"] >= 2
    # the filters apply before the choice of one event per cluster
    for params in ({"event": "ASSAULT"}, {"quad": "1,2"}, {"country": "HUN"}):
        assert _total(client, unique="true", **params) <= _total(client, **params)
    stats = client.get("/v1/stats", params={"unique": "true"}).json()
    assert stats["unique"] is True and stats["total_events"] == unique


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize("by", ["event", "quad", "country", "dyad"])
@pytest.mark.parametrize("unique", ["false", "true"])
def test_series_points_and_undated_add_up_to_the_event_count(stories, interval, by, unique):
    client, _, _ = stories
    for filters in ({}, {"event": "ASSAULT,PROTEST"}, {"actor_country": "HUN"}):
        r = client.get("/v1/series", params={"interval": interval, "by": by, "unique": unique, **filters})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["interval"] == interval and body["by"] == by
        points = [p for s in body["series"] for p in s["points"]]
        assert sum(p["count"] for p in points) + body["undated"] == _total(client, unique=unique, **filters) == body["total"]
        assert all(set(s) >= {"key", "points"} for s in body["series"])
        if interval == "week":
            import datetime as dt

            assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in points)
        if interval == "month":
            assert all(p["period"].endswith("-01") for p in points)


def test_series_by_event_matches_the_event_filter_and_csv(stories):
    client, _, _ = stories
    body = client.get("/v1/series", params={"interval": "month", "by": "event"}).json()
    for s in body["series"]:
        assert s["total"] == sum(p["count"] for p in s["points"]) == _total(client, event=s["key"])
    r = client.get("/v1/series", params={"interval": "month", "by": "event", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == ["period", "key", "count"]
    assert {(x["period"], x["key"], int(x["count"])) for x in rows} == {
        (p["period"], s["key"], p["count"]) for s in body["series"] for p in s["points"]}


def test_dyad_filters_are_directed_or_symmetric(stories):
    client, anns, _ = stories
    events = [e for a in anns for e in a.events]

    def has(ents, code):
        return any(x.country == code for x in ents)

    hun_actor = sum(has(e.actor, "HUN") for e in events)
    assert _total(client, actor_country="HUN") == hun_actor > 0
    assert _total(client, recipient_country="Hungary") == sum(has(e.recipient, "HUN") for e in events)
    both = sum((has(e.actor, "HUN") and has(e.recipient, "NGA")) or (has(e.actor, "NGA") and has(e.recipient, "HUN"))
               for e in events)
    assert _total(client, dyad="HUN-NGA") == _total(client, dyad="NGA-HUN") == both > 0
    matrix = client.get("/v1/dyads").json()
    cell = {(c["actor"], c["recipient"]): c["n"] for c in matrix["cells"]}
    assert cell.get(("HUN", "NGA"), 0) + cell.get(("NGA", "HUN"), 0) == both
    assert "HUN" in matrix["countries"]
    assert _total(client, actor_country="HUN", recipient_country="NGA") == cell.get(("HUN", "NGA"), 0)


@pytest.mark.parametrize("unique", ["false", "true"])
def test_network_nodes_are_named_actors_whose_counts_match_their_filter(stories, unique):
    client, _, _ = stories
    net = client.get("/v1/network", params={"limit": 100, "unique": unique}).json()
    labels = {n["label"] for n in net["nodes"]}
    assert "people" not in labels and "both sides" not in labels  # generic mentions are no nodes
    for node in net["nodes"]:
        assert _total(client, unique=unique, **{node["filter_param"]: node["filter"]}) == node["n_events"], node["id"]
    countries = client.get("/v1/network", params={"level": "country", "limit": 100, "unique": unique}).json()
    assert countries["level"] == "country"
    hun = next(n for n in countries["nodes"] if n["id"] == "HUN")
    assert hun["name"] == "Hungary" and hun["filter_param"] == "party_country"
    for node in countries["nodes"]:
        assert _total(client, unique=unique, party_country=node["id"]) == node["n_events"]
    matrix = client.get("/v1/dyads", params={"unique": unique, "limit": 100}).json()
    for cell in matrix["cells"]:
        assert _total(client, unique=unique, actor_country=cell["actor"], recipient_country=cell["recipient"]) == cell["n"]


@pytest.mark.parametrize(("params", "field"), [
    ({"date_from": "2024-13-01"}, "date_from"),
    ({"date_to": "2024-02-30"}, "date_to"),
    ({"date_from": "2024-00"}, "date_from"),
    ({"event": "ASSAULT,EXPLODE"}, "event"),
    ({"country": "Narnia"}, "country"),
    ({"actor_country": "ZZZ"}, "actor_country"),
    ({"dyad": "RUS"}, "dyad"),
    ({"limit": "many"}, "limit"),
])
def test_bad_filters_are_422_naming_the_field(stories, params, field):
    client, _, _ = stories
    for path in ("/v1/events", "/v1/stats", "/v1/series"):
        r = client.get(path, params=params)
        if field == "limit" and path != "/v1/events":
            continue
        assert r.status_code == 422, (path, r.text)
        detail = r.json()["detail"]
        assert isinstance(detail, str) and detail.startswith(field), detail
    if field == "event":
        assert "ASSAULT" in detail and "CONSULT" in detail  # the valid types are listed


def test_country_names_aliases_and_several_types_are_accepted(stories):
    client, anns, _ = stories
    assert _total(client, country="Hungary") == _total(client, country="HUN") == _total(client, country="hu") > 0
    events = [e for a in anns for e in a.events]
    assert _total(client, event="ASSAULT,protest") == sum(e.event in {"ASSAULT", "PROTEST"} for e in events)
    assert _total(client, event="DEMAND") == _total(client, event="REQUEST")  # an old draft name


def test_every_4xx_has_one_shape(stories, fresh_db):
    client, _, _ = stories
    for r in (client.get("/v1/nothing"), client.get("/v1/articles/none"), client.get("/v1/events?quad=9"),
              client.post("/v1/articles", json=article())):
        assert 400 <= r.status_code < 500 and set(r.json()) == {"detail"} and isinstance(r.json()["detail"], str)
    with make_client(fresh_db, api_token=TOKEN) as writer:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        for body, field in ((article(date="2024-13-45"), "date"),
                            ({"articles": [article(), article(date="2024-02-30")]}, "articles.1.date")):
            r = writer.post("/v1/articles", json=body, headers=auth)
            assert r.status_code == 422 and r.json()["detail"].startswith(field), r.text
            r = writer.post("/v1/extract", json=body, headers=auth)
            assert r.status_code == 422 and field in r.json()["detail"]


def test_articles_posted_join_clusters(fresh_db):
    with make_client(fresh_db, api_token=TOKEN) as writer:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        text = "Ministers met in Lagos on Monday."
        for i, source in enumerate(("wire A", "wire B")):
            r = writer.post("/v1/articles", json=article(text=text, id=f"posted-{i}", source=source), headers=auth)
            assert r.status_code == 200, r.text
        events = writer.get("/v1/events", params={"q": "Lagos on Monday", "limit": 10}).json()["events"]
        assert len(events) == 2 and events[0]["cluster_id"] == events[1]["cluster_id"]
        assert events[0]["num_articles"] == 2 and events[0]["num_sources"] == 2
        assert writer.get("/v1/events", params={"q": "Lagos on Monday", "unique": "true"}).json()["total"] == 1


def test_codebook_defines_every_type_mode_and_context(stories):
    client, _, _ = stories
    book = client.get("/v1/codebook").json()
    assert [t["event"] for t in book["types"]][:2] == ["AGREE", "CONSULT"] and len(book["types"]) == 16
    for t in book["types"]:
        assert t["definition"] and -10 <= t["intensity"] <= 10
        assert all(m["definition"] for m in t["modes"]), t["event"]
    assert {q["quad"] for q in book["quads"]} == {1, 2, 3, 4}
    assert {a["aux_mode"] for a in book["aux_modes"]} == {"historical", "future", "hypothetical", "negation"}
    assert len(book["contexts"]) >= 30 and all(c["definition"] for c in book["contexts"])
    assert {"code": "UKR", "name": "Ukraine"} in book["countries"]


def test_intensity_is_the_goldstein_value_of_the_root(stories):
    client, anns, _ = stories
    events = client.get("/v1/events", params={"limit": 1000}).json()["events"]
    scale = {"03": 4.0, "04": 1.0, "06": 6.0, "07": 7.0, "10": -5.0, "11": -2.0, "14": -6.5, "17": -7.0, "19": -10.0}
    assert all(e["intensity"] == scale[e["cameo_root"]] for e in events)
    stats = client.get("/v1/stats").json()
    assert stats["intensity_sum"] == pytest.approx(sum(e["intensity"] for e in events), abs=1e-6)


def test_one_export_layout_from_api_cli_and_export(stories, tmp_path, capsys):
    client, anns, path = stories
    from eventwire.cli import main
    from eventwire.cli.formats import write_events

    api = list(csv.DictReader(io.StringIO(client.get("/v1/events", params={"format": "csv", "sort": "id"}).text)))
    out = io.StringIO()
    write_events(anns, "csv", out)
    cli = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert main(["export", "--db", str(path), "-f", "csv", "--out", str(tmp_path), "--table", "events"]) == 0
    capsys.readouterr()
    exported = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    for rows in (api, cli, exported):
        assert tuple(rows[0]) == EXPORT_COLUMNS
    by_id = {r["id"]: r for r in cli}
    exp_by_id = {r["id"]: r for r in exported}
    for row in api:
        assert row == exp_by_id[row["id"]]
        mine = by_id[row["id"]]
        in_db = {"cluster_id", "num_articles", "num_sources"}  # clusters exist in a database only
        assert {k: v for k, v in row.items() if k not in in_db} == {k: v for k, v in mine.items() if k not in in_db}
        assert row["cluster_id"] and row["title"] and row["source"] and row["intensity"]
    generic = next(r for r in api if r["id"].endswith("-g"))
    assert generic["actor_texts"] == "people" and generic["actor_codes"] == ""  # unresolved, still shown
    parquet = client.get("/v1/events", params={"format": "parquet"})
    import pyarrow.parquet as pq

    assert tuple(pq.read_table(io.BytesIO(parquet.content)).column_names) == EXPORT_COLUMNS


def test_old_databases_are_refused_read_only_with_the_fix(tmp_path):
    import duckdb

    from eventwire.errors import StoreError
    from eventwire.store import DuckDBStore

    path = tmp_path / "old.duckdb"
    DuckDBStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="eventwire dedup --db"):
        make_client(Path(path))
