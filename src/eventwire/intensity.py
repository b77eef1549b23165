"""Event intensity: the Goldstein (1992) scale value of an event's CAMEO root (``data/events/goldstein.json``).

>>> goldstein("18")
-9.0
>>> goldstein("99") is None
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["goldstein", "goldstein_scale"]


@cache
def goldstein_scale() -> dict[str, float]:
    """Return ``{CAMEO root: Goldstein value}`` for the twenty CAMEO roots."""
    text = resources.files("eventwire").joinpath("data", "events", "goldstein.json").read_text(encoding="utf-8")
    return {root: float(v) for root, v in json.loads(text)["roots"].items()}


def goldstein(cameo_root: str | None) -> float | None:
    """Return the Goldstein value of a CAMEO root (``"18"``, or a longer code starting with it), else None."""
    if not cameo_root:
        return None
    return goldstein_scale().get(cameo_root[:2])
