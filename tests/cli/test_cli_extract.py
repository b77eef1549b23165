"""``eventwire extract`` and ``annotate`` in-process: formats, failures, exit status, determinism, --db."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import duckdb
import pytest
from cli_support import DEMO, run, shared_path

from eventwire.cli import _run, main
from eventwire.schema import validator

pytestmark = pytest.mark.slow  # runs the spaCy pipeline

STORY = ("CAIRO, June 10 (Eventwire) - Egypt's foreign minister met his Jordanian counterpart in Cairo "
         "on Monday and called on Israel to allow more aid into Gaza, officials said.")


@pytest.fixture(autouse=True)
def _shared_model(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Let the CLI reuse the session's pipeline instead of loading the model again."""
    _run.adopt_pipeline(pipeline)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    return f


def test_extract_txt_jsonl_validates_and_spans_slice(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    status, out, err = run(capsys, "extract", str(story), "--date", "2024-06-10")
    assert status == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert events, "the story has events"
    v = validator("extract")
    for ev in events:
        v.validate(ev)
        assert STORY[ev["span"][0]:ev["span"][1]] == ev["event_text"]
        for ent in ev["actor"] + ev["recipient"]:
            assert STORY[ent["span"][0]:ent["span"][1]] == ent["entity_text"]


def test_cairo_example_validates_against_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_path("examples", "cairo-2024-06-10.txt")
    text = path.read_text(encoding="utf-8")
    status, out, err = run(capsys, "extract", str(path), "--date", "2024-06-10")
    assert status == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    v = validator("extract")
    for ev in events:
        v.validate(ev)
        s, e = ev["span"]
        assert text[s:e] == ev["event_text"]
        assert ev["text"] in text
        for ent in ev["actor"] + ev["recipient"]:
            assert text[ent["span"][0]:ent["span"][1]] == ent["entity_text"]
        if ev["event_loc"]:
            loc = ev["event_loc"]
            assert text[loc["span"][0]:loc["span"][1]] == loc["extracted_place"]
        if ev.get("date_span"):
            assert ev["date_text"] == text[ev["date_span"][0]:ev["date_span"][1]]


def test_cairo_annotate_validates_and_every_span_slices(capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_path("examples", "cairo-2024-06-10.txt")
    text = path.read_text(encoding="utf-8")
    status, out, err = run(capsys, "annotate", str(path), "--date", "2024-06-10")
    assert status == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    validator("annotate").validate(record)
    assert record["text"] == text and record["date"] == "2024-06-10"
    assert record["entities"] and record["sentences"]
    for ent in record["entities"]:
        assert text[ent["span"][0]:ent["span"][1]] == ent["entity_text"]
    for p in record["places"]:
        assert text[p["span"][0]:p["span"][1]] == p["extracted_place"]
    for t in record["timexes"]:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
    for q in record["quotes"]:
        assert text[q["content_span"][0]:q["content_span"][1]] == q["content"]


def test_demo_is_deterministic_byte_for_byte(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "extract", str(DEMO))
    second = run(capsys, "extract", str(DEMO))
    assert first[0] == 0 and first[1] == second[1] and first[1]
    table1 = run(capsys, "extract", str(DEMO), "--format", "table")[1]
    assert table1 == run(capsys, "extract", str(DEMO), "--format", "table")[1]
    ann = run(capsys, "annotate", str(DEMO))[1]
    assert ann == run(capsys, "annotate", str(DEMO))[1]
    assert len(ann.splitlines()) == 10


def test_db_is_idempotent(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "out.duckdb"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "good", "text": "Police arrested ten protesters in Nairobi."}\n{oops\n', encoding="utf-8")
    counts = []
    for _ in range(2):
        status, _, err = run(capsys, "extract", str(DEMO), str(bad), "--db", str(db))
        assert status == 1
        assert f"eventwire: {db} now holds 11 articles, " in err and ", 1 failures" in err
        con = duckdb.connect(str(db), read_only=True)
        counts.append({t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                       for t in ("articles", "events", "entities", "places", "timexes", "quotes", "failures")})
        ids = con.execute("SELECT id FROM events ORDER BY id").fetchall()
        con.close()
    assert counts[0] == counts[1]
    assert counts[0]["articles"] == 11 and counts[0]["failures"] == 1 and counts[0]["events"] > 0
    assert len(ids) == counts[0]["events"]


def test_mixed_bad_inputs_report_and_continue(capsys: pytest.CaptureFixture[str], tmp_path: Path, story: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": STORY, "date": "2024-06-10"}) + "\n{not json\n"
        + json.dumps({"id": "j3", "text": STORY.replace("Jordanian", "Saudi"), "date": "2024-06-10"}) + "\n",
        encoding="utf-8")
    (tmp_path / "table.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(STORY.replace("Jordanian", "Jordanian délégué").encode("cp1252"))
    big = tmp_path / "huge.txt"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(200):
            fh.write("The minister said the talks went well. " * 2600)  # ~20 MB
    db = tmp_path / "run.duckdb"
    status, out, err = run(capsys, "extract", str(tmp_path), "--date", "2024-06-10", "--db", str(db))
    assert status == 1
    assert f"eventwire: {tmp_path}/empty.txt:1: empty file, no article read" in err
    assert f"eventwire: {tmp_path}/image.txt:1: binary file" in err
    assert f"eventwire: {tmp_path}/lines.jsonl:2: invalid JSON" in err
    assert f"eventwire: {tmp_path}/table.csv: no text column 'text' (columns: id, body)" in err
    assert f"eventwire: {tmp_path}/huge.txt:1: file exceeds max_article_chars=1,000,000" in err
    assert "not UTF-8, decoded as cp1252" in err
    got = {json.loads(line)["article_id"] for line in out.splitlines()}
    assert {"j1", "j3"} <= got
    assert len(got) == 4  # j1, j3, legacy.txt and story.txt: every readable article was coded
    con = duckdb.connect(str(db), read_only=True)
    failures = con.execute("SELECT position, stage FROM failures ORDER BY position").fetchall()
    texts = [r[0] for r in con.execute("SELECT text FROM articles").fetchall()]
    con.close()
    assert [p for p, _ in failures] == [f"{tmp_path}/{n}" for n in
                                        ("empty.txt:1", "huge.txt:1", "image.txt:1", "lines.jsonl:2", "table.csv:1")]
    assert dict(failures)[f"{tmp_path}/huge.txt:1"] == "limits"
    assert any("délégué" in t for t in texts)  # decoded, not dropped


def test_all_ok_exit_zero_and_max_article_chars(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    assert run(capsys, "extract", str(story))[0] == 0
    status, out, err = run(capsys, "extract", str(story), "--max-article-chars", "50")
    assert status == 1 and out == ""
    assert "exceeds max_article_chars=50" in err


def test_empty_and_non_english_text_give_zero_events_and_a_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    french = ("Le ministre des Affaires étrangères a rencontré lundi son homologue jordanien au Caire et a "
              "appelé Israël à laisser entrer davantage d'aide à Gaza, selon des responsables.")
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": "fr", "text": french}, {"id": "blank", "text": "   "}, {"id": "en", "text": STORY}]) + "\n",
        encoding="utf-8")
    status, out, err = run(capsys, "annotate", str(f))
    assert status == 0
    records = {r["article_id"]: r for r in map(json.loads, out.splitlines())}
    assert records["fr"]["events"] == [] and records["blank"]["events"] == []
    assert records["en"]["events"]
    assert any("does not look like English" in w for w in records["fr"]["warnings"])
    assert f"eventwire: warning: article fr ({f}:1): text does not look like English" in err
    assert "article blank" in err and "empty text" in err
    assert run(capsys, "annotate", str(f), "--quiet")[2] == ""


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    status, _, err = run(capsys, "extract", str(tmp_path / "missing.txt"))
    assert status == 2 and "input not found" in err
    status, _, err = run(capsys, "extract", str(story), "--date", "last Tuesday")
    assert status == 2 and "--date: invalid date 'last Tuesday'" in err
    status, _, err = run(capsys, "extract", str(story), "--config", str(tmp_path / "none.toml"))
    assert status == 2 and "config file not found" in err
    status, _, err = run(capsys, "extract", str(story), "--max-article-chars", "0")
    assert status == 2
    (tmp_path / "empty-dir").mkdir()
    status, _, err = run(capsys, "extract", str(tmp_path / "empty-dir"))
    assert status == 2 and "no supported input files" in err
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(story), "--format", "xml"])
    assert exc.value.code == 2
    capsys.readouterr()


def test_invalid_article_date_is_a_warning(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "d.jsonl"
    f.write_text(json.dumps({"id": "d1", "text": STORY, "date": "10/06/2024"}) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "annotate", str(f))
    assert status == 0
    assert json.loads(out)["date"] is None
    assert "invalid date '10/06/2024'" in err


def test_formats_json_csv_table_agree(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    jsonl = [json.loads(line) for line in run(capsys, "extract", str(story), "--date", "2024-06-10")[1].splitlines()]
    as_json = json.loads(run(capsys, "extract", str(story), "--date", "2024-06-10", "--format", "json")[1])
    assert as_json == jsonl
    rows = list(csv.DictReader(io.StringIO(run(capsys, "extract", str(story), "--date", "2024-06-10", "-f", "csv")[1])))
    assert [r["id"] for r in rows] == [e["id"] for e in jsonl]
    assert [r["event"] for r in rows] == [e["event"] for e in jsonl]
    assert rows[0]["actor_codes"] == ";".join(a["code"] or "" for a in jsonl[0]["actor"])
    table = run(capsys, "extract", str(story), "--date", "2024-06-10", "-f", "table")[1]
    header = next(line for line in table.splitlines() if line.startswith("date"))
    assert all(col in header for col in ("event", "mode", "aux", "actor → recipient", "place", "trigger"))
    for e in jsonl:
        assert e["event"] in table
    assert table.rstrip().endswith(f"{len(jsonl)} events in 1 articles")


def test_annotate_json_array_equals_jsonl_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "two.jsonl"
    f.write_text("\n".join(json.dumps({"id": i, "text": STORY, "date": "2024-06-10"}) for i in ("a1", "a2")) + "\n",
                 encoding="utf-8")
    status, out, err = run(capsys, "annotate", str(f))
    assert status == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["article_id"] for r in lines] == ["a1", "a2"]
    status, out, err = run(capsys, "annotate", str(f), "--format", "json")
    assert status == 0, err
    assert out.startswith("[\n") and out.endswith("\n]\n")
    assert json.loads(out) == lines


@pytest.mark.parametrize("command", ["extract", "annotate"])
def test_unwritable_output_is_a_usage_error(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path,
                                            command: str) -> None:
    status, out, err = run(capsys, command, str(story), "-o", str(tmp_path / "no-such-dir" / "out.jsonl"))
    assert status == 2 and out == ""
    assert err.startswith("eventwire: error: ") and "Traceback" not in err
    assert err.count("\n") == 1 and "no-such-dir does not exist" in err  # one line, before any work


def test_annotate_table(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    status, out, err = run(capsys, "annotate", str(story), "--date", "2024-06-10", "-f", "table")
    assert status == 0, err
    record = json.loads(run(capsys, "annotate", str(story), "--date", "2024-06-10")[1])
    assert f"{len(record['entities'])} actors, {len(record['places'])} places" in out
    assert "actors:  " in out and "places:  " in out
    for ev in record["events"]:
        assert ev["event"] in out
    assert out.rstrip().endswith("1 articles")


def test_empty_result_json_is_valid(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    status, out, _ = run(capsys, "extract", str(story), "--format", "json", "--max-article-chars", "10")
    assert status == 1 and json.loads(out) == []


def test_stdin_and_output_file(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = (json.dumps({"id": "s1", "text": STORY, "date": "2024-06-10"}) + "\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))  # type: ignore[arg-type]
    out_file = tmp_path / "events.jsonl"
    status, out, err = run(capsys, "extract", "-", "-o", str(out_file))
    assert status == 0 and out == "", err
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["article_id"] == "s1" for line in lines)


def test_column_remapping_flags(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "feed.csv.gz"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["doc", "body", "published", "headline"])
    w.writerow(["c1", STORY, "2024-06-10T06:00:00Z", "Cairo talks"])
    f.write_bytes(gzip.compress(buf.getvalue().encode()))
    status, out, err = run(capsys, "annotate", str(f), "--input-format", "csv", "--text-column", "body",
                           "--id-column", "doc", "--date-column", "published", "--title-column", "headline")
    assert status == 0, err
    rec = json.loads(out)
    assert (rec["article_id"], rec["date"], rec["title"]) == ("c1", "2024-06-10", "Cairo talks")


def test_help_has_examples_on_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.cli import COMMANDS

    for module in COMMANDS:
        name = module.__name__.rsplit(".", 1)[-1]
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "example" in out.lower(), f"`eventwire {name} --help` shows no example"


def test_article_the_database_refuses_is_a_failure_not_a_crash(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from eventwire.records import Annotation, Article, Event
    from eventwire.store import DuckDBStore

    f = tmp_path / "two.jsonl"
    f.write_text(json.dumps({"id": "x1", "text": STORY, "date": "2024-06-10"}) + "\n"
                 + json.dumps({"id": "x2", "text": STORY.replace("Cairo", "Amman"), "date": "2024-06-10"}) + "\n",
                 encoding="utf-8")
    first = [json.loads(line) for line in run(capsys, "extract", str(f))[1].splitlines()]
    taken = next(e for e in first if e["article_id"] == "x1")
    db = tmp_path / "clash.duckdb"
    with DuckDBStore(db) as store:  # another article already owns one of x1's event ids
        ev = Event(id=taken["id"], article_id="other", event="CONSULT", mode=None, aux_mode=(), context=(),
                   quad_code=1, cameo_root="04", date=None, date_precision=None, date_text=None, actor=(),
                   recipient=(), event_loc=None, event_text="x", span=(0, 1), sentence_index=0, text="x",
                   confidence=1.0)
        store.write(Annotation(article=Article(text="x", id="other"), events=(ev,)))
    status, out, err = run(capsys, "extract", str(f), "--db", str(db))
    assert status == 1
    assert f"eventwire: article x1 ({f}:1): not stored:" in err
    assert {json.loads(line)["article_id"] for line in out.splitlines()} == {"x2"}
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT id FROM articles ORDER BY id").fetchall() == [("other",), ("x2",)]
    assert con.execute("SELECT article_id, stage FROM failures").fetchall() == [("x1", "store")]
    con.close()


def test_demo_unique_events_and_series_over_the_stored_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The demo coded with --db, then one demo story told again by another wire: unique counts stay."""
    from fastapi.testclient import TestClient

    from eventwire.api import create_app
    from eventwire.config import Settings

    db = tmp_path / "demo.duckdb"
    assert run(capsys, "extract", str(DEMO), "--db", str(db))[0] == 0
    first = json.loads((DEMO / "demo.jsonl").read_text(encoding="utf-8").splitlines()[0])
    retold = tmp_path / "retold.jsonl"
    retold.write_text(json.dumps({**first, "id": "retold", "source": "Other Wire"}) + "\n", encoding="utf-8")
    assert run(capsys, "extract", str(retold), "--db", str(db))[0] == 0
    with TestClient(create_app(Settings(), db, dashboard=False)) as client:
        def total(**params: str) -> int:
            return int(client.get("/v1/events", params={"limit": 1, **params}).json()["total"])

        told_twice = total(article_id="retold")
        assert told_twice > 0
        assert total(unique="true") <= total() - told_twice  # the retold story adds no unique event
        assert total(unique="true", article_id="retold") == told_twice  # (alone, each is unique)
        events = client.get("/v1/events", params={"article_id": "retold", "limit": 1000}).json()["events"]
        assert all(e["num_articles"] >= 2 and e["num_sources"] >= 2 for e in events if e["actor"] and e["actor"][0]["code"])
        for unique in ("false", "true"):
            for by in ("event", "dyad"):
                body = client.get("/v1/series", params={"interval": "week", "by": by, "unique": unique}).json()
                assert sum(p["count"] for s in body["series"] for p in s["points"]) + body["undated"] == total(unique=unique)
