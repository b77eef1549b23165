"""Shared fixtures: one pipeline per test session, and the path to ../shared."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from ewtesting import DEMO, ROOT, SHARED, shared_path

__all__ = ["DEMO", "ROOT", "SHARED", "shared_path"]

# Property tests: random exploration locally (new examples every run, failures remembered in
# .hypothesis/), one fixed sequence of examples in CI so a red build is reproducible.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", derandomize=False)
settings.load_profile("ci" if os.environ.get("CI", "").lower() == "true" else "dev")


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
