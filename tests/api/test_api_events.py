"""GET /v1/events: every filter against a Python oracle, sorting, cursor pages, downloads."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from eventwire.records import Annotation, Event


def all_events(sample: list[Annotation]) -> list[Event]:
    return [e for a in sample for e in a.events]


def fetch_all(client, **params) -> list[dict]:
    """Follow next_cursor to the end; fail on a repeated page."""
    out, cursor, seen = [], None, set()
    for _ in range(500):
        q = dict(params)
        if cursor:
            q["cursor"] = cursor
        r = client.get("/v1/events", params=q)
        assert r.status_code == 200, r.text
        body = r.json()
        out.extend(body["events"])
        cursor = body["next_cursor"]
        if not cursor:
            return out
        assert cursor not in seen
        seen.add(cursor)
    raise AssertionError("pagination did not end")


def ids(events) -> set[str]:
    return {e["id"] if isinstance(e, dict) else e.id for e in events}


def test_default_page_has_records_of_the_contract(client, sample):
    body = client.get("/v1/events").json()
    assert body["total"] == len(all_events(sample))
    assert body["count"] == min(100, body["total"]) == len(body["events"])
    ev = body["events"][0]
    for key in ("id", "article_id", "event", "mode", "aux_mode", "quad_code", "actor", "recipient",
                "event_loc", "event_text", "span", "sentence_index", "text", "confidence", "date"):
        assert key in ev
    assert ev["article_date"]  # added for the table view


def _date_ok(e: Event, lo: str | None, hi: str | None) -> bool:
    return e.date is not None and (lo is None or e.date >= lo) and (hi is None or e.date <= hi)


def _names(ents) -> str:
    return " ".join(filter(None, [x.name for x in ents] + [x.entity_text for x in ents])).lower()


ORACLES = {
    "date_from=2024-06-01": lambda e: _date_ok(e, "2024-06-01", None),
    "date_to=2024-05-15": lambda e: _date_ok(e, None, "2024-05-15"),
    "date_from=2024-05-10&date_to=2024-05-20": lambda e: _date_ok(e, "2024-05-10", "2024-05-20"),
    "date_from=2024-06&date_to=2024-06": lambda e: _date_ok(e, "2024-06-01", "2024-06-30"),
    "event=ASSAULT": lambda e: e.event == "ASSAULT",
    "event=assault,protest": lambda e: e.event in {"ASSAULT", "PROTEST"},
    "mode=visit": lambda e: e.mode == "visit",
    "quad=4": lambda e: e.quad_code == 4,
    "quad=1,2": lambda e: e.quad_code in {1, 2},
    "actor=HUN": lambda e: any(a.code == "HUN" for a in e.actor) or "hun" in _names(e.actor),
    "actor=okafor": lambda e: "okafor" in _names(e.actor),
    "actor_code=MYS,CHL": lambda e: any(a.code in {"MYS", "CHL"} for a in e.actor),
    "actor_name=Varga": lambda e: "varga" in _names(e.actor),
    "actor_sector=MIL": lambda e: any(a.sector == "MIL" for a in e.actor),
    "recipient=UNO": lambda e: any(a.code == "UNO" for a in e.recipient) or "uno" in _names(e.recipient),
    "recipient_code=EGY": lambda e: any(a.code == "EGY" for a in e.recipient),
    "recipient_name=students": lambda e: "students" in _names(e.recipient),
    "recipient_sector=GOV,COP": lambda e: any(a.sector in {"GOV", "COP"} for a in e.recipient),
    "country=HUN": lambda e: e.event_loc is not None and e.event_loc.country_code == "HUN",
    "country=hun,chl": lambda e: e.event_loc is not None and e.event_loc.country_code in {"HUN", "CHL"},
    "bbox=0,40,30,50": lambda e: e.event_loc is not None and 0 <= e.event_loc.lon <= 30 and 40 <= e.event_loc.lat <= 50,
    # crosses the antimeridian: from 100E eastwards to 60W (Kuala Lumpur, Santiago, not Ottawa)
    "bbox=100,-40,-60,10": lambda e: e.event_loc is not None and (e.event_loc.lon >= 100 or e.event_loc.lon <= -60) and -40 <= e.event_loc.lat <= 10,
    "aux_mode=none": lambda e: not e.aux_mode,
    "aux_mode=any": lambda e: bool(e.aux_mode),
    "aux_mode=future": lambda e: "future" in e.aux_mode,
    "aux_mode=negation": lambda e: "negation" in e.aux_mode,
    "q=fired on": lambda e: "fired on" in e.text.lower(),
    "q=IN BUDAPEST": lambda e: "in budapest" in e.text.lower(),
    "article_id=sample-003": lambda e: e.article_id == "sample-003",
    "event=CONSULT&country=NGA&quad=1": lambda e: e.event == "CONSULT" and e.event_loc is not None and e.event_loc.country_code == "NGA",
}


@pytest.mark.parametrize("query", list(ORACLES))
def test_filter_matches_oracle(client, sample, query):
    expected = {e.id for e in all_events(sample) if ORACLES[query](e)}
    params = dict(p.split("=", 1) for p in query.split("&"))
    got = fetch_all(client, limit=1000, **params)
    assert ids(got) == expected
    assert client.get("/v1/events", params={**params, "limit": 1}).json()["total"] == len(expected)


def test_filters_are_not_vacuous(sample):
    # each oracle must select something and not everything, or its test proves little
    evs = all_events(sample)
    for query, oracle in ORACLES.items():
        n = sum(1 for e in evs if oracle(e))
        assert 0 < n < len(evs), query


def test_id_filter(client, sample):
    wanted = [e.id for e in all_events(sample)[:3]]
    got = client.get("/v1/events", params={"id": ",".join(wanted)}).json()["events"]
    assert ids(got) == set(wanted)


SORTS = ["date", "-date", "event", "-event", "quad_code", "-quad_code", "confidence", "-confidence",
         "article_id", "-article_id", "country_code", "-country_code", "id"]


@pytest.mark.parametrize("sort", SORTS)
def test_sort_and_cursor_pages_cover_everything_once(client, sample, sort):
    got = fetch_all(client, sort=sort, limit=7)
    assert len(got) == len(all_events(sample))
    assert ids(got) == ids(all_events(sample))
    name = sort.lstrip("-")
    null = {"quad_code": 0, "confidence": -1.0}.get(name, "")

    def key(ev):
        v = ev["event_loc"]["country_code"] if name == "country_code" and ev["event_loc"] else ev.get(name)
        return (null if v is None else v, ev["id"])

    keys = [key(e) for e in got]
    assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_pages_with_filters(client, sample):
    expected = {e.id for e in all_events(sample) if e.quad_code == 4}
    got = fetch_all(client, quad="4", limit=3, sort="-date")
    assert [e["id"] for e in got] != [] and ids(got) == expected and len(got) == len(expected)


def test_cursor_is_tied_to_its_sort(client):
    cursor = client.get("/v1/events", params={"limit": 2, "sort": "date"}).json()["next_cursor"]
    assert cursor
    r = client.get("/v1/events", params={"limit": 2, "sort": "-date", "cursor": cursor})
    assert r.status_code == 422 and "sort" in r.json()["detail"]


@pytest.mark.parametrize("cursor", ["nonsense", "e30", "!!!", "eyJzIjoiLWRhdGUifQ"])
def test_bad_cursor_is_a_clear_422(client, cursor):
    r = client.get("/v1/events", params={"cursor": cursor})
    assert r.status_code == 422
    assert "cursor" in r.json()["detail"]


@pytest.mark.parametrize("params, word", [
    ({"date_from": "June 2024"}, "date_from"),
    ({"quad": "5"}, "quad"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "0,50,10,40"}, "bbox"),
    ({"sort": "text"}, "sort"),
    ({"aux_mode": "maybe"}, "aux_mode"),
    ({"limit": "5000"}, "limit"),
    ({"format": "xlsx"}, "format"),
    ({"event": "A" * 30}, "event"),
])
def test_invalid_parameters_are_422_with_the_name(client, params, word):
    r = client.get("/v1/events", params=params)
    assert r.status_code == 422
    assert word in json.dumps(r.json())


def test_csv_download(client, sample):
    r = client.get("/v1/events", params={"format": "csv", "quad": "3,4", "sort": "date"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    expected = [e for e in all_events(sample) if e.quad_code in (3, 4)]
    assert {row["id"] for row in rows} == ids(expected)
    row = rows[0]
    ev = next(e for e in expected if e.id == row["id"])
    assert row["actor_codes"] == ";".join(a.code or "" for a in ev.actor)
    assert row["event"] == ev.event and row["text"] == ev.text


def test_jsonl_download_has_full_records(client, sample):
    r = client.get("/v1/events", params={"format": "jsonl", "actor_sector": "GOV"})
    assert r.status_code == 200
    lines = [json.loads(line) for line in r.text.splitlines()]
    expected = [e for e in all_events(sample) if any(a.sector == "GOV" for a in e.actor)]
    assert ids(lines) == ids(expected)
    assert all(isinstance(line["actor"], list) and line["actor"][0]["sector"] == "GOV" or
               any(a["sector"] == "GOV" for a in line["actor"]) for line in lines)


def test_parquet_download(client, sample):
    r = client.get("/v1/events", params={"format": "parquet", "country": "HUN"})
    assert r.status_code == 200
    table = pq.read_table(io.BytesIO(r.content))
    expected = [e for e in all_events(sample) if e.event_loc and e.event_loc.country_code == "HUN"]
    assert table.num_rows == len(expected)
    assert set(table.column("id").to_pylist()) == ids(expected)
    assert set(table.column("country_code").to_pylist()) == {"HUN"}


def test_download_limit_and_no_cursor(client):
    r = client.get("/v1/events", params={"format": "jsonl", "limit": 3})
    assert len(r.text.splitlines()) == 3
    cursor = client.get("/v1/events", params={"limit": 1}).json()["next_cursor"]
    assert client.get("/v1/events", params={"format": "csv", "cursor": cursor}).status_code == 422


def test_csv_cells_cannot_start_formulas(tmp_path):
    from datetime import date

    from ew_helpers import make_client
    from ew_sample import ACTORS, PLACES, VERBS, build_store, make_annotation

    ann = make_annotation("formula", date(2024, 1, 2), [(ACTORS[0], VERBS[0], ACTORS[1], PLACES[0], 0)],
                          extra_text="=HYPERLINK(\"http://example.invalid\")")
    import dataclasses
    ev = dataclasses.replace(ann.events[0], text="=cmd|' /C calc'!A0")
    build_store(str(tmp_path / "f.duckdb"), [dataclasses.replace(ann, events=(ev,))])
    with make_client(tmp_path / "f.duckdb") as c:
        rows = list(csv.DictReader(io.StringIO(c.get("/v1/events", params={"format": "csv"}).text)))
    assert rows[0]["text"].startswith("'=")
