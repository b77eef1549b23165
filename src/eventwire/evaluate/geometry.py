"""Distances and error summaries shared by the place-scoring tasks (``acled`` and ``geo``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["EARTH_HALF_CIRCUMFERENCE_KM", "auc_log_error", "haversine_km", "median"]

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def median(values: Sequence[float]) -> float | None:
    """The median of ``values`` (None when empty)."""
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def auc_log_error(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of sorted log errors, scaled to 0..1 (0 = every place exact).

    As in Gritta et al. (2019), "A Pragmatic Guide to Geoparsing Evaluation": each error becomes
    ln(1 + km), the sorted values are integrated with the trapezoid rule over unit steps and the
    area is divided by the largest possible area, ln(1 + 20039 km) times (n - 1). Lower is better.
    """
    if not errors_km:
        return None
    logs = sorted(math.log1p(max(0.0, e)) for e in errors_km)
    if len(logs) == 1:
        return logs[0] / math.log1p(EARTH_HALF_CIRCUMFERENCE_KM)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / (math.log1p(EARTH_HALF_CIRCUMFERENCE_KM) * (len(logs) - 1))
