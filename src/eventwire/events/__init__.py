"""Events: PLOVER 2.0 event coding (type, mode, actors, recipients, aux modes, context)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import Stage, slot

__all__ = ["DedupStage", "EventStage"]


class EventStage(Stage):
    """Code PLOVER events from each sentence (stub: codes none)."""

    def process(self, doc: Doc) -> None:
        slot(doc, "ew_events")


class DedupStage(Stage):
    """Give events told twice in one article a shared ``dedup_key`` (stub: pass-through)."""

    def process(self, doc: Doc) -> None:
        slot(doc, "ew_events")


@Language.factory("eventwire_events",
                  requires=["doc.sents", "token.dep", "doc._.ew_entities", "doc._.ew_timexes",
                            "doc._.ew_quotes"],
                  assigns=["doc._.ew_events"])
def _make_events(nlp: Language, name: str) -> EventStage:
    return EventStage(nlp, name)


@Language.factory("eventwire_event_dedup", requires=["doc._.ew_events"], assigns=["doc._.ew_events"])
def _make_dedup(nlp: Language, name: str) -> DedupStage:
    return DedupStage(nlp, name)
