"""Fixtures of the API tests: a sample database built in code, app clients, a fake pipeline."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ew_helpers import make_client  # noqa: E402
from ew_sample import build_store, sample_annotations  # noqa: E402

from eventwire.records import Annotation  # noqa: E402


def with_aux(annotations: list[Annotation]) -> list[Annotation]:
    """Mark a few events future / negation / hypothetical so aux_mode filters have something to find."""
    out = []
    for i, ann in enumerate(annotations):
        if i % 5 == 1 and ann.events:
            aux = (("future",), ("negation",), ("hypothetical", "future"))[(i // 5) % 3]
            first = dataclasses.replace(ann.events[0], aux_mode=aux)
            ann = dataclasses.replace(ann, events=(first, *ann.events[1:]))
        out.append(ann)
    return out


@pytest.fixture(scope="session")
def sample() -> list[Annotation]:
    """The sample annotations stored in ``sample_db`` (the oracle of the filter tests)."""
    return with_aux(sample_annotations(n_articles=40))


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, sample: list[Annotation]) -> Path:
    """A DuckDB file holding the sample, written through the Store API."""
    path = tmp_path_factory.mktemp("db") / "sample.duckdb"
    build_store(str(path), sample)
    return path


@pytest.fixture(scope="session")
def client(sample_db: Path):
    """A read-only client over the sample database (no tokens configured)."""
    with make_client(sample_db) as c:
        yield c


@pytest.fixture()
def fresh_db(tmp_path: Path, sample: list[Annotation]) -> Path:
    """A writable copy of a small sample, for write tests."""
    path = tmp_path / "fresh.duckdb"
    build_store(str(path), sample[:5])
    return path
