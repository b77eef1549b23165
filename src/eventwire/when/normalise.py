"""Turn one grammar match into ISO 8601 values: one function per rule ``handler`` name.

Each handler reads the match's named groups and a :class:`Context` (publication date, the
reference date of the narrative, and the tense of the clause around the match) and returns
zero or more :class:`Hit` tuples. Nothing relative is resolved without a publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .calendar import (
    add_months,
    iso_week,
    nearest_month,
    nearest_month_day,
    shift,
    weekday_date,
)
from .grammar import Grammar

FORWARD = ("future", "present")  # clause tenses that put a date without year ahead of publication

__all__ = ["HANDLERS", "Context", "Groups", "Hit"]


class Hit(NamedTuple):
    """One normalised time expression: a character span and its value."""

    start: int
    end: int
    value: str | None
    precision: str | None
    type: str
    mod: str | None = None


@dataclass
class Context:
    """What a handler may consult besides the match."""

    grammar: Grammar
    pub: dt.date | None
    tense: Callable[[int, int], str]  # (start, end) -> "past" | "future" | "unknown"
    ref: dt.date | None = None  # last date mentioned (narrative reference) ...
    ref_precision: str = "day"  # ... and its precision: day, month or year
    ref_sentence: int = -1
    sentence: int = -1

    def anchor(self, code: str, forward: bool = False) -> dt.date | None:
        """The date "two days later" (unit ``code``) counts from: the last date mentioned.

        Without one, counting back ("two days earlier", "the day before") starts from the
        publication date, but counting forward ("three months later") is unresolved: it would
        put a reported past event after publication. ``None`` too when the last date mentioned
        is too coarse for the unit ("in 2018 ... two days later").
        """
        if self.ref is None:
            return None if forward else self.pub
        need = {"D": 3, "W": 3, "M": 2}.get(code, 1)
        have = {"day": 3, "month": 2, "year": 1}.get(self.ref_precision, 0)
        return self.ref if have >= need else None


class Groups:
    """Access to the template-named groups of one rule's match."""

    def __init__(self, match: re.Match[str], names: dict[str, str]) -> None:
        self.match = match
        self.names = names

    def __call__(self, name: str) -> str | None:
        key = self.names.get(name)
        return self.match.group(key) if key else None

    def span(self, name: str) -> tuple[int, int]:
        """Return the span of a group (``(-1, -1)`` when it did not take part)."""
        key = self.names.get(name)
        return self.match.span(key) if key else (-1, -1)

    def word(self, name: str) -> str | None:
        """Return a group lower-cased with whitespace collapsed."""
        v = self(name)
        return " ".join(v.lower().split()) if v else None


Handler = Callable[[Groups, int, int, Context], list[Hit]]


def _mod(g: Groups, ctx: Context) -> str | None:
    m = g.word("mod")
    return ctx.grammar.period_mods.get(m.rstrip("-")) if m else None


def _month(g: Groups, ctx: Context) -> int | None:
    if g("mnum"):
        return int(g("mnum") or 0)
    name = g.word("month")
    return ctx.grammar.months.get(name.rstrip(".")) if name else None


def _count(g: Groups, ctx: Context, name: str = "num") -> tuple[bool, float | None]:
    """Return (present, value): value ``None`` for vague counts ("several")."""
    raw = g.word(name)
    if raw is None:
        return False, None
    if raw[0].isdigit():
        v = float(raw)
        return True, v
    n = ctx.grammar.numbers.get(raw)
    return True, (float(n) if n is not None else None)


def _num_text(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


def _unit(g: Groups, ctx: Context) -> tuple[str, int]:
    return ctx.grammar.units.get(g.word("unit") or "", ("D", 1))


def _plural(g: Groups) -> bool:
    return (g.word("unit") or "").endswith("s")


def _day_value(day: dt.date | None, dp: str | None, ctx: Context) -> tuple[str | None, str, str]:
    if day is None:
        return None, ("time" if dp else "day"), ("TIME" if dp else "DATE")
    if dp:
        return f"{day.isoformat()}T{ctx.grammar.dayparts[dp]}", "time", "TIME"
    return day.isoformat(), "day", "DATE"


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _resolve_day(month: int, day: int, year: int | None, wd: int | None, s: int, e: int,
                 ctx: Context, tense: str | None = None) -> dt.date | None:
    if year is not None:
        return _valid(year, month, day)
    if ctx.pub is None:
        return None
    if wd is not None:
        fits = [d for y in (ctx.pub.year - 1, ctx.pub.year, ctx.pub.year + 1)
                if (d := _valid(y, month, day)) and d.isoweekday() == wd]
        if fits:
            return min(fits, key=lambda d: abs((d - ctx.pub).days) if ctx.pub else 0)
    return nearest_month_day(ctx.pub, month, day, tense or ctx.tense(s, e))


def h_date(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """Explicit dates with or without a year: "May 31", "31 May 2024", "2024-06-10"."""
    month, day = _month(g, ctx), int(g("day") or 0)
    if not month:
        return []
    wd = ctx.grammar.weekdays.get(g.word("wd") or "")
    year = int(g("year") or 0) or None
    d = _resolve_day(month, day, year, wd, s, e, ctx)
    if year is not None and d is None:
        return []  # "February 30, 2024": not a date
    if g("hour") and d is not None:
        return [Hit(s, e, f"{d.isoformat()}T{g('hour')}:{g('minute')}", "time", "TIME")]
    return [Hit(s, e, d.isoformat() if d else None, "day", "DATE")]


def h_holiday(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """Fixed-date holidays: "New Year's Eve", "Christmas 2023"."""
    name = (g.word("holiday") or "").replace("’", "'")
    month_day = ctx.grammar.holidays.get(name)
    if month_day is None:
        return []
    year = int(g("year") or 0) or None
    d = _resolve_day(month_day[0], month_day[1], year, None, s, e, ctx)
    return [Hit(s, e, d.isoformat() if d else None, "day", "DATE")]


def h_vague(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"now", "recently", "in the past", "in the near future" -> PRESENT_REF / PAST_REF / FUTURE_REF."""
    value = ctx.grammar.vague_refs.get(g.word("word") or "")
    return [Hit(s, e, value, None, "DATE")] if value else []


def h_date_range(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """Day ranges within one month: "May 3-5", "3 to 5 June 2024" (two DATE endpoints)."""
    month = _month(g, ctx)
    d1, d2 = int(g("day") or 0), int(g("day2") or 0)
    if not month or d2 <= d1:
        return []
    year = int(g("year") or 0) or None
    first = _resolve_day(month, d1, year, None, s, e, ctx)
    second = _valid(first.year, month, d2) if first else (
        _valid(year, month, d2) if year else None)
    _, day_end = g.span("day")
    day2_start, _ = g.span("day2")
    # "May 3-5" -> "May 3" + "5"; "3-5 May 2024" -> "3" + "5 May 2024"
    return [Hit(s, day_end, first.isoformat() if first else None, "day", "DATE"),
            Hit(day2_start, e, second.isoformat() if second else None, "day", "DATE")]


def h_year_range(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """Year ranges "2019-2021", "2019–21" (two DATE endpoints)."""
    y1 = int(g("year") or 0)
    raw2 = g("year2") or ""
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if y2 <= y1 or y2 - y1 > 100:
        return []
    a, b = g.span("year"), g.span("year2")
    return [Hit(a[0], a[1], str(y1), "year", "DATE"), Hit(b[0], b[1], str(y2), "year", "DATE")]


def h_month(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """A month with or without a year: "March 2023", "in May", "last March", "early June"."""
    month = _month(g, ctx)
    if not month:
        return []
    mod = _mod(g, ctx)
    if g("year"):
        return [Hit(s, e, f"{int(g('year') or 0)}-{month:02d}", "month", "DATE", mod)]
    if ctx.pub is None:
        return [Hit(s, e, None, "month", "DATE", mod)]
    year = nearest_month(ctx.pub, month, ctx.tense(s, e), g.word("rel"))
    return [Hit(s, e, f"{year}-{month:02d}", "month", "DATE", mod)]


def h_weekday(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """Weekday names: "on Monday", "last Friday", "Monday evening"."""
    wd = ctx.grammar.weekdays.get(g.word("wd") or "")
    if wd is None:
        return []
    day = weekday_date(ctx.pub, wd, g.word("rel"), ctx.tense(s, e)) if ctx.pub else None
    value, precision, typ = _day_value(day, g.word("dp"), ctx)
    return [Hit(s, e, value, precision, typ)]


def _relative(base: dt.date | None, n: int, code: str, mult: int) -> tuple[str | None, str]:
    if code.startswith("T"):
        return (base.isoformat() if base else None), "day"
    if base is None:
        return None, {"D": "day", "W": "week", "M": "month"}.get(code, "year")
    moved = shift(base, n * mult, code)
    if code == "D":
        return moved.isoformat(), "day"
    if code == "W":
        return iso_week(moved), "week"
    if code == "M":
        return f"{moved.year}-{moved.month:02d}", "month"
    return str(moved.year), "year"


def h_ago(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"two days ago", "a year ago": counted back from the publication date."""
    _, n = _count(g, ctx)
    code, mult = _unit(g, ctx)
    if n is None or n != int(n):
        return [Hit(s, e, None, None, "DATE")]
    value, precision = _relative(ctx.pub, -int(n), code, mult)
    return [Hit(s, e, value, precision, "DATE")]


def h_offset(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"three days later", "the day before": counted from the last date the story mentioned."""
    present, n = _count(g, ctx)
    if not present:
        n = 1.0
    code, mult = _unit(g, ctx)
    if n is None or n != int(n):
        return [Hit(s, e, None, None, "DATE")]
    sign = -1 if g.word("dir") in ("earlier", "before") else 1
    value, precision = _relative(ctx.anchor(code, sign > 0), sign * int(n), code, mult)
    return [Hit(s, e, value, precision, "DATE")]


def _duration(n: float | None, code: str, mult: int) -> str:
    if code.startswith("T"):
        return f"PT{_num_text(n * mult) if n is not None else 'X'}{code[1:]}"
    return f"P{_num_text(n * mult) if n is not None else 'X'}{code}"


def h_the_span(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"the past three days" (DURATION), "the next day" (DATE from the narrative's reference)."""
    direction = g.word("dir") or ""
    present, n = _count(g, ctx)
    code, mult = _unit(g, ctx)
    plural = _plural(g)
    if present or code.startswith("T") or plural:
        if direction in ("first", "final") and not present:
            return []
        return [Hit(s, e, _duration(n if (present or not plural) else None, code, mult),
                    None, "DURATION")]
    if direction in ("past", "last"):
        return [Hit(s, e, _duration(1, code, mult), None, "DURATION")]
    if direction in ("first", "final"):
        return []
    if direction == "coming":
        value, precision = _relative(ctx.pub, 1, code, mult)
    else:
        sign = -1 if direction in ("previous", "preceding") else 1
        value, precision = _relative(ctx.anchor(code, sign > 0), sign, code, mult)
    return [Hit(s, e, value, precision, "DATE")]


_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
              "the day before yesterday": -2, "the day after tomorrow": 2}


def h_relative_day(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"yesterday", "today", "tomorrow morning", "tonight"."""
    word = g.word("word") or ""
    dp = g.word("dp") or ("night" if word == "tonight" else None)
    day = ctx.pub + dt.timedelta(days=_DAY_WORDS.get(word, 0)) if ctx.pub else None
    value, precision, typ = _day_value(day, dp, ctx)
    return [Hit(s, e, value, precision, typ)]


def h_relative_daypart(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"last night" (the evening before publication), "this morning"."""
    dp = g.word("dp") or ""
    back = 1 if g.word("rel") == "last" else 0
    day = ctx.pub - dt.timedelta(days=back) if ctx.pub else None
    value, precision, typ = _day_value(day, dp, ctx)
    return [Hit(s, e, value, precision, typ)]


def h_relative_unit(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"last week", "next month", "earlier this year", "the end of the month"."""
    rel = g.word("rel")
    n = -1 if rel in ("last", "past", "previous") else 1 if rel in ("next", "coming") else 0
    unit = g.word("unit") or ""
    mod = _mod(g, ctx)
    pub = ctx.pub
    precision = {"weekend": "week"}.get(unit, unit)
    if pub is None:
        return [Hit(s, e, None, precision, "DATE", mod)]
    if unit in ("week", "weekend"):
        value = iso_week(pub + dt.timedelta(weeks=n)) + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        y, m = add_months(pub.year, pub.month, n)
        value = f"{y}-{m:02d}"
    elif unit == "year":
        value = str(pub.year + n)
    elif unit == "decade":
        value = str(pub.year // 10 + n)
    else:
        value = str(pub.year // 100 + n)
    return [Hit(s, e, value, precision, "DATE", mod)]


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def h_season(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"last summer", "the winter of 2022"."""
    name = g.word("season") or g.word("season2") or ""
    code = ctx.grammar.seasons.get(name)
    if code is None:
        return []
    mod = _mod(g, ctx)
    if g("year"):
        return [Hit(s, e, f"{int(g('year') or 0)}-{code}", "season", "DATE", mod)]
    if ctx.pub is None:
        return [Hit(s, e, None, "season", "DATE", mod)]
    start = _SEASON_START[code]
    begun = ctx.pub.month >= start
    rel = g.word("rel")
    if rel is None:
        tense = ctx.tense(s, e)
        rel = "next" if tense in FORWARD and not begun else "last" if tense == "past" else "this"
        if rel == "last" and ctx.pub.month >= start:
            rel = "this"  # "in the summer" written in or after that summer
    if rel in ("last", "past"):
        year = ctx.pub.year if ctx.pub.month >= start + 3 else ctx.pub.year - 1
    elif rel in ("next", "coming"):
        year = ctx.pub.year + 1 if begun else ctx.pub.year
    else:
        year = ctx.pub.year
    return [Hit(s, e, f"{year}-{code}", "season", "DATE", mod)]


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4, "last": 4}


def h_quarter(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"the first quarter of 2024", "Q3 2023", "the fourth quarter" (the last one, in the past)."""
    q = _ORDINALS.get(g.word("ord") or g.word("ord2") or "") or int((g("q") or "Q0")[1])
    if not q:
        return []
    year: int | str | None = g("year") or g("year2")
    if year is None:
        if ctx.pub is None:
            return [Hit(s, e, None, "quarter", "DATE")]
        current = (ctx.pub.month - 1) // 3 + 1
        if ctx.tense(s, e) in FORWARD:
            year = ctx.pub.year if q >= current else ctx.pub.year + 1
        else:
            year = ctx.pub.year if q < current else ctx.pub.year - 1
    return [Hit(s, e, f"{year}-Q{q}", "quarter", "DATE")]


def h_weekend(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"over the weekend": the last one in a past clause, the coming one in a future clause."""
    if ctx.pub is None:
        return [Hit(s, e, None, "week", "DATE")]
    in_weekend = ctx.pub.isoweekday() >= 6
    back = not in_weekend and ctx.tense(s, e) not in FORWARD
    day = ctx.pub - dt.timedelta(weeks=1) if back else ctx.pub
    return [Hit(s, e, iso_week(day) + "-WE", "week", "DATE")]


def h_in_units(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"in two weeks": a date ahead of publication in a future or present clause, else a duration
    ("the first visit in a year")."""
    present, n = _count(g, ctx)
    code, mult = _unit(g, ctx)
    if ctx.tense(s, e) not in FORWARD or n is None or n != int(n):
        return [Hit(s, e, _duration(n, code, mult), None, "DURATION")]
    value, precision = _relative(ctx.pub, int(n), code, mult)
    return [Hit(s, e, value, precision, "DATE")]


def h_decade(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"the 1990s", "the '80s", "the early 2000s"."""
    if g("decade"):
        value = (g("decade") or "")[:3]
    else:
        two = int(g("dec2") or 0)
        value = f"{19 if two >= 30 else 20}{two // 10}"
    return [Hit(s, e, value, "decade", "DATE", _mod(g, ctx))]


_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def h_century(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"the 20th century" -> ``19``."""
    n = int(g("ord") or 0) or _CENTURY_WORDS.get(g.word("ordw") or "", 0)
    return [Hit(s, e, f"{n - 1:02d}", "century", "DATE")] if n else []


def h_year(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"in 2019", "late 2023", "mid-2023"."""
    return [Hit(s, e, str(int(g("year") or 0)), "year", "DATE", _mod(g, ctx))]


def h_clock(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"at 3 pm", "15:30 GMT", "at noon": on the day last mentioned in the sentence, else pub."""
    if g("clock"):
        hhmm = ctx.grammar.clock_words.get(g.word("clock") or "", "12:00")
    else:
        hour, minute = int(g("hour") or 0), int(g("minute") or 0)
        ampm = (g.word("ampm") or "").replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        hhmm = f"{hour:02d}:{minute:02d}"
    same = ctx.ref and ctx.ref_precision == "day" and ctx.ref_sentence == ctx.sentence
    day = ctx.ref if same else ctx.pub
    return [Hit(s, e, f"{day.isoformat()}T{hhmm}" if day else None, "time", "TIME")]


def h_duration(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"six-week", "for three days", "48 hours", "for months", "year-long"."""
    present, n = _count(g, ctx)
    code, mult = _unit(g, ctx)
    if not present:
        n = None if _plural(g) else 1.0
    return [Hit(s, e, _duration(n, code, mult), None, "DURATION")]


def h_set_weekday(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"every Friday", "on Fridays" -> ``XXXX-WXX-5``."""
    wd = ctx.grammar.weekdays.get((g.word("wd") or "").rstrip("s"))
    return [Hit(s, e, f"XXXX-WXX-{wd}", None, "SET")] if wd else []


def h_set_every(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"every two weeks" -> ``P2W``; "twice a week" -> ``P1W``."""
    present, n = _count(g, ctx)
    code, mult = _unit(g, ctx)
    return [Hit(s, e, _duration(n if present else 1.0, code, mult), None, "SET")]


def h_set_frequency(g: Groups, s: int, e: int, ctx: Context) -> list[Hit]:
    """"weekly", "daily", "annually"."""
    value = ctx.grammar.frequencies.get(g.word("freq") or "")
    return [Hit(s, e, value, None, "SET")] if value else []


HANDLERS: dict[str, Handler] = {
    "ago": h_ago,
    "century": h_century,
    "clock": h_clock,
    "date": h_date,
    "date_range": h_date_range,
    "decade": h_decade,
    "holiday": h_holiday,
    "vague": h_vague,
    "duration": h_duration,
    "month": h_month,
    "offset": h_offset,
    "quarter": h_quarter,
    "relative_day": h_relative_day,
    "relative_daypart": h_relative_daypart,
    "relative_unit": h_relative_unit,
    "season": h_season,
    "set_every": h_set_every,
    "set_frequency": h_set_frequency,
    "set_weekday": h_set_weekday,
    "the_span": h_the_span,
    "weekday": h_weekday,
    "weekend": h_weekend,
    "in_units": h_in_units,
    "year": h_year,
    "year_range": h_year_range,
}
