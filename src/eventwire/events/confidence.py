"""Event confidence: per-rule precision calibrated on labelled data, times argument completeness.

``data/events/confidence.json`` holds smoothed precision per lexicon rule and per event type,
written by ``training/calibrate_confidence.py`` (see docs/events.md for how it is measured).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .lexicon import bundled_path

__all__ = ["Calibration", "load_calibration"]


@dataclass
class Calibration:
    """Smoothed precision tables and completeness factors."""

    rules: dict[str, float] = field(default_factory=dict)
    types: dict[str, float] = field(default_factory=dict)
    default: float = 0.6
    factors: dict[str, float] = field(default_factory=lambda: {
        "no_actor": 0.6, "actor_without_code": 0.85, "missing_required_recipient": 0.8,
        "negation": 0.9, "hypothetical": 0.9, "future": 0.95,
    })

    def score(self, rule: str, event: str, has_actor: bool, actor_coded: bool, has_recipient: bool,
              recipient_required: bool, aux: tuple[str, ...]) -> float:
        """Return the 0..1 confidence of an event coded by ``rule`` with these arguments."""
        base = self.rules.get(rule, self.types.get(event, self.default))
        f = self.factors
        if not has_actor:
            base *= f.get("no_actor", 1.0)
        elif not actor_coded:
            base *= f.get("actor_without_code", 1.0)
        if recipient_required and not has_recipient:
            base *= f.get("missing_required_recipient", 1.0)
        for a in aux:
            base *= f.get(a, 1.0)
        return round(max(0.01, min(0.99, base)), 3)


_CACHE: dict[str, Calibration] = {}


def load_calibration(path: str | Path | None = None) -> Calibration:
    """Read the calibration file (bundled by default); a missing bundled file gives the defaults."""
    p = Path(path) if path else bundled_path("confidence.json")
    key = str(p)
    if key in _CACHE:
        return _CACHE[key]
    cal = Calibration()
    if p.is_file():
        data = json.loads(p.read_text(encoding="utf-8"))
        cal.rules = {str(k): float(v) for k, v in (data.get("rules") or {}).items()}
        cal.types = {str(k): float(v) for k, v in (data.get("types") or {}).items()}
        cal.default = float(data.get("default", cal.default))
        cal.factors.update({str(k): float(v) for k, v in (data.get("factors") or {}).items()})
    _CACHE[key] = cal
    return cal
