"""Actors: mentions resolved to country, sector and identity by the article's date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import Stage, sentence_index_of, slot
from ..records import Entity, Mention

__all__ = ["ActorStage"]

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


class ActorStage(Stage):
    """Turn named entities into actor entities (stub: no codes yet)."""

    def process(self, doc: Doc) -> None:
        starts = [s.start_char for s in doc.sents]
        mentions = slot(doc, "ew_mentions")
        entities = slot(doc, "ew_entities")
        text = doc._.article.text
        for ent in doc.ents:
            if ent.label_ not in _KIND:
                continue
            span = (ent.start_char, ent.end_char)
            si = sentence_index_of(starts, ent.start_char)
            mentions.append(Mention(text[span[0]:span[1]], span, si, ent.label_, "ner"))
            entities.append(Entity(text[span[0]:span[1]], span, name=ent.text, kind=_KIND[ent.label_],
                                   sentence_index=si, rule="stub:ner"))


@Language.factory("eventwire_actors", requires=["doc.ents", "doc.sents"],
                  assigns=["doc._.ew_mentions", "doc._.ew_entities"])
def _make_actors(nlp: Language, name: str) -> ActorStage:
    return ActorStage(nlp, name)
