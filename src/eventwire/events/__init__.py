"""Events: PLOVER 2.0 event coding (type, mode, actors, recipients, aux modes, context).

Two spaCy components (their place in the order is written in ``pipeline.py``):

- ``eventwire_events`` (:class:`EventStage`): finds triggers from the lexicon in
  ``data/events/triggers.jsonl`` (plus ``Settings.lexicon_files``), resolves actor and
  recipient from the dependency parse and ``doc._.ew_entities``, sets aux modes, context,
  confidence and provenance; writes ``doc._.ew_events``.
- ``eventwire_event_dedup`` (:class:`DedupStage`): after dates and places, gives events told
  twice in one article a shared ``dedup_key`` and every ASSAULT event its ``fatalities``
  (:mod:`eventwire.events.fatalities`).

See ``docs/events.md``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..config import Settings
from ..nlp import EventRewriter, Stage, slot, stage_factory
from ..records import Event
from .coder import EventCoder
from .confidence import Calibration, load_calibration
from .dedup import assign_dedup_keys
from .fatalities import FatalityWords, assign_fatalities, load_fatality_words
from .lexicon import Lexicon, LexiconError, load_lexicon

__all__ = ["Calibration", "DedupStage", "EventCoder", "EventStage", "Lexicon", "LexiconError",
           "assign_dedup_keys", "assign_fatalities", "load_calibration", "load_lexicon"]


class EventStage(Stage):
    """Code PLOVER events from each sentence with the trigger lexicon and the dependency parse."""

    coder: EventCoder

    def load(self, settings: Settings) -> None:
        """Load the bundled lexicon plus ``settings.lexicon_files``, and the confidence calibration."""
        self.coder = EventCoder(load_lexicon(settings.lexicon_files), load_calibration())

    def process(self, doc: Doc) -> None:
        """Append the events of ``doc`` to ``doc._.ew_events``."""
        events = slot(doc, "ew_events")
        if doc._.article is None or not doc.has_annotation("DEP"):
            return
        events.extend(self.coder.code(doc, doc._.ew_entities or (), doc._.ew_quotes or ()))


class DedupStage(EventRewriter):
    """Finalise events: death tolls of ASSAULT events, then a shared ``dedup_key`` for events told twice."""

    fatality_words: FatalityWords

    def load(self, settings: Settings) -> None:
        """Load the fatality words (data/events/fatalities.yaml)."""
        self.fatality_words = load_fatality_words()

    def rewrite(self, doc: Doc, events: list[Event]) -> list[Event]:
        """The events with fatalities and dedup keys."""
        if doc.has_annotation("DEP"):
            events = assign_fatalities(doc, events, self.fatality_words)
        return assign_dedup_keys(events)


stage_factory("eventwire_events", EventStage,
              requires=["doc.sents", "token.dep", "doc._.ew_entities", "doc._.ew_timexes", "doc._.ew_quotes"])


stage_factory("eventwire_event_dedup", DedupStage)
