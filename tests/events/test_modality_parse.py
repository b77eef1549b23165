"""Auxiliary modes read from hand-built parses: a clause misparsed under a later verb keeps its own mood."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.events.lexicon import load_lexicon
from eventwire.events.modality import modality


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    lemmas = [{"said": "say", "shelled": "shell", "gathered": "gather"}.get(w, w.lower()) for w in words]
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


# "Residents gathered in Dayton following a plan which would close schools ." parsed (as the small
# model does on long notes) with "gathered" a clausal complement of the later "close"
WORDS = ["Residents", "gathered", "in", "Dayton", "following", "a", "plan", "which", "would", "close", "schools", "."]
POS = ["NOUN", "VERB", "ADP", "PROPN", "VERB", "DET", "NOUN", "PRON", "AUX", "VERB", "NOUN", "PUNCT"]


def test_clause_with_its_own_subject_misparsed_under_a_later_verb_keeps_its_mood():
    frames = load_lexicon().frames
    heads = [1, 9, 1, 2, 1, 6, 4, 9, 9, 9, 9, 9]
    deps = ["nsubj", "ccomp", "prep", "pobj", "prep", "det", "pobj", "nsubj", "aux", "ROOT", "dobj", "punct"]
    doc = _doc(WORDS, heads, deps, POS)
    assert "hypothetical" not in modality(doc[1], frames, frames.speech_verbs).aux
    assert "hypothetical" in modality(doc[9], frames, frames.speech_verbs).aux


def test_a_later_speech_verb_still_reports_the_clause():
    frames = load_lexicon().frames
    words = ["Troops", "shelled", "Dayton", ",", "officials", "said", "."]
    doc = _doc(words, [1, 5, 1, 5, 5, 5, 5], ["nsubj", "ccomp", "dobj", "punct", "nsubj", "ROOT", "punct"],
               ["NOUN", "VERB", "PROPN", "PUNCT", "NOUN", "VERB", "PUNCT"])
    assert modality(doc[1], frames, frames.speech_verbs).reported
