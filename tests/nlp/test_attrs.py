"""The compiled attribute ruler gives exactly what spaCy's attribute ruler gives, on real and awkward text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from eventwire.nlp import load_model
from eventwire.nlp.attrs import FastAttributeRuler, compile_ruler, use_fast_attribute_ruler

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
AWKWARD = [
    "Ain't nobody there, y'all. It's nothin' new, he said: there is no deal and there are no talks.",
    "She gets what she got.\n\nThen   the  convoy, which had left at 6 a.m., was stopped.",
    "Do you have it? They did. He has had enough; what do they do now?",
    "Who's that? That is what he wants, and those are the ones which were seized.",
    "",
    "\n",
]


@pytest.fixture(scope="module")
def stock():
    return load_model()[0]


def _texts() -> list[str]:
    texts = list(AWKWARD)
    for line in (DEMO / "demo.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts


def test_compiled_ruler_matches_spacy(stock):
    ruler = stock.get_pipe("attribute_ruler")
    fast = compile_ruler(ruler)
    assert isinstance(fast, FastAttributeRuler) and len(fast.rules) == len(ruler.attrs)
    before = [n for n in stock.pipe_names if n not in ("attribute_ruler", "lemmatizer", "lemma_mends", "ner")]
    with stock.select_pipes(enable=before):
        docs = list(stock.pipe(_texts()))
    assert len(docs) > len(AWKWARD)
    done = []
    for doc in docs:
        a = Doc(doc.vocab).from_bytes(doc.to_bytes())
        b = Doc(doc.vocab).from_bytes(doc.to_bytes())
        ruler(a)
        fast(b)
        for attr in (POS, TAG, DEP, LEMMA, MORPH, HEAD):
            assert np.array_equal(a.to_array([attr]), b.to_array([attr])), (doc.text[:80], attr)
        done.append(b)
    # the rules did something: the tagger leaves POS unset, the ruler sets it from the tag
    assert not any(t.pos_ for d in docs for t in d)
    assert any(t.pos_ == "PUNCT" for d in done for t in d)
    assert any(t.lemma_ == "get" for d in done for t in d if t.lower_ == "gets")


def test_pipeline_uses_the_compiled_ruler(pipeline):
    assert isinstance(pipeline.nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert not use_fast_attribute_ruler(pipeline.nlp)  # already in place: nothing to do
    doc = pipeline.nlp("Protesters gathered in Cairo on Monday.")
    assert [t.pos_ for t in doc][:3] == ["NOUN", "VERB", "ADP"]


def test_unknown_rule_declines():
    class Matcher:
        @staticmethod
        def get(key):
            return None, [[{"SHAPE": "Xxxx"}]]

    class Ruler:
        attrs = [{74: 100}]
        indices = [0]
        matcher = Matcher()
        vocab = None

    assert compile_ruler(Ruler()) is None
