"""Batch runs give the warnings ``extract`` gives: non-English text (no events coded), bad dates."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from eventwire.batch import run_batch
from eventwire.cli import _run, main
from eventwire.records import Annotation, Article, Failure

pytestmark = pytest.mark.slow  # runs the spaCy pipeline

ENGLISH = ("The foreign minister met his Jordanian counterpart in Amman on Monday and called on both "
           "sides to allow more aid into the region, officials said.")
FRENCH = ("Le ministre des Affaires étrangères a rencontré lundi son homologue jordanien à Amman et a "
          "appelé les deux camps à laisser entrer davantage d'aide dans la région, selon des responsables.")


def test_pipeline_skips_non_english_in_order(pipeline) -> None:  # type: ignore[no-untyped-def]
    unreadable = Failure(None, "in.jsonl:4", "in.jsonl:4: invalid JSON")
    items = [Article(text=FRENCH, id="fr"), Article(text=ENGLISH, id="en"),
             Article(text=ENGLISH, id="declared", language="es"), unreadable, Article(text="  ", id="blank")]
    results = list(pipeline.annotate_many(items))
    assert [getattr(r, "article", r).id if isinstance(r, Annotation) else r for r in results] == \
        ["fr", "en", "declared", unreadable, "blank"]
    fr, en, declared, _, blank = results
    assert isinstance(fr, Annotation) and fr.events == () and fr.sentences == ()
    assert len(fr.warnings) == 1 and "does not look like English" in fr.warnings[0]
    assert isinstance(declared, Annotation) and declared.events == ()
    assert "language 'es' is not English" in declared.warnings[0]
    assert isinstance(en, Annotation) and en.events and en.warnings == ()
    assert isinstance(blank, Annotation) and any("empty text" in w for w in blank.warnings)


def test_batch_stores_the_warning_extract_gives(pipeline, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in [
        {"id": "fr", "text": FRENCH, "date": "2024-06-10"},
        {"id": "en", "text": ENGLISH, "date": "2024-06-10"},
        {"id": "baddate", "text": ENGLISH, "date": "10/06/2024"}]) + "\n", encoding="utf-8")
    summary = run_batch([corpus], [tmp_path / "out.duckdb"], batch_size=2, progress=False)
    assert (summary.articles, summary.failures) == (3, 0)
    con = duckdb.connect(str(tmp_path / "out.duckdb"), read_only=True)
    try:
        stored = {r[0]: (r[1], list(r[2])) for r in con.execute("SELECT id, n_events, warnings FROM articles").fetchall()}
    finally:
        con.close()
    _run.adopt_pipeline(pipeline)
    assert main(["annotate", str(corpus), "--no-progress"]) == 0
    cli = {r["article_id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert stored["fr"] == (0, cli["fr"]["warnings"])
    assert "does not look like English" in stored["fr"][1][0]
    assert stored["en"] == (len(cli["en"]["events"]), [])
    assert stored["en"][0] > 0
    assert stored["baddate"] == (len(cli["baddate"]["events"]), cli["baddate"]["warnings"])
    assert any("invalid date '10/06/2024'" in w for w in stored["baddate"][1])
