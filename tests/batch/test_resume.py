"""Resumability: kill -9 an ``eventwire batch`` mid-run, re-run it, compare with an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import db_records, describe_difference, parquet_records, write_corpus

from eventwire.batch import ParquetOutput, run_batch
from eventwire.records import Annotation, Article, Failure

pytestmark = pytest.mark.slow


def _cmd(corpus: Path, out: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", "batch", str(corpus), "--out", str(out),
            "--out", str(db), "--batch-size", "2", "--no-progress", *extra]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2] / "src")
    return env


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "c.jsonl", 24, bad_line_at=5)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    base = tmp_path_factory.mktemp("ref")
    proc = subprocess.run(_cmd(corpus, base / "out", base / "ref.duckdb"), env=_env(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr  # the bad JSON line is a failure: exit 1
    pq, db = parquet_records(base / "out"), db_records(base / "ref.duckdb")
    assert len(pq["articles"]) == 24 and len(pq["failures"]) == 1
    assert len(db["articles"]) == 24 and len(db["failures"]) == 1
    return pq, db


def _manifest_lines(out: Path) -> int:
    m = out / "_manifest.jsonl"
    return m.read_bytes().count(b"\n") if m.exists() else 0


@pytest.mark.parametrize("kill_after_parts", [1, 4])
def test_kill_9_then_resume_equals_uninterrupted(corpus: Path, reference: tuple[dict, dict],
                                                  tmp_path: Path, kill_after_parts: int) -> None:
    out, db = tmp_path / "out", tmp_path / "run.duckdb"
    proc = subprocess.Popen(_cmd(corpus, out, db), env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while _manifest_lines(out) < kill_after_parts and proc.poll() is None:
        assert time.monotonic() < deadline, "no part written in time"
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    done = _manifest_lines(out)
    assert kill_after_parts <= done < 13  # 12 parts of 2 articles, the failure in one of them

    second = subprocess.run(_cmd(corpus, out, db), env=_env(), capture_output=True, text=True,
                            timeout=300)
    assert second.returncode in (0, 1), second.stderr
    assert "skipped" in second.stderr
    pq_ref, db_ref = reference
    got = parquet_records(out)
    assert got == pq_ref, describe_difference(got, pq_ref)
    got_db = db_records(db)
    assert got_db == db_ref, describe_difference(got_db, db_ref)
    # a third run has nothing left to do and changes nothing
    third = subprocess.run(_cmd(corpus, out, db, "--json"), env=_env(), capture_output=True,
                           text=True, timeout=300)
    assert '"articles": 0' in third.stdout and '"skipped": 25' in third.stdout
    assert parquet_records(out) == pq_ref


def _ann(i: int, date: str = "2024-06-10") -> Annotation:
    return Annotation(article=Article(text=f"Story number {i}.", id=f"s{i}", date=date))


def test_orphan_parts_and_torn_manifest_are_cleaned(tmp_path: Path) -> None:
    out = ParquetOutput(tmp_path)
    out.write([_ann(1), _ann(2, "2024-06-11"), Failure(None, "x.jsonl:9", "bad line")])
    good = (tmp_path / "_manifest.jsonl").read_bytes()
    out.close()  # the crashed run's lock dies with its process
    # a crash after a part was renamed but before its manifest line was complete
    orphan = tmp_path / "articles" / "pub_date=2024-06-12" / "part-deadbeefdeadbeef.parquet"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"partial")
    tmp = tmp_path / "events" / "pub_date=2024-06-10" / ".tmp-abc-1.parquet"
    tmp.parent.mkdir(parents=True)
    tmp.write_bytes(b"partial")
    with (tmp_path / "_manifest.jsonl").open("ab") as fh:
        fh.write(b'{"part":"deadbeefdeadbeef","keys":["a:s3"')
    again = ParquetOutput(tmp_path)
    assert not orphan.exists() and not tmp.exists()
    assert (tmp_path / "_manifest.jsonl").read_bytes() == good
    assert again.is_done("a:s1") and again.is_done("p:x.jsonl:9") and not again.is_done("a:s3")
    assert again.n_done == 3


def test_same_chunk_rewritten_gives_identical_bytes(tmp_path: Path) -> None:
    a, b = ParquetOutput(tmp_path / "a"), ParquetOutput(tmp_path / "b")
    items = [_ann(1), _ann(2, "2024-06-11")]
    a.write(items)
    b.write(list(reversed(items)))
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.parquet"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.parquet"))
    assert files_a == files_b and len(files_a) == 2
    for f in files_a:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_in_process_run_skips_done_and_duplicates(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    twice = tmp_path / "twice.jsonl"
    twice.write_text(corpus.read_text() * 2)  # every article twice: processed once
    s1 = run_batch([twice], [tmp_path / "out"], batch_size=2, progress=False)
    assert (s1.articles, s1.skipped, s1.failures) == (3, 3, 0)
    s2 = run_batch([corpus], [tmp_path / "out"], batch_size=2, progress=False)
    assert (s2.articles, s2.skipped) == (0, 3)
    assert len(parquet_records(tmp_path / "out")["articles"]) == 3
