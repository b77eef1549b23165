"""Shared fixtures: one pipeline per test session, and the path to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "demo" / "articles"


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: tests that read third-party data need ../shared beside the repo")
    return path


@pytest.fixture(scope="session")
def pipeline():
    """A loaded default pipeline, shared by every test in the session."""
    from eventwire import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def cairo(pipeline):
    """The model article annotated with its publication date."""
    text = shared_path("examples", "cairo-2024-06-10.txt").read_text(encoding="utf-8")
    return pipeline.annotate(text, date="2024-06-10", id="cairo-2024-06-10")
