"""The scoreboard's readers, halves and metrics on small gold files written for the test."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.evaluate.acled import AcledNote, acled_kind, chosen_event, score_acled
from eventwire.evaluate.geo import GeoArticle, score_geo
from eventwire.evaluate.geometry import auc_log_error, haversine_km, median
from eventwire.evaluate.scoreboard import format_markdown, run_scoreboard
from eventwire.evaluate.split import half_of, select_half
from eventwire.evaluate.tasks import detect_task, load_items
from eventwire.records import Annotation, Article, Entity, Event, Failure, Place


def _event(kind: str = "ASSAULT", *, mode: str | None = None, date: str | None = "2022-05-02",
           confidence: float = 0.5, aux: tuple[str, ...] = (), place: Place | None = None,
           actor: tuple[Entity, ...] = (), start: int = 0) -> Event:
    return Event(id=f"e{start}", article_id="a", event=kind, mode=mode, aux_mode=aux, context=(), quad_code=4,
                 cameo_root="18", date=date, date_precision="day", date_text=None, actor=actor, recipient=(),
                 event_loc=place, event_text="x", span=(start, start + 1), sentence_index=0, text="x",
                 confidence=confidence)


def _note(gold: dict, text: str = "On 2 May 2022, gunmen killed a farmer.") -> AcledNote:
    return AcledNote(Article(text=text, id=gold.get("id", "n"), date="2022-05-06"), gold)


KYIV = Place(extracted_place="Kyiv", span=(0, 4), lat=50.45, lon=30.52, country_code="UKR", resolution="point")
LVIV = Place(extracted_place="Lviv", span=(0, 4), lat=49.84, lon=24.03, country_code="UKR", resolution="point")


def test_half_is_stable_and_balanced():
    ids = [f"rec-{k}" for k in range(2000)]
    halves = [half_of(i) for i in ids]
    assert halves == [half_of(i) for i in ids]
    assert 900 < halves.count("tune") < 1100
    assert select_half(ids, "tune", str) == [i for i in ids if half_of(i) == "tune"]
    assert select_half(ids, None, str) == ids
    with pytest.raises(ValueError):
        select_half(ids, "dev", str)


def test_geometry():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0
    assert median([3, 1, 2]) == 2 and median([1, 2, 3, 4]) == 2.5 and median([]) is None
    assert auc_log_error([0, 0, 0]) == 0
    assert auc_log_error([20039.0, 20039.0]) == pytest.approx(1.0)
    mixed = auc_log_error([0.0, 100.0])
    assert mixed == pytest.approx(math.log1p(100) / 2 / math.log1p(20039))


def test_acled_scores_one_event_per_note():
    gold_a = {"id": "a", "plover_event": "ASSAULT", "plover_mode": "aerial", "event_date": "2022-05-02",
              "time_precision": 1, "country_iso3": "UKR", "lat": 50.45, "lon": 30.52, "inter1": 1, "fatalities": 3}
    gold_b = {"id": "b", "plover_event": "PROTEST", "plover_mode": "demo", "event_date": "2022-05-03",
              "time_precision": 2, "country_iso3": "UKR", "lat": 50.45, "lon": 30.52, "inter1": 6, "fatalities": 0}
    soldiers = Entity(entity_text="Ukrainian troops", span=(0, 1), name="troops", code="UKR", sector="MIL",
                      country="UKR", kind="group")
    # note a: a hypothetical event with more confidence must be passed over for the real one
    ann_a = Annotation(article=_note(gold_a).article, events=(
        _event("ASSAULT", mode="aerial", confidence=0.4, place=KYIV, actor=(soldiers,), start=5),
        _event("COERCE", confidence=0.9, aux=("hypothetical",), start=1)))
    # note b: wrong type, wrong date, 470 km off
    ann_b = Annotation(article=_note(gold_b).article, events=(_event("ASSAULT", date="2022-05-06", place=LVIV),))
    errors: list[dict] = []
    r = score_acled([(_note(gold_a), ann_a), (_note(gold_b), ann_b)],
                    centroids={"UKR": (49.0, 32.0)}, errors=errors)
    m = r["measures"]
    assert chosen_event(ann_a).event == "ASSAULT"
    assert m["type"] == {"accuracy": 0.5, "n": 2}
    assert m["mode"] == {"accuracy": 0.5, "n": 2}
    assert m["date"] == {"accuracy": 0.5, "n": 2} and m["date_day"] == {"accuracy": 1.0, "n": 1}
    assert m["country"]["accuracy"] == 1.0
    assert m["within_25km"]["accuracy"] == 0.5 and m["within_100km"]["accuracy"] == 0.5
    assert m["actor_kind"]["accuracy"] == 0.5
    assert m["fatalities"] == {"accuracy": 0.0, "n": 1}  # the hand-made event states no toll; gold 3
    assert r["baselines"]["date"]["accuracy"] == 0.0
    assert r["baselines"]["fatalities"] == {"accuracy": 0.0, "n": 1}
    assert [e["id"] for e in errors] == ["a", "b"]
    assert errors[0]["wrong"] == ["fatalities"] and "type" in errors[1]["wrong"]


def test_acled_note_without_event_or_failed_counts_wrong():
    gold = {"id": "c", "plover_event": "ASSAULT", "event_date": "2022-05-02", "time_precision": 1,
            "country_iso3": "UKR", "lat": 50.45, "lon": 30.52, "inter1": 2}
    empty = Annotation(article=_note(gold).article)
    failed = Failure(article_id="c", position=None, reason="bad")
    r = score_acled([(_note(gold), empty), (_note(gold), failed)])
    assert r["measures"]["has_event"] == {"accuracy": 0.0, "n": 2}
    assert r["measures"]["type"]["accuracy"] == 0.0 and r["measures"]["date"]["accuracy"] == 0.0
    assert r["measures"]["median_km"]["value"] is None


def test_acled_kind_mapping():
    def ent(code: str | None, sector: str | None) -> Entity:
        return Entity(entity_text="x", span=(0, 1), name="x", code=code, sector=sector, country=code, kind="group")

    assert acled_kind(_event(place=KYIV, actor=(ent("UKR", "MIL"),))) == 1
    assert acled_kind(_event(place=KYIV, actor=(ent("RUS", "MIL"),))) == 8
    assert acled_kind(_event(actor=(ent(None, "REB"),))) == 2
    assert acled_kind(_event("PROTEST", mode="riot", actor=(ent("UKR", "CVL"),))) == 5
    assert acled_kind(_event("PROTEST", mode="demo")) == 6
    assert acled_kind(_event()) is None


def test_geo_recall_precision_and_accuracy():
    text = "Flooding hit Springfield and Dayton, officials in Ohio said."
    gold = (
        {"span": [13, 24], "text": "Springfield", "lat": 39.92, "lon": -83.81, "geonameid": 4520760},
        {"span": [29, 35], "text": "Dayton", "lat": 39.76, "lon": -84.19, "geonameid": 4509884},
        {"span": [50, 54], "text": "Ohio", "lat": 40.25, "lon": -83.0, "geonameid": 5165418},
        {"span": [0, 3], "text": "Flo", "lat": None, "lon": None},
    )
    pred = (
        Place(extracted_place="Springfield", span=(13, 24), lat=39.80, lon=-89.64, geonameid=4250542),  # Illinois
        Place(extracted_place="Dayton", span=(29, 35), lat=39.76, lon=-84.19, geonameid=4509884),
        Place(extracted_place="officials", span=(37, 46), lat=1.0, lon=1.0),
    )
    art = GeoArticle(Article(text=text, id="g1"), gold)
    errors: list[dict] = []
    r = score_geo([(art, Annotation(article=art.article, places=pred))], errors=errors)
    assert r["gold_toponyms"] == 3
    assert r["recall"] == round(2 / 3, 4)
    assert r["precision"] == round(2 / 3, 4)
    assert r["acc161_found"] == 0.5 and r["acc161_end_to_end"] == round(1 / 3, 4)
    assert r["geonameid_accuracy"] == round(1 / 3, 4)
    assert r["median_km"] == pytest.approx(haversine_km(39.80, -89.64, 39.92, -83.81) / 2, abs=0.1)
    assert {e["toponym"] for e in errors} == {"Springfield", "Ohio"}


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_detect_task_and_halves(tmp_path):
    acled = _write(tmp_path / "a.jsonl", [{"id": f"x{k}", "text": "t", "date": None,
                                           "gold": {"event_date": "2022-01-01"}} for k in range(40)])
    geo = _write(tmp_path / "g.jsonl", [{"id": "1", "text": "t", "gold_places": []}])
    loc = _write(tmp_path / "l.jsonl", [{"id": "1", "text": "t", "event_span": [0, 1], "gold_loc_spans": []}])
    ev = _write(tmp_path / "e.jsonl", [{"id": "1", "text": "t", "events": []}])
    other = _write(tmp_path / "o.jsonl", [{"id": "1", "body": "t"}])
    assert [detect_task(p) for p in (acled, geo, loc, ev)] == ["acled", "geo", "location", "events"]
    with pytest.raises(ValueError):
        detect_task(other)
    tune = load_items(acled, "acled", half="tune")
    check = load_items(acled, "acled", half="check")
    assert len(tune) + len(check) == 40 and tune and check
    assert not {n.article.id for n in tune} & {n.article.id for n in check}
    assert [n.article.id for n in load_items(acled, "acled", sample=5)] == \
        [n.article.id for n in load_items(acled, "acled", sample=5)]
    assert len(load_items(acled, "acled", limit=3)) == 3


ACLED_LINES = [
    {"id": "t1", "text": "On 3 May 2022, police arrested 12 protesters in Lahore.", "date": "2022-05-08",
     "gold": {"event_date": "2022-05-03", "time_precision": 1, "plover_event": "COERCE", "plover_mode": "arrest",
              "country_iso3": "PAK", "lat": 31.55, "lon": 74.34, "inter1": 1, "fatalities": 0}},
    {"id": "t2", "text": "On 4 May 2022, gunmen shot dead two farmers near Kaduna.", "date": "2022-05-09",
     "gold": {"event_date": "2022-05-04", "time_precision": 1, "plover_event": "ASSAULT", "plover_mode": None,
              "country_iso3": "NGA", "lat": 10.52, "lon": 7.44, "inter1": 3, "fatalities": 2}},
]


def test_cli_acled_with_errors(tmp_path, capsys):
    path = _write(tmp_path / "acled.jsonl", ACLED_LINES)
    assert main(["eval", str(path), "--json", "--errors"]) == 0
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["task"] == "acled" and data["notes"] == 2
    assert data["measures"]["date"]["n"] == 2
    assert 0.0 <= data["measures"]["type"]["accuracy"] <= 1.0
    assert all(json.loads(line)["id"] in {"t1", "t2"} for line in out.err.splitlines() if line.strip())


def test_cli_usage_errors(tmp_path, capsys):
    assert main(["eval"]) == 2
    assert main(["eval", "--scoreboard", "--data", str(tmp_path / "none")]) == 2
    path = _write(tmp_path / "acled.jsonl", ACLED_LINES)
    assert main(["eval", str(path), "--limit", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_scoreboard_markdown(tmp_path, pipeline):
    _write(tmp_path / "acled_dev.jsonl", ACLED_LINES * 3)
    rows, raw = run_scoreboard(tmp_path, pipeline, ordinary=None)
    assert {r.data for r in rows} == {"ACLED"} and set(raw["ACLED"]) == {"tune", "check"}
    text = format_markdown(rows, ["make eval"])
    assert "| ACLED | event date |" in text and "publication date" in text
    assert "**tune** half only" in text


def test_readme_markers(tmp_path):
    from eventwire.evaluate.scoreboard import (
        README_END,
        README_START,
        Row,
        table_markdown,
        update_readme,
    )

    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{README_START}\nold table\n{README_END}\n\nafter\n", encoding="utf-8")
    rows = [Row("ACLED", "event date", "0.000", {"tune": "0.61", "check": "0.62"}, {"tune": 3, "check": 4})]
    assert update_readme(readme, table_markdown(rows))
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and "| ACLED | event date | 0.000 | 0.61 | 0.62 | 3 / 4 |" in text
    assert text.endswith("after\n")
    plain = tmp_path / "plain.md"
    plain.write_text("no markers\n", encoding="utf-8")
    assert not update_readme(plain, "table")
    assert plain.read_text(encoding="utf-8") == "no markers\n"


def test_keyword_date_baseline():
    from eventwire.evaluate.acled import first_written_date

    assert first_written_date("Around 9 March 2022 (as reported), a clash.") == "2022-03-09"
    assert first_written_date("On 31 december 2021 and 2 January 2022") == "2021-12-31"
    assert first_written_date("No date here.") is None


def test_geo_events_per_sentence_precision_check():
    from eventwire.evaluate.scoreboard import build_rows

    # two outbreak stories written for the test: three sentences with one event, one sentence with none
    first = Article(text="Cases rose in Lagos. Clinics stayed open. Police arrested a trader.", id="v1")
    second = Article(text="The virus spread to Kano.", id="v2")
    sents_first = ((0, 20), (21, 41), (42, 67))
    ann_first = Annotation(article=first, sentences=sents_first, events=(_event("COERCE", start=42),))
    ann_second = Annotation(article=second, sentences=((0, 25),))
    failed = Failure(article_id="v3", position=None, reason="bad")
    items = [(GeoArticle(first, ()), ann_first), (GeoArticle(second, ()), ann_second),
             (GeoArticle(Article(text="x", id="v3"), ()), failed)]
    r = score_geo(items)
    assert r["sentences"] == 4  # a failed article has no sentences to count
    assert r["events_per_sentence"] == 0.25
    assert r["events_per_article"] == round(1 / 3, 4)
    rows = build_rows("geo", "GeoVirus", {"tune": r, "check": score_geo(items[1:])}, Path("geovirus_dev.jsonl"))
    row = next(x for x in rows if x.measure.startswith("events per sentence"))
    assert row.values == {"tune": "0.250", "check": "0.000"}
    assert row.n == {"tune": 4, "check": 1}


def test_scoreboard_scores_toponyms_both_ways_for_demonyms(tmp_path, pipeline):
    # our own sentences: "Kenyan" is annotated as a toponym of Kenya, as LGL does with demonyms
    text = "Kenyan farmers met in Nakuru on Monday. The Kenyan ministry sent seed to Nakuru."
    gold = [{"span": [0, 6], "text": "Kenyan", "lat": 1.0, "lon": 38.0},
            {"span": [22, 28], "text": "Nakuru", "lat": -0.28, "lon": 36.07},
            {"span": [44, 50], "text": "Kenyan", "lat": 1.0, "lon": 38.0},
            {"span": [73, 79], "text": "Nakuru", "lat": -0.28, "lon": 36.07}]
    assert [text[a:b] for a, b in (g["span"] for g in gold)] == ["Kenyan", "Nakuru", "Kenyan", "Nakuru"]
    lines = [{"id": f"k{i}", "text": text, "date": "2024-03-04", "gold_places": gold} for i in range(8)]
    _write(tmp_path / "lgl_dev.jsonl", lines)
    rows, _ = run_scoreboard(tmp_path, pipeline, only={"LGL"})
    by = {(r.data, r.measure): r.values for r in rows}
    plain, reported = by[("LGL", "toponym recall")], by[("LGL, demonyms reported", "toponym recall")]
    assert {r.measure for r in rows if r.data == "LGL, demonyms reported"} == {
        "toponym recall", "toponym precision", "within 161 km, found toponyms", "within 161 km, end to end"}
    for half in ("tune", "check"):  # both halves hold some of the eight ids
        assert float(plain[half]) == 0.5 and float(reported[half]) == 1.0
