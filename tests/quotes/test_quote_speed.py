"""The quotes stage stays cheap next to the spaCy parse (run with -s to see the figures)."""

from __future__ import annotations

import time

import pytest

from eventwire.records import Article

pytestmark = pytest.mark.slow

NEEDED = ("eventwire_actors", "eventwire_quotes")

# Written for this test: quotes in several styles, attributions and reported speech.
PARAGRAPHS = [
    "“We will not sign this deal,” Foreign Minister Maria Okafor told reporters, “unless the "
    "border reopens.” She said the talks would resume in June.",
    "According to a statement from the Ruritanian presidency, troops left the town overnight.",
    "\"Nobody will leave,\" the mayor said, adding that 'the water is falling' and that the army "
    "had sent « trois camions » of supplies.",
    "Daniel Mercer's office said in a statement that he would skip the summit. He warned that "
    "the ceasefire was fragile and called on both sides to release their prisoners.",
    "“The talks were hard. We made progress on the prisoners.",
    "“But the hardest questions remain open,” Okafor said.",
]


def test_quotes_stage_costs_little_next_to_the_parse(pipeline):
    nlp = pipeline.nlp
    texts = ["\n\n".join(PARAGRAPHS[i:] + PARAGRAPHS[:i]) for i in range(len(PARAGRAPHS))] * 2
    parse = quotes = 0.0
    found = 0
    for text in texts:
        doc = pipeline._make_doc(Article(text=text))
        for name, proc in nlp.pipeline:
            if name.startswith("eventwire_") and name not in NEEDED:
                continue  # the quotes stage reads only the actors stage's entities
            t0 = time.perf_counter()
            doc = proc(doc)
            spent = time.perf_counter() - t0
            if name == "eventwire_quotes":
                quotes += spent
            elif not name.startswith("eventwire_"):
                parse += spent
        found += len(doc._.ew_quotes)
    print(f"\nquotes stage {1000 * quotes / len(texts):.2f} ms/doc, spaCy model "
          f"{1000 * parse / len(texts):.2f} ms/doc ({100 * quotes / parse:.1f}%), {found} quotes")
    assert found >= 10 * len(texts)
    assert quotes < 0.15 * parse
