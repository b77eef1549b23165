"""Actors: mentions resolved to country, sector and identity by the article's date.

The ``eventwire_actors`` component finds actor phrases (knowledge-base names, titles, agent
nouns, spaCy named entities, pronouns), resolves each to an :class:`~eventwire.records.Entity`
by the article's date and links in-article coreference chains. Data: ``eventwire/data/actors``.
"""

from __future__ import annotations

from spacy.language import Language

from .stage import ActorStage, load_resources

__all__ = ["ActorStage", "load_resources"]


@Language.factory("eventwire_actors", requires=["doc.ents", "doc.sents"],
                  assigns=["doc._.ew_mentions", "doc._.ew_entities"])
def _make_actors(nlp: Language, name: str) -> ActorStage:
    return ActorStage(nlp, name)
