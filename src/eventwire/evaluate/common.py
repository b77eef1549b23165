"""Pieces every scorer uses: the gold-file line reader and the accuracy tally."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["Accuracy", "gold_lines"]


def gold_lines(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each non-blank line of a JSONL gold file."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, json.loads(line)


class Accuracy:
    """Right answers out of those counted, reported as ``{"accuracy", "n"}`` (and ``"correct"`` on request)."""

    def __init__(self, report_correct: bool = False) -> None:
        self.n = 0
        self.ok = 0
        self.report_correct = report_correct

    def add(self, ok: bool) -> None:
        """Count one answer, right when ``ok``."""
        self.n += 1
        self.ok += int(ok)

    def out(self) -> dict[str, Any]:
        """The figures as they go into the JSON report (accuracy rounded to 4 places, None when nothing was counted)."""
        d: dict[str, Any] = {"accuracy": round(self.ok / self.n, 4) if self.n else None, "n": self.n}
        if self.report_correct:
            d["correct"] = self.ok
        return d
