"""The stage chain and the public API."""

from __future__ import annotations

import pickle

from eventwire import Annotation, Article, to_dict
from eventwire.pipeline import STAGES


def test_stage_chain_has_no_problems(pipeline):
    analysis = pipeline.analyze()
    assert {k: v for k, v in analysis["problems"].items() if v} == {}
    names = pipeline.nlp.pipe_names
    assert [n for n in names if n.startswith("eventwire_")] == [s for s, _ in STAGES]


def test_annotation_spans_slice_the_original_text(cairo):
    text = cairo.article.text
    for ent in cairo.entities:
        assert text[ent.span[0]:ent.span[1]] == ent.entity_text
    for s, e in cairo.sentences:
        assert text[s:e].strip() == text[s:e]


def test_records_pickle_for_workers(cairo):
    assert isinstance(cairo, Annotation)
    again = pickle.loads(pickle.dumps(cairo))
    assert again == cairo
    assert to_dict(again)["article_id"] == "cairo-2024-06-10"


def test_article_id_defaults_to_content_hash():
    a, b = Article(text="x", date="2024-01-01"), Article(text="x", date="2024-01-01")
    assert a.id == b.id and len(a.id) == 16
    assert Article(text="y").id != a.id
