"""Find the dateline of a wire story: "(Cairo)", "CAIRO, June 10 (Reuters) -", "KYIV, Ukraine —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span

__all__ = ["Dateline", "find_dateline"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_NAME = r"[A-Z][A-Za-z\u00C0-\u024F.'’-]*(?:[ -][A-Z][A-Za-z\u00C0-\u024F.'’-]*){0,3}"
_CAPS = r"[A-Z][A-Z\u00C0-\u00DE.'’-]*(?:[ -][A-Z][A-Z\u00C0-\u00DE.'’-]*){0,3}"
_TAIL = (
    rf"(?:,\s*(?P<qual>{_NAME}))?"
    rf"(?:,?\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?P<agency>\([A-Za-z][A-Za-z .&/-]{0,30}\))?"
    r"\s*(?P<dash>--|[-—–:])\s"
)
_PAREN = re.compile(rf"\A\s*\((?P<place>{_NAME})\)\s")
_CAPS_LINE = re.compile(rf"\A\s*(?P<place>{_CAPS}){_TAIL}")
_MIXED_LINE = re.compile(rf"\A\s*(?P<place>{_NAME}){_TAIL}")


@dataclass(frozen=True)
class Dateline:
    """The place named at the head of the story, and the country or state that qualifies it."""

    text: str
    span: Span
    qualifier: str | None = None
    qualifier_span: Span | None = None
    end: int | None = None  # offset just after the dateline's dash or closing bracket: the story begins there


def find_dateline(text: str) -> Dateline | None:
    """Return the dateline at the start of ``text``, or ``None``.

    >>> find_dateline("CAIRO, June 10 (Reuters) - Talks ...").text
    'CAIRO'
    >>> find_dateline("KYIV, Ukraine — Russia ...").qualifier
    'Ukraine'
    """
    found = _at(text, 0)
    if found is None:  # after a headline: "Title of the story. CARTHAGE, N.C. (AP) - ..."
        brk = _HEADLINE_END.search(text, 0, 250)
        if brk is not None:
            found = _at(text, brk.end(), caps_only=True)
    return found


_HEADLINE_END = re.compile(r"[.!?]\s+(?=[A-Z]{2})|\n+")


def _at(text: str, start: int, caps_only: bool = False) -> Dateline | None:
    """The dateline beginning at ``start`` (offsets are into ``text``)."""
    head = text[start:start + 200]
    m = None if caps_only else _PAREN.match(head)
    if m:
        return Dateline(m.group("place"), _shift(m.span("place"), start), end=start + m.end())
    m = _CAPS_LINE.match(head)
    if m is None or not _plausible(m, caps=True):
        if caps_only:
            return None
        m = _MIXED_LINE.match(head)
        if m is None or not _plausible(m, caps=False):
            return None
    qual = m.group("qual")
    return Dateline(m.group("place"), _shift(m.span("place"), start), qual,
                    _shift(m.span("qual"), start) if qual else None, start + m.end())


def _shift(span: tuple[int, int], by: int) -> Span:
    return (span[0] + by, span[1] + by)


def _plausible(m: re.Match[str], caps: bool) -> bool:
    place = m.group("place")
    if not any(c.isalpha() for c in place):
        return False
    if caps:
        # an all-capitals place needs a dash or an agency after it; one short word alone could be a heading
        return place.upper() == place and (m.group("agency") is not None or m.group("dash") in {"—", "–", "--", "-"})
    if m.group("agency") is not None:
        return True
    # "Perth - Bushfires raged": a short capitalised name, a spaced dash and a capitalised story
    rest = m.string[m.end():m.end() + 1]
    return (m.group("dash") in _SPACED_DASHES and m.string[m.start("dash") - 1:m.start("dash")].isspace()
            and len(place.split()) <= 3 and rest[:1].isupper())


_SPACED_DASHES = frozenset({"-", "—", "–", "--"})
