"""Shared fixtures: one pipeline per test session, and the path to ../shared."""

from __future__ import annotations

import pytest

from ewtesting import DEMO, ROOT, SHARED, shared_path

__all__ = ["DEMO", "ROOT", "SHARED", "shared_path"]


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
