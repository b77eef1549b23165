"""Quotes: direct and reported speech with cues and speakers."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import Stage, slot

__all__ = ["QuoteStage"]


class QuoteStage(Stage):
    """Find quotations and their speakers (stub: finds none)."""

    def process(self, doc: Doc) -> None:
        slot(doc, "ew_quotes")


@Language.factory("eventwire_quotes", requires=["doc.sents", "doc._.ew_entities"],
                  assigns=["doc._.ew_quotes"])
def _make_quotes(nlp: Language, name: str) -> QuoteStage:
    return QuoteStage(nlp, name)
