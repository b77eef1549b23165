"""Calendar arithmetic for normalisation: shifting by units, ISO weeks, choosing the year."""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "Tense",
    "add_months",
    "iso_week",
    "nearest_month",
    "nearest_month_day",
    "parse_pub_date",
    "period_end",
    "shift",
    "weekday_date",
]

Tense = str  # "past", "future", "present" (a plain present verb: schedules) or "unknown"
_FORWARD = ("future", "present")


def parse_pub_date(value: str | None) -> dt.date | None:
    """Return the date of an ISO publication date or timestamp (``None`` when absent or invalid)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """Return ``(year, month)`` moved by ``n`` months."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """Move ``day`` by ``n`` units (``D``, ``W``, ``M``, ``Y``), clamping to the month's last day."""
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit == "W":
        return day + dt.timedelta(weeks=n)
    months = n if unit == "M" else 12 * n
    y, m = add_months(day.year, day.month, months)
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def iso_week(day: dt.date) -> str:
    """Return the ISO week of ``day`` as ``YYYY-Www``."""
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def weekday_date(pub: dt.date, iso_weekday: int, rel: str | None, tense: Tense) -> dt.date:
    """Resolve a weekday name against the publication date.

    ``last``/``next`` skip the publication day itself; ``this`` stays in the publication week.
    A bare weekday that is the publication weekday is that day; otherwise a future clause takes
    the next occurrence and any other clause the most recent past one (news reports the past).
    """
    delta = iso_weekday - pub.isoweekday()
    if rel == "this":
        return pub + dt.timedelta(days=delta)
    back = delta % 7 or 7  # days forward to the next occurrence strictly after pub
    if rel in ("next", "coming") or (rel is None and tense in _FORWARD and delta != 0):
        return pub + dt.timedelta(days=back)
    if rel in ("last", "past"):
        return pub - dt.timedelta(days=(-delta) % 7 or 7)
    return pub - dt.timedelta(days=(-delta) % 7)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_month_day(pub: dt.date, month: int, day: int, tense: Tense) -> dt.date | None:
    """Choose the year of a day without one.

    Past clauses take the latest such day on or before ``pub``; future clauses the earliest on
    or after it; otherwise the one nearest to ``pub``. Feb 29 looks back/forward up to 8 years.
    """
    candidates = [d for y in range(pub.year - 8, pub.year + 9) if (d := _valid(y, month, day))]
    if not candidates:
        return None
    if tense == "past":
        past = [d for d in candidates if d <= pub]
        return max(past) if past else None
    if tense in _FORWARD:
        future = [d for d in candidates if d >= pub]
        return min(future) if future else None
    return min(candidates, key=lambda d: (abs((d - pub).days), d > pub))


def nearest_month(pub: dt.date, month: int, tense: Tense, rel: str | None = None) -> int:
    """Return the year of a month named without one ("in March", "last March", "next May")."""
    if rel in ("last", "past"):
        return pub.year if month < pub.month else pub.year - 1
    if rel in ("next", "coming"):
        return pub.year if month > pub.month else pub.year + 1
    if rel == "this":
        return pub.year
    if tense == "past":
        return pub.year if month <= pub.month else pub.year - 1
    if tense in _FORWARD:
        return pub.year if month >= pub.month else pub.year + 1
    diff = month - pub.month
    if diff > 6:
        return pub.year - 1
    if diff < -6:
        return pub.year + 1
    return pub.year


def period_end(value: str) -> dt.date | None:
    """Return the last day an ISO value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``) covers."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10])
        if len(value) == 8 and value[5] == "W":
            return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 7)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:7])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
        if len(value) == 7 and value[5] == "Q":
            y, q = int(value[:4]), int(value[6])
            return dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        if len(value) == 7 and value[4] == "-":  # season: the year's end is a safe bound
            return dt.date(int(value[:4]), 12, 31)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 12, 31)
        if len(value) == 3 and value.isdigit():
            return dt.date(int(value) * 10 + 9, 12, 31)
        if len(value) == 2 and value.isdigit():
            return dt.date(int(value) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None
