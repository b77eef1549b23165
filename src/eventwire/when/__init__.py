"""When: time expressions normalised against the publication date, and event dates.

Two spaCy components (see ``pipeline.py`` for their place in the order):

- ``eventwire_timexes`` (:class:`TimexStage`): one pass of a compiled regex grammar (rules and
  words in ``data/when/*.yaml``) over the text, then normalisation of each hit to ISO 8601
  against ``doc._.article.date``; writes :class:`~eventwire.records.Timex` records.
- ``eventwire_event_dates`` (:class:`EventDateStage`): dates each event from the time
  expression governing its clause, else the publication date.

See ``docs/when.md``.
"""

from __future__ import annotations

from spacy.language import Language

from .event_dates import EventDateStage, date_events
from .grammar import Grammar, load_grammar
from .timexes import TimexStage, find_timexes, grammar_for

__all__ = [
    "EventDateStage",
    "Grammar",
    "TimexStage",
    "date_events",
    "find_timexes",
    "grammar_for",
    "load_grammar",
]


@Language.factory("eventwire_timexes", requires=["doc.sents"], assigns=["doc._.ew_timexes"])
def _make_timexes(nlp: Language, name: str) -> TimexStage:
    return TimexStage(nlp, name)


@Language.factory("eventwire_event_dates", requires=["doc._.ew_events", "doc._.ew_timexes"],
                  assigns=["doc._.ew_events"])
def _make_event_dates(nlp: Language, name: str) -> EventDateStage:
    return EventDateStage(nlp, name)
