"""Where: toponym recognition and resolution against a bundled gazetteer, and event locations."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import Stage, slot

__all__ = ["EventLocationStage", "PlaceStage"]


class PlaceStage(Stage):
    """Find and resolve place names (stub: finds none)."""

    def process(self, doc: Doc) -> None:
        slot(doc, "ew_places")


class EventLocationStage(Stage):
    """Give each event the place governing its clause (stub: leaves them unset)."""

    def process(self, doc: Doc) -> None:
        slot(doc, "ew_events")


@Language.factory("eventwire_places", requires=["doc.ents", "doc.sents"], assigns=["doc._.ew_places"])
def _make_places(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage(nlp, name)


@Language.factory("eventwire_event_locations", requires=["doc._.ew_events", "doc._.ew_places"],
                  assigns=["doc._.ew_events"])
def _make_event_locations(nlp: Language, name: str) -> EventLocationStage:
    return EventLocationStage(nlp, name)
