"""Helpers of the API and dashboard tests: a fake pipeline, app clients, request bodies."""

from __future__ import annotations

from pathlib import Path

from eventwire.config import Settings
from eventwire.records import Annotation, Entity, Event, content_id

__all__ = ["READ_TOKEN", "TOKEN", "FakePipeline", "article", "make_app", "make_client"]

TOKEN = "s3cret-write-token-for-tests"
READ_TOKEN = "read-token-for-tests"


class FakePipeline:
    """Stands in for the spaCy pipeline: one CONSULT event on the first word, deterministic."""

    model_name = "fake"

    def annotate_many(self, articles):
        from eventwire.records import Failure

        for a in articles:
            if isinstance(a, Failure):
                yield a
                continue
            if len(a.text) > 50_000:
                yield Failure(a.id, a.position, f"article {a.id}: too long", stage="limits")
                continue
            words = a.text.split()
            if not words:
                yield Annotation(article=a, warnings=(f"article {a.id}: empty text, no events",))
                continue
            first = a.text.index(words[0])
            span = (first, first + len(words[0]))
            ent = Entity(entity_text=words[0], span=span, name=words[0], code="XXX", sector="GOV", sentence_index=0)
            ev = Event(
                id=content_id(a.id, span), article_id=a.id, event="CONSULT", mode=None, aux_mode=(),
                context=(), quad_code=1, cameo_root="04", date=a.date, date_precision="day" if a.date else None,
                date_text=None, actor=(ent,), recipient=(), event_loc=None, event_text=words[0], span=span,
                sentence_index=0, text=a.text, confidence=0.5, rule="fake",
            )
            yield Annotation(article=a, sentences=((0, len(a.text)),), entities=(ent,), events=(ev,))


def make_app(db: Path, **settings):
    """The app over ``db`` with the fake pipeline and the given settings."""
    from eventwire.api import create_app

    return create_app(Settings(**settings), db, pipeline=FakePipeline())


def make_client(db: Path, **settings):
    """A TestClient of :func:`make_app`."""
    from fastapi.testclient import TestClient

    return TestClient(make_app(db, **settings))


def article(text: str = "Ministers met in Lagos on Monday.", **fields) -> dict:
    """A request body for one article."""
    return {"text": text, "date": "2024-06-10", **fields}
