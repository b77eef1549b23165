"""Property tests are reproducible in CI (a fixed sequence of examples) and explore freely locally."""

from __future__ import annotations

import os

from hypothesis import settings


def test_ci_profile_is_derandomized() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.database is None
    assert not settings.get_profile("dev").derandomize


def test_the_profile_follows_the_ci_variable() -> None:
    in_ci = os.environ.get("CI", "").lower() == "true"
    assert settings.default.derandomize is in_ci
