"""``kill -9`` during ``eventwire extract --db``: no corrupt database, no half-written article, and
the next run completes the database to the rows of an uninterrupted run.

``eventwire batch`` is covered the same way in tests/batch/test_resume.py and the store's own
transactions in tests/store/test_store_crash.py; this is the ``extract --db`` path.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from robust_support import subprocess_env

from eventwire.cli import _run, main

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

SUBJECTS = ("Police", "The army", "Kenya's president", "Protesters", "The foreign minister of Egypt",
            "Israeli forces", "The European Union", "Rebels")
VERBS = ("arrested dozens of protesters in", "met officials in", "accused the government of", "attacked a convoy near",
         "imposed sanctions on", "demonstrated in", "signed an agreement in", "criticised the election in")
PLACES = ("Nairobi", "Cairo", "Lagos", "Gaza", "Kyiv", "Caracas", "Dhaka", "Manila")
N_ARTICLES = 30


def _corpus(path: Path) -> Path:
    rows = []
    for i in range(N_ARTICLES):
        text = " ".join(
            f"{SUBJECTS[(i + k) % 8]} {VERBS[(i * 3 + k) % 8]} {PLACES[(i + 2 * k) % 8]} on Monday, officials said."
            for k in range(3)
        )
        rows.append(json.dumps({"id": f"art-{i:02d}", "text": text, "date": "2024-06-10"}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every stored row (sorted) of each data table, opening the file as a fresh process would."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, key in (("articles", "id, n_events, n_sentences, text"),
                           ("events", "id, article_id, event, span_start, span_end, record"),
                           ("entities", "article_id, span_start, span_end"), ("places", "article_id, span_start, span_end"),
                           ("timexes", "article_id, span_start, span_end"), ("quotes", "article_id, content_start"),
                           ("failures", "article_id, stage")):
            out[table] = sorted(con.execute(f"SELECT {key} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def _assert_whole_articles(db: Path, reference: dict[str, list[tuple]]) -> int:
    """Every stored article has all its child rows, exactly those of the uninterrupted run."""
    got = _table_rows(db)
    stored = {row[0] for row in got["articles"]}
    assert {row[0] for row in got["articles"]} <= {row[0] for row in reference["articles"]}
    for table in ("events", "entities", "places", "timexes", "quotes"):
        article_col = 1 if table == "events" else 0
        assert {row[article_col] for row in got[table]} <= stored, f"orphan {table} rows"
        expected = [row for row in reference[table] if row[article_col] in stored]
        assert got[table] == expected, f"{table}: a stored article lacks some of its rows"
    con = duckdb.connect(str(db), read_only=True)
    try:
        bad = con.execute("SELECT a.id FROM articles a LEFT JOIN events e ON e.article_id = a.id "
                          "GROUP BY a.id, a.n_events HAVING a.n_events != count(e.id)").fetchall()
    finally:
        con.close()
    assert bad == []
    return len(stored)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("crash") / "corpus.jsonl")


@pytest.fixture(scope="module")
def reference(corpus: Path, pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    """The rows of an uninterrupted run (in-process, same code and settings as the subprocess)."""
    _run.adopt_pipeline(pipeline)
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["extract", str(corpus), "--db", str(db), "--no-progress", "-q"]) == 0
    rows = _table_rows(db)
    assert len(rows["articles"]) == N_ARTICLES and rows["events"], "the corpus must produce events"
    return rows


def _cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "eventwire", "extract", str(corpus), "--db", str(db), "--no-progress", "-q"]


@pytest.mark.parametrize("kill_after_articles", [1, 12])
def test_kill_9_during_extract_db_then_rerun_completes(corpus: Path, reference: dict, tmp_path: Path,
                                                        kill_after_articles: int) -> None:
    db = tmp_path / "run.duckdb"
    # batches of 2 articles: one transaction each, so the kill lands between and inside them
    env = subprocess_env(EVENTWIRE_BATCH_SIZE="2", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(_cmd(corpus, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen: set[str] = set()
    deadline = time.monotonic() + 240
    try:
        assert proc.stdout is not None
        # events are printed after their chunk is stored: kill once enough articles are through
        while len(seen) < kill_after_articles:
            line = proc.stdout.readline()
            assert line, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            seen.add(json.loads(line)["article_id"])
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    n_stored = _assert_whole_articles(db, reference)
    assert len(seen) <= n_stored < N_ARTICLES, "killed mid-run: some articles stored, not all"

    second = subprocess.run(_cmd(corpus, db), env=subprocess_env(), capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert _table_rows(db) == reference
