"""When: time expressions normalised against the publication date, and event dates."""

from __future__ import annotations

import dataclasses

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import Stage, slot

__all__ = ["EventDateStage", "TimexStage"]


class TimexStage(Stage):
    """Find time expressions and normalise them (stub: finds none)."""

    def process(self, doc: Doc) -> None:
        slot(doc, "ew_timexes")


class EventDateStage(Stage):
    """Date each event from its governing time expression, else the publication date."""

    def process(self, doc: Doc) -> None:
        events = slot(doc, "ew_events")
        pub = doc._.article.date[:10] if doc._.article.date else None
        doc._.ew_events = [
            dataclasses.replace(e, date=pub, date_precision="day" if pub else None)
            if e.date is None else e
            for e in events
        ]


@Language.factory("eventwire_timexes", requires=["doc.sents"], assigns=["doc._.ew_timexes"])
def _make_timexes(nlp: Language, name: str) -> TimexStage:
    return TimexStage(nlp, name)


@Language.factory("eventwire_event_dates", requires=["doc._.ew_events", "doc._.ew_timexes"],
                  assigns=["doc._.ew_events"])
def _make_event_dates(nlp: Language, name: str) -> EventDateStage:
    return EventDateStage(nlp, name)
