"""Publication dates: ``YYYY-MM-DD`` or full ISO 8601 in, ``YYYY-MM-DD`` out.

When an input gives none, a date it carries elsewhere is used: a metadata field named like a
publication date (:data:`PUBDATE_FIELDS`), a dated dateline at the head of the text
("CAIRO, June 10, 2024 (Wire) -") or an ISO date in the file name (``cairo-2024-06-10.txt``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["PUBDATE_FIELDS", "dateline_date", "filename_date", "normalize_date"]

# metadata fields that hold a publication date when ``date`` is absent (first present wins)
PUBDATE_FIELDS = ("published", "pubdate", "pub_date", "publication_date", "published_at", "date_published",
                  "publish_date", "publishdate", "datePublished")

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
# "CAIRO, June 10, 2024 (Wire) -", "Kabul, 3 May 2022 -", "LONDON, Monday, June 10, 2024 —"
_DATELINE = re.compile(
    rf"^\s*[A-Z][\w.'’ -]{{1,40}},\s+(?:[A-Z][a-z]+day,?\s+)?"
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
    rf"\s*(?:\([^()\n]{{1,40}}\))?\s*[-–—:]")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


def dateline_date(text: str) -> str | None:
    """Return the ``YYYY-MM-DD`` of a dated dateline opening ``text``, or None."""
    m = _DATELINE.match(text[:200])
    if m is None:
        return None
    if m["iso"]:
        return normalize_date(m["iso"])[0]
    month = _MONTHS.get((m["m1"] or m["m2"]).lower())
    day, year = int(m["d1"] or m["d2"]), int(m["y1"] or m["y2"])
    try:
        return dt.date(year, month or 0, day).isoformat()
    except ValueError:
        return None


def filename_date(name: str) -> str | None:
    """Return the ISO date written in a file name (``2024-06-10`` or ``20240610``), or None."""
    for m in _FILE_DATE.finditer(name.rsplit("/", 1)[-1]):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None

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
