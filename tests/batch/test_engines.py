"""Engines give the same output record for record: in-process, 2 spawned processes, and Ray."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from batch_helpers import parquet_records, write_corpus

from eventwire.batch import run_batch

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("c") / "c.jsonl", 6, seed=11, bad_line_at=2)


@pytest.fixture(scope="module")
def local_out(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    summary = run_batch([corpus], [out / "pq"], batch_size=2, progress=False)
    assert (summary.articles, summary.failures) == (6, 1)
    return out / "pq"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.parquet"))}


def test_local_processes_equal_in_process(corpus: Path, local_out: Path, tmp_path: Path) -> None:
    summary = run_batch([corpus], [tmp_path / "pq"], workers=2, batch_size=2, progress=False)
    assert summary.workers == 2 and summary.peak_worker_rss > 0
    assert parquet_records(tmp_path / "pq") == parquet_records(local_out)
    assert _files(tmp_path / "pq") == _files(local_out)


@pytest.mark.ray
@pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                    reason="ray is not installed: pip install -e '.[ray]' to run the ray engine tests")
def test_ray_equals_local(corpus: Path, local_out: Path, tmp_path: Path) -> None:
    summary = run_batch([corpus], [tmp_path / "pq"], engine="ray", workers=2, batch_size=2,
                        progress=False)
    assert (summary.articles, summary.failures) == (6, 1)
    records = parquet_records(tmp_path / "pq")
    assert records == parquet_records(local_out)
    assert len(records["articles"]) == 6 and len(records["failures"]) == 1
    assert _files(tmp_path / "pq") == _files(local_out)
