"""Paths and helpers for the CLI tests (re-exported from ``ewtesting``)."""

from __future__ import annotations

from ewtesting import DEMO, ROOT, shared_path

__all__ = ["DEMO", "ROOT", "shared_path"]
