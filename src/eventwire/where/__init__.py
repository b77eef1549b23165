"""Where: toponym recognition and resolution against a bundled gazetteer, and event locations."""

from __future__ import annotations

from spacy.language import Language

from .eventloc import EventLocationStage
from .places import PlaceStage

__all__ = ["EventLocationStage", "PlaceStage"]


@Language.factory("eventwire_places", requires=["doc.ents", "doc.sents"], assigns=["doc._.ew_places"])
def _make_places(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage(nlp, name)


@Language.factory("eventwire_event_locations", requires=["doc._.ew_events", "doc._.ew_places"],
                  assigns=["doc._.ew_events"])
def _make_event_locations(nlp: Language, name: str) -> EventLocationStage:
    return EventLocationStage(nlp, name)
