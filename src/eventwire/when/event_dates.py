"""The event-date stage: each event takes the date of the time expression governing its clause."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..nlp import Stage, evolve, slot
from ..records import Event, Timex
from .calendar import parse_pub_date, period_end
from .grammar import Grammar
from .narrative import (
    background,
    lead_timex,
    narrative_past,
    paragraph_of,
    path_to,
    precision_note,
    range_bounds,
)
from .tense import clause_verb
from .timexes import grammar_for

__all__ = ["EventDateStage", "date_events", "event_date_of"]

_DATED_TYPES = ("DATE", "TIME")
_PREV_WORD = re.compile(r"(\w+)\s*$")
HISTORICAL_DAYS = 365
REACH = 300  # characters: a timex further from the trigger is not considered (long run-on lines)


def _tokens(doc: Doc, span: tuple[int, int]) -> Span | None:
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def _preposition(text: str, start: int) -> tuple[str, int] | None:
    m = _PREV_WORD.search(text[max(0, start - 16):start])
    if not m:
        return None
    return m.group(1).lower(), start - (len(text[max(0, start - 16):start]) - m.start(1))


def event_date_of(value: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """Map a timex value to the event ``date`` / ``date_precision`` of records.md."""
    if value is None:
        return None, None
    if precision == "time" or (precision == "day" and len(value) > 10):
        return value[:10], "day"
    if precision == "week" and len(value) >= 8:
        try:
            monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        except ValueError:
            return None, None
        return monday.isoformat(), "week"
    if precision in ("season", "quarter"):
        return value[:4], "year"
    if precision == "decade" and value.isdigit():
        return value + "0", "decade"  # "199" -> "1990": the record's date stays a year
    if precision == "century" and value.isdigit():
        return value + "00", "century"
    return value, precision


class _TimexView:
    """What event dating needs to know about one timex, computed once per document."""

    __slots__ = ("bounding", "clause_i", "ids", "root", "start")

    def __init__(self, doc: Doc, tx: Timex, grammar: Grammar, text: str) -> None:
        tspan = _tokens(doc, tx.span)
        self.root: Token | None = tspan.root if tspan is not None and len(tspan) else None
        self.ids = {t.i for t in tspan} if self.root is not None and tspan is not None else set()
        self.start = tspan.start if tspan is not None else -1
        self.clause_i = clause_verb(self.root).i if self.root is not None else -1
        prep = _preposition(text, tx.span[0])
        self.bounding = prep is not None and prep[0] in grammar.bounding_preps


def _governing(doc: Doc, event: Event, timexes: list[Timex],
               views: dict[tuple[int, int], _TimexView], grammar: Grammar,
               text: str) -> Timex | None:
    """Return the timex governing the event's trigger, if any (see :func:`date_events`)."""
    trigger = _tokens(doc, event.span)
    if trigger is None or len(trigger) == 0:
        return None
    trig_ids = {t.i for t in trigger}
    trig_verb = clause_verb(trigger.root)
    up_start = trig_verb if trig_verb.i not in trig_ids else trigger.root
    relcl_head = up_start.head.i if up_start.dep_ in ("relcl", "advcl", "acl") else -1
    best: tuple[tuple[int, int], Timex] | None = None
    for tx in timexes:
        view = views.get(tx.span)
        if view is None:
            view = views[tx.span] = _TimexView(doc, tx, grammar, text)
        if view.root is None:
            continue
        score: tuple[int, int] | None = None
        down = None if view.bounding else path_to(view.root, trig_ids)
        if down is not None:
            score = (0, down)
        elif relcl_head in view.ids:
            # "October 7, when an attack sparked a war": the event's clause modifies the timex
            score = (1, 0)
        elif not view.bounding and view.clause_i == trig_verb.i:
            score = (2, abs(view.start - trigger.start))
        if score is not None and (best is None or score < best[0]):
            best = (score, tx)
    return best[1] if best else None


def date_events(doc: Doc, events: list[Event], timexes: list[Timex], grammar: Grammar,
                pub_date: str | None) -> list[Event]:
    """Return ``events`` with dates set from their governing time expressions.

    A timex governs an event when its head path reaches the trigger before any other verb
    ("announced on May 31"), when the event's clause is a relative clause of the timex
    ("October 7, when ... sparked"), or, failing both, when it is the nearest timex sharing the
    trigger's clause verb. Durations and sets never date events; "since"/"until" timexes only
    through the relative-clause link. An event with no governing timex takes, in order: nothing
    if it is background ("the first country to make peace", a pluperfect clause); the date at
    the head of its sentence ("On 2 May, a teacher was shot and killed"); for a past-tense
    clause, the last sentence-head date of its paragraph; else the publication date with
    ``date_text`` None. Events over a year before publication get aux_mode ``historical``.
    """
    text = doc._.article.text if doc._.article is not None else doc.text
    pub = parse_pub_date(pub_date)
    by_sentence: dict[int, list[Timex]] = {}
    for t in sorted(timexes, key=lambda t: t.span):
        if t.type in _DATED_TYPES and (t.value is None or t.value[:1].isdigit()):
            by_sentence.setdefault(t.sentence_index, []).append(t)  # *_REF values name no date
    starts = {i: [t.span[0] for t in ts] for i, ts in by_sentence.items()}
    views: dict[tuple[int, int], _TimexView] = {}
    leads = {i: lead_timex(doc, ts, grammar, text) for i, ts in by_sentence.items()}
    out = []
    hows: list[str] = []
    for event in events:
        near = by_sentence.get(event.sentence_index, [])
        if near:
            keys = starts[event.sentence_index]
            lo = bisect.bisect_left(keys, event.span[0] - REACH)
            near = near[lo:bisect.bisect_right(keys, event.span[0] + REACH)]
        tx = _governing(doc, event, near, views, grammar, text) if near else None
        how = "governing"
        if tx is None:
            tx, how = _fallback(doc, event, leads, grammar)
        hows.append(how)
        if tx is not None:
            changes = _dated(text, tx, by_sentence.get(tx.sentence_index, []), grammar)
        elif how == "background":
            changes = {"date": None, "date_precision": None, "date_text": None, "date_span": None}
        else:
            changes = {"date": pub.isoformat() if pub else None,
                       "date_precision": "day" if pub else None,
                       "date_text": None, "date_span": None}
        new_date = changes["date"]
        end = period_end(new_date) if isinstance(new_date, str) else None
        if pub is not None and end is not None and (pub - end).days > HISTORICAL_DAYS:
            changes["aux_mode"] = tuple(sorted(set(event.aux_mode) | {"historical"}))
        out.append(evolve(event, **changes))
    return _anchored(doc, out, hows, text)


_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}


def _anchored(doc: Doc, events: list[Event], hows: list[str], text: str) -> list[Event]:
    """Date an event told relative to a dated one: "arrested 30 protesters on Tuesday night, a day after
    students blocked a bridge" (the blockade: Monday); "two days before the vote" likewise.

    Only an event no timex governs (``hows``: how each event was dated), in a clause opened by "after" or
    "before" with a count of days or weeks, hung on the trigger of an event dated to the day.
    """
    roots = [t.root if (t := _tokens(doc, e.span)) is not None and len(t) else None for e in events]
    by_head = {root.i: e for e, how, root in zip(events, hows, roots, strict=True)
               if root is not None and how == "governing" and e.date and e.date_precision == "day"}
    out = []
    for e, how, root in zip(events, hows, roots, strict=True):
        shift = _shift(root) if root is not None and how != "governing" else None
        main = by_head.get(shift[1].head.i) if shift is not None else None
        if shift is None or main is None or main.date is None:
            out.append(e)
            continue
        days, _verb, measure, mark = shift
        try:
            when = dt.date.fromisoformat(main.date[:10]) + dt.timedelta(days=days)
        except ValueError:
            out.append(e)
            continue
        lo, hi = measure.left_edge.idx, mark.idx + len(mark.text)
        out.append(evolve(e, date=when.isoformat(), date_precision="day", date_text=text[lo:hi], date_span=(lo, hi)))
    return out


def _shift(trigger: Token) -> tuple[int, Token, Token, Token] | None:
    """(days to add to the main event's date, the clause verb, the measure, its mark) of "a day after X",
    "two weeks before X"; None when the trigger is in no such clause."""
    verb = clause_verb(trigger)
    if verb.dep_ != "advcl":
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    measure = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lower_ in _UNIT_DAYS), None)
    if mark is None or measure is None or measure.i > mark.i:
        return None
    count = next((c for c in measure.children if c.dep_ in ("det", "nummod")), None)
    n = _COUNTS.get(count.lower_) if count is not None else None
    if n is None and count is not None and count.text.isdigit():
        n = int(count.text)
    if n is None or n > 60:
        return None
    days = n * _UNIT_DAYS[measure.lower_]
    return (-days if mark.lower_ == "after" else days), verb, measure, mark


def _fallback(doc: Doc, event: Event, leads: dict[int, Timex | None],
              grammar: Grammar) -> tuple[Timex | None, str]:
    """The date source of an event no timex governs: background, sentence head, paragraph, or none."""
    trigger = _tokens(doc, event.span)
    if trigger is None or len(trigger) == 0:
        return None, "publication"
    if background(trigger.root, grammar):
        return None, "background"
    lead = leads.get(event.sentence_index)
    if lead is not None:
        return lead, "lead"
    if not narrative_past(trigger.root):
        return None, "publication"
    para = paragraph_of(doc, event.sentence_index)
    for k in range(event.sentence_index - 1, para - 1, -1):
        if leads.get(k) is not None:
            return leads[k], "narrative"
    return None, "publication"


def _dated(text: str, tx: Timex, same_sentence: list[Timex], grammar: Grammar) -> dict[str, object]:
    """The date fields an event takes from ``tx``, with the precision its qualifiers give."""
    bounds = range_bounds(tx, same_sentence, text)
    first, last = bounds or (tx, tx)
    date, precision = event_date_of(first.value, first.precision)
    start, end = first.span[0], last.span[1]
    note = precision_note(text, start, end, grammar)
    if bounds is not None:
        precision = "range"
    if note is not None:
        precision, start, end = note[0], min(start, note[1]), max(end, note[2])
    prep = _preposition(text, start)
    if prep and prep[0] in ("on", "in", "at", "during", "around", "between", "from"):
        start = prep[1]
    return {"date": date, "date_precision": precision, "date_text": text[start:end], "date_span": (start, end)}


class EventDateStage(Stage):
    """Date each event from its governing time expression, else the publication date."""

    grammar: Grammar

    def load(self, settings: Settings) -> None:
        """Share the timex grammar (its lists of bounding prepositions)."""
        self.grammar = grammar_for(settings)

    def process(self, doc: Doc) -> None:
        """Rewrite ``doc._.ew_events`` with dates filled in."""
        events = slot(doc, "ew_events")
        if not events:
            return
        article = doc._.article
        doc._.ew_events = date_events(doc, events, list(doc._.ew_timexes or ()), self.grammar,
                                      article.date if article is not None else None)
