"""``schema``, ``info`` and ``export`` commands, and the rule that every command is documented."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from cli_support import ROOT, run

from eventwire import records
from eventwire.cli import COMMANDS
from eventwire.records import Annotation, Article, Event, Failure, to_dict
from eventwire.schema import load_schema, validator
from eventwire.store import TABLES, DuckDBStore


def command_names() -> list[str]:
    return [m.__name__.rsplit(".", 1)[-1] for m in COMMANDS]


def test_every_command_is_documented_in_docs_cli() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [n for n in command_names() if f"eventwire {n}" not in doc]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_schema_command_prints_the_shipped_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema", "extract")
    assert status == 0 and json.loads(out) == load_schema("extract")
    status, out, _ = run(capsys, "schema")
    assert status == 0 and set(json.loads(out)) == {"extract", "annotate"}
    assert json.loads(out)["annotate"] == load_schema("annotate")


def _props(schema: dict, ref: str) -> set[str]:
    return set(schema["$defs"][ref]["properties"])


@pytest.mark.parametrize(("record", "ref"), [
    (records.Event, "event"), (records.Entity, "entity"), (records.Place, "place"),
    (records.Timex, "timex"), (records.Quote, "quote"),
])
def test_schema_describes_every_record_field(record: type, ref: str) -> None:
    """A field added to a record must be described in the shipped schema (records.md contract)."""
    schema = load_schema("annotate")
    fields = {f.name for f in dataclasses.fields(record)}
    assert fields <= _props(schema, ref), f"undocumented {ref} fields: {fields - _props(schema, ref)}"


def test_annotation_keys_are_described() -> None:
    record = to_dict(Annotation(article=Article(text="x", id="a")))
    assert set(record) <= set(load_schema("annotate")["properties"])


def _event(**changes: object) -> dict:
    ent = records.Entity("Egypt", (0, 5), name="Egypt", code="EGY", kind="country")
    ev = Event(id="e", article_id="a", event="CONSULT", mode="visit", aux_mode=("future",), context=(),
               quad_code=1, cameo_root="04", date="2024-06", date_precision="month", date_text="in June",
               actor=(ent,), recipient=(), event_loc=None, event_text="visit", span=(6, 11), sentence_index=0,
               text="Egypt visit", confidence=0.5)
    return to_dict(dataclasses.replace(ev, **changes))  # type: ignore[arg-type]


def test_schema_accepts_good_and_rejects_bad_events() -> None:
    v = validator("extract")
    v.validate(_event())
    for bad in (_event(event="consult"), _event(quad_code=5), _event(aux_mode=("maybe",)),
                _event(span=(1,)), _event(cameo_root="4"), _event(date="June 2024"), _event(confidence=1.5)):
        assert list(v.iter_errors(bad)), bad
    missing = _event()
    del missing["actor"]
    assert list(v.iter_errors(missing))


def test_info_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "info", "--json", "--no-model")
    assert status == 0
    info = json.loads(out)
    assert info["packages"]["eventwire"] and info["packages"]["spacy"]
    assert info["settings"]["max_article_chars"] == 1_000_000
    paths = {f["path"]: f["bytes"] for f in info["data_files"]}
    word_list = "ingest/english_function_words.txt"
    assert paths[word_list] == (ROOT / "src" / "eventwire" / "data" / word_list).stat().st_size
    assert "api_token" not in info["settings"]


@pytest.mark.slow
def test_info_text_with_model(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "info")
    assert status == 0
    assert "model:" in out and "data files" in out and "settings:" in out
    assert "en_core_web_sm" in out  # either package name


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    with DuckDBStore(path) as store:
        for i in range(3):
            store.write(Annotation(article=Article(text=f"text {i}", id=f"a{i}", date="2024-06-10"), sentences=((0, 6),)))
        store.write_failure(Failure(None, "bad.jsonl:2", "bad.jsonl:2: invalid JSON"))
    return path


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, fmt: str) -> None:
    out_dir = tmp_path / "out"
    status, _, err = run(capsys, "export", "--db", str(db), "--format", fmt, "--out", str(out_dir))
    assert status == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(f"{t}.{fmt}" for t in (*TABLES, "event_clusters"))
    target = out_dir / f"articles.{fmt}"
    if fmt == "parquet":
        ids = pq.read_table(target).column("id").to_pylist()
    elif fmt == "csv":
        ids = [r["id"] for r in csv.DictReader(target.open(encoding="utf-8"))]
    else:
        ids = [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()]
    assert ids == ["a0", "a1", "a2"]
    assert f"{out_dir / f'failures.{fmt}'}: 1 rows" in err


def test_export_round_trips_through_duckdb(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    run(capsys, "export", "--db", str(db), "--out", str(tmp_path / "pq"), "--table", "articles")
    assert [p.name for p in (tmp_path / "pq").iterdir()] == ["articles.parquet"]
    con = duckdb.connect()
    rows = con.execute(f"SELECT id, date, n_chars FROM '{tmp_path / 'pq' / 'articles.parquet'}' ORDER BY id").fetchall()
    assert rows == [("a0", "2024-06-10", 6), ("a1", "2024-06-10", 6), ("a2", "2024-06-10", 6)]


def test_export_missing_db_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "export", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path))
    assert status == 2 and "database not found" in err
