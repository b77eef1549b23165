"""Publication dates: ``YYYY-MM-DD`` or full ISO 8601 in, ``YYYY-MM-DD`` out."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["normalize_date"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def normalize_date(value: object) -> tuple[str | None, str | None]:
    """Return ``(YYYY-MM-DD or None, problem or None)`` for a publication date.

    Accepts ``2024-06-10``, ``20240610``, ISO 8601 date-times (``2024-06-10T08:30:00Z``,
    with or without offset; the date as written is kept, not converted to UTC) and
    ``datetime``/``date`` objects (Parquet). Anything else gives ``None`` and a message.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    if not text:
        return None, None
    m = _DAY.match(text) or _COMPACT.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), None
        except ValueError:
            return None, f"invalid date {text!r} (no such day); expected YYYY-MM-DD or ISO 8601"
    try:
        parsed = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None, f"invalid date {text!r}; expected YYYY-MM-DD or ISO 8601"
    return parsed.date().isoformat(), None
