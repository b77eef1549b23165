"""Paths and helpers shared by every test directory (importable as ``ewtesting``).

``tests/`` is on ``sys.path`` (``pythonpath`` in pyproject.toml), so any test can write
``from ewtesting import shared_path``; ``conftest`` names are ambiguous across directories.
"""

from __future__ import annotations

from pathlib import Path

import pytest

__all__ = ["DEMO", "ROOT", "SHARED", "shared_path"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "demo" / "articles"


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: tests that read third-party data need ../shared beside the repo")
    return path
