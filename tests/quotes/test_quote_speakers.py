"""Speaker resolution against entities as the actors stage writes them (hand-built here)."""

from __future__ import annotations

import pytest

from eventwire.records import Article, Entity

pytestmark = pytest.mark.slow


def _quotes(pipeline, text, entities):
    """Parse ``text`` with the spaCy model only, set ``entities``, run the quotes stage alone."""
    doc = pipeline._make_doc(Article(text=text))
    for name, proc in pipeline.nlp.pipeline:
        if name == "eventwire_timexes":  # the first eventwire stage after the model
            break
        doc = proc(doc)
    doc._.ew_entities = list(entities)
    pipeline.nlp.get_pipe("eventwire_quotes")(doc)
    return doc._.ew_quotes


def _ent(text, words, **kw):
    start = text.index(words)
    return Entity(entity_text=words, span=(start, start + len(words)), **kw)


BLINKEN = {"name": "Antony Blinken", "code": "USA", "sector": "GOV", "kind": "person"}
TEXT = ("Secretary Antony Blinken met the king.\n\n"
        "Later, the head of American diplomacy said he had “a frank exchange” with him.")


def test_description_resolved_by_actors_is_the_speaker(pipeline):
    ents = [_ent(TEXT, "Secretary Antony Blinken", cluster="c1", **BLINKEN),
            _ent(TEXT, "the head of American diplomacy", cluster="c1", **BLINKEN)]
    (direct,) = [q for q in _quotes(pipeline, TEXT, ents) if q.kind == "direct"]
    assert direct.content == "a frank exchange"
    assert direct.speaker is not None
    assert direct.speaker.entity_text == "the head of American diplomacy"
    assert (direct.speaker.name, direct.speaker.code, direct.speaker.cluster) == (
        "Antony Blinken", "USA", "c1")


def test_unresolved_description_gives_no_speaker(pipeline):
    ents = [_ent(TEXT, "Secretary Antony Blinken", **BLINKEN)]
    (direct,) = [q for q in _quotes(pipeline, TEXT, ents) if q.kind == "direct"]
    assert direct.speaker is None
    s, e = direct.speaker_span
    assert TEXT[s:e] == "the head of American diplomacy"


def test_pronoun_uses_actors_resolution(pipeline):
    text = "Maria Okafor met Daniel Mercer.\n\n“We agreed on nothing,” he said."
    ents = [_ent(text, "Maria Okafor", name="Maria Okafor", kind="person"),
            _ent(text, "Daniel Mercer", name="Daniel Mercer", kind="person"),
            _ent(text, "he", name="Daniel Mercer", kind="person", cluster="m")]
    (q,) = [q for q in _quotes(pipeline, text, ents) if q.kind == "direct"]
    assert q.speaker is not None and q.speaker.name == "Daniel Mercer"
    assert q.rule == "quotes:direct:ancestor+entity"


def test_unresolved_pronoun_falls_back_on_preceding_subject(pipeline):
    text = "Maria Okafor met Daniel Mercer.\n\n“We agreed on nothing,” she said."
    ents = [_ent(text, "Maria Okafor", name="Maria Okafor", kind="person"),
            _ent(text, "Daniel Mercer", name="Daniel Mercer", kind="person")]
    (q,) = [q for q in _quotes(pipeline, text, ents) if q.kind == "direct"]
    assert q.speaker is not None
    assert (q.speaker.entity_text, q.speaker.name) == ("she", "Maria Okafor")
    assert text[q.speaker.span[0]:q.speaker.span[1]] == "she"
    assert q.rule.endswith("+antecedent")


def test_pronoun_without_any_person_before_has_no_speaker(pipeline):
    text = "The storm hit the coast.\n\n“We lost everything,” she said."
    (q,) = [q for q in _quotes(pipeline, text, []) if q.kind == "direct"]
    assert q.speaker is None
    assert text[q.speaker_span[0]:q.speaker_span[1]] == "she"


def test_people_named_inside_quotes_are_not_antecedents(pipeline):
    text = "“Daniel Mercer is wrong,” a farmer shouted.\n\n“We will stay,” she said."
    ents = [_ent(text, "Daniel Mercer", name="Daniel Mercer", kind="person")]
    second = [q for q in _quotes(pipeline, text, ents) if q.kind == "direct"][1]
    assert second.speaker is None


def test_according_to_statement_reaches_the_organisation(pipeline):
    text = "Troops left the town, according to a statement from the Ruritanian presidency."
    ents = [_ent(text, "the Ruritanian presidency", name="Presidency of Ruritania",
                 code="RUR", sector="GOV", kind="organization")]
    (q,) = _quotes(pipeline, text, ents)
    assert (q.kind, q.content, q.cue) == ("indirect", "Troops left the town",
                                          "according to a statement from")
    assert q.speaker is not None and (q.speaker.code, q.speaker.sector) == ("RUR", "GOV")


def test_possessor_speaks_for_office(pipeline):
    text = "Daniel Mercer's office said in a statement that he would skip the summit."
    ents = [_ent(text, "Daniel Mercer", name="Daniel Mercer", code="RUR", kind="person")]
    (q,) = _quotes(pipeline, text, ents)
    assert q.speaker is not None and q.speaker.name == "Daniel Mercer"
    assert text[q.speaker_span[0]:q.speaker_span[1]] == "Daniel Mercer's office"
