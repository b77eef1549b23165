"""Helpers for the when tests: run only spaCy's model and the timex stage of the shared pipeline."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from eventwire.records import Article

__all__ = ["timex_doc"]


def timex_doc(pipeline: Any, text: str, date: str | None) -> Doc:
    """Return a Doc of ``text`` parsed by the model with ``eventwire_timexes`` applied (no other stage)."""
    nlp = pipeline.nlp
    doc = nlp.make_doc(text)
    doc._.article = Article(text=text, date=date)
    for name, proc in nlp.pipeline:
        if name.startswith("eventwire_") and name != "eventwire_timexes":
            continue
        doc = proc(doc)
    return doc
