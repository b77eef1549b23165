"""Batch failures found by the outside audit (issue 19): locks, duplicate ids, nested JSON, warnings."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from batch_helpers import parquet_records

from eventwire.batch import run_batch
from eventwire.batch.parquet import ParquetOutput
from eventwire.cli import _run, main
from eventwire.errors import StoreError

DEEP = '{"id": "n", "text": "x", "meta": ' + "[" * 1000 + "]" * 1000 + "}"
TEXTS = {
    "a": "Police in Nairobi arrested 40 protesters on Tuesday, witnesses said.",
    "b": "Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday.",
    "b2": "Rebels attacked a military convoy near Goma on Sunday, the army said.",
    "c": "The European Union imposed new sanctions on Russia on Friday.",
}


def _jsonl(path: Path, rows: list[dict | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(aid: str, key: str | None = None) -> dict:
    return {"id": aid, "text": TEXTS[key or aid], "date": "2024-06-10"}


def _db_articles(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("SELECT id, text FROM articles").fetchall())
    finally:
        con.close()


def _parquet_articles(root: Path) -> list[tuple[str, str]]:
    con = duckdb.connect()
    try:
        return sorted(con.execute(f"SELECT id, text FROM read_parquet('{root}/articles/**/*.parquet')").fetchall())
    finally:
        con.close()


def test_a_second_run_into_a_locked_parquet_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _jsonl(tmp_path / "c.jsonl", [_row("a")])
    out = tmp_path / "out"
    first = ParquetOutput(out)  # a run in progress holds the directory
    try:
        with pytest.raises(StoreError, match="another eventwire batch run"):
            run_batch([corpus], [out], progress=False)
        assert main(["batch", str(corpus), "--out", str(tmp_path / "other.duckdb"), "--out", str(out),
                     "--no-progress"]) == 2
        assert "another eventwire batch run" in capsys.readouterr().err
        assert not (out / "articles").exists()
    finally:
        first.close()
    ParquetOutput(out).close()  # released: the directory opens again


@pytest.mark.slow
def test_duplicate_ids_last_copy_wins_everywhere_and_reruns_replace_stale_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _jsonl(tmp_path / "c.jsonl", [_row("a"), _row("b"), _row("c"), _row("b", "b2"), _row("a")])
    outs = [tmp_path / "out", tmp_path / "out.duckdb"]
    assert main(["batch", str(corpus), "--out", str(outs[0]), "--out", str(outs[1]), "--batch-size", "2",
                 "--no-progress"]) == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("eventwire: warning: duplicate article id")]
    assert len(warnings) == 2 and "'b'" in warnings[0] and "'a'" in warnings[1], err
    expected = {"a": TEXTS["a"], "b": TEXTS["b2"], "c": TEXTS["c"]}
    assert _db_articles(outs[1]) == expected
    assert _parquet_articles(outs[0]) == sorted(expected.items())
    events = parquet_records(outs[0])["events"]
    con = duckdb.connect(str(outs[1]), read_only=True)
    try:
        assert len(events) == con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()

    # a re-run over an edited corpus replaces the stale text; nothing is duplicated
    _jsonl(corpus, [_row("a"), _row("b", "b2"), _row("c", "a")])
    summary = run_batch([corpus], outs, batch_size=2, progress=False)
    assert (summary.articles, summary.skipped) == (1, 2)
    expected["c"] = TEXTS["a"]
    assert _db_articles(outs[1]) == expected
    assert _parquet_articles(outs[0]) == sorted(expected.items())
    before = parquet_records(outs[0])
    # and an unchanged re-run does nothing
    summary = run_batch([corpus], outs, batch_size=2, progress=False)
    assert (summary.articles, summary.skipped) == (0, 3)
    assert parquet_records(outs[0]) == before


@pytest.mark.slow
def test_deeply_nested_line_is_one_failure_and_batch_finishes(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "c.jsonl", [_row("a"), DEEP, _row("b")])
    out = tmp_path / "out.duckdb"
    summary = run_batch([corpus], [out], progress=False)
    assert (summary.articles, summary.failures) == (2, 1)
    again = run_batch([corpus], [out], progress=False)  # the re-run finishes too: nothing left to do
    assert (again.articles, again.failures, again.skipped) == (0, 0, 3)
    con = duckdb.connect(str(out), read_only=True)
    try:
        (reason,) = con.execute("SELECT reason FROM failures").fetchone()  # type: ignore[misc]
    finally:
        con.close()
    assert "nested too deeply" in reason and f"{corpus}:2" in reason


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "annotate"])
def test_deeply_nested_line_keeps_the_good_articles_of_extract(pipeline, tmp_path: Path, command: str,  # type: ignore[no-untyped-def]
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    _run.adopt_pipeline(pipeline)
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "a.jsonl", [_row("a"), DEEP, _row("b")])
    _jsonl(folder / "b.jsonl", [_row("c")])
    assert main([command, str(folder), "--no-progress"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "nested too deeply" in err
    ids = {json.loads(line)["article_id"] for line in out.splitlines()}
    assert ids == {"a", "b", "c"}


@pytest.mark.slow
def test_extract_db_stores_the_last_copy_and_warns(pipeline, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _run.adopt_pipeline(pipeline)
    corpus = _jsonl(tmp_path / "c.jsonl", [_row("b"), _row("a"), _row("b", "b2")])
    db = tmp_path / "x.duckdb"
    assert main(["extract", str(corpus), "--db", str(db), "--no-progress", "-o", str(tmp_path / "o.jsonl")]) == 0
    err = capsys.readouterr().err
    assert f"eventwire: warning: duplicate article id 'b' at {corpus}:3 (also at {corpus}:1)" in err
    assert _db_articles(db) == {"a": TEXTS["a"], "b": TEXTS["b2"]}


@pytest.mark.slow
def test_batch_warnings_carry_the_prefix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": TEXTS["a"], "date": "10/06/2024"}])
    assert main(["batch", str(corpus), "--out", str(tmp_path / "o.duckdb"), "--no-progress"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "publication date left empty" in line]
    assert lines and all(line.startswith("eventwire: warning: article a ") for line in lines), lines
