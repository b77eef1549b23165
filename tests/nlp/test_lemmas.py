"""The loaded model keeps event words whole and lemmatizes every lexicon verb back to itself."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire.events.lexicon import load_lexicon
from eventwire.nlp import lemma_exceptions, special_tokens


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


def _regular_forms(verb: str) -> list[tuple[str, str]]:
    """Past, third person and gerund of a verb ending in a silent e ("stage": "staged" ...)."""
    return [(verb + "d", "VBD"), (verb + "s", "VBZ"), (verb[:-1] + "ing", "VBG")]


def test_every_lexicon_verb_lemmatizes_back(nlp):
    lex = load_lexicon()
    verbs = {lemma for e in lex.entries if e.pos == "verb" for lemma in e.lemmas}
    verbs |= set(lex.frames.light_verbs) | set(lex.frames.speech_verbs)
    lemmatizer = nlp.get_pipe("lemmatizer")
    fixes = lemma_exceptions()
    wrong = []
    for verb in sorted(v for v in verbs if v.isalpha() and v.endswith("e") and len(v) > 3):
        for form, tag in _regular_forms(verb):
            doc = Doc(nlp.vocab, words=[form])
            doc[0].tag_, doc[0].pos_ = tag, "VERB"
            got = fixes.get(form) or lemmatizer.rule_lemmatize(doc[0])[0]
            if got != verb and not verb.startswith(got):  # "lambasted" -> "lambast" is a spelling
                wrong.append((form, got, verb))
    assert not wrong, f"add these to data/nlp/lemma_exceptions.tsv: {wrong}"


@pytest.mark.parametrize(("sentence", "form", "lemma"), [
    ("Teachers staged a strike in Lille.", "staged", "stage"),
    ("The rebels are waging a war in the north.", "waging", "wage"),
    ("The regulator fined the bank on Monday.", "fined", "fine"),
])
def test_mended_lemmas_in_context(nlp, sentence, form, lemma):
    tok = next(t for t in nlp(sentence) if t.lower_ == form)
    assert tok.lemma_ == lemma


def test_nouns_keep_their_own_lemma(nlp):
    tok = next(t for t in nlp("Wages rose by two percent.") if t.lower_ == "wages")
    assert tok.pos_ != "VERB" and tok.lemma_ == "wage"


@pytest.mark.parametrize("word", special_tokens())
def test_special_words_stay_one_token(nlp, word):
    for form in (word, word.capitalize()):
        doc = nlp(f"Workers held a {form} on Monday.")
        assert form in [t.text for t in doc], [t.text for t in doc]
