"""Helpers for the actors tests: run the actor stage (optionally with other settings) on a text."""

from __future__ import annotations

from typing import Any

from eventwire.actors import ActorStage
from eventwire.config import Settings
from eventwire.records import Article, Entity

__all__ = ["covering", "run_actors"]


def run_actors(pipeline: Any, text: str, date: str | None, settings: Settings | None = None) -> list[Entity]:
    """Parse ``text`` with the session pipeline's spaCy components and run an actor stage on it."""
    nlp = pipeline.nlp
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, date=date)
    for name, proc in nlp.pipeline:
        if not name.startswith("eventwire_"):
            doc = proc(doc)
    stage = ActorStage(nlp, "eventwire_actors")
    stage.initialize(settings=settings or pipeline.settings)
    stage(doc)
    return list(doc._.ew_entities or [])


def covering(entities: list[Entity], start: int, end: int) -> Entity | None:
    """Return the entity whose span covers ``[start, end)``, if any."""
    for e in entities:
        if e.span[0] <= start and end <= e.span[1]:
            return e
    return None
