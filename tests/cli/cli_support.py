"""Paths and helpers for the CLI tests (paths re-exported from ``ewtesting``)."""

from __future__ import annotations

import pytest

from eventwire.cli import main
from ewtesting import DEMO, ROOT, shared_path

__all__ = ["DEMO", "ROOT", "run", "shared_path"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``eventwire ARGV`` in this process; return (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
