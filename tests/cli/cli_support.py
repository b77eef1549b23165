"""Paths and helpers for the CLI tests, taken from tests/conftest.py loaded by its path.

``from conftest import ...`` is ambiguous once other test directories have their own
conftest.py, so the root one is loaded explicitly here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

__all__ = ["DEMO", "ROOT", "shared_path"]


def _root_conftest() -> Any:
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("eventwire_tests_root_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CONFTEST = _root_conftest()
ROOT: Path = _CONFTEST.ROOT
DEMO: Path = _CONFTEST.DEMO
shared_path = _CONFTEST.shared_path
