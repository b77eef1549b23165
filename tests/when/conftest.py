"""Fixtures for the when tests: run only the parser and the timex stage of the shared pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.records import Article


@pytest.fixture(scope="session")
def parse(pipeline) -> Callable[[str, str | None], Doc]:
    """Return ``parse(text, date)``: a Doc through spaCy's model and ``eventwire_timexes`` only."""
    nlp = pipeline.nlp

    def run(text: str, date: str | None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.article = Article(text=text, date=date)
        for name, proc in nlp.pipeline:
            if name.startswith("eventwire_") and name != "eventwire_timexes":
                continue
            doc = proc(doc)
        return doc

    return run
