"""A sample database where several stories tell the same events (for unique counts and series)."""

from __future__ import annotations

import dataclasses

from ew_sample import build_store, sample_annotations

from eventwire.records import Annotation, Entity

__all__ = ["REPEATED", "build_story_db", "retold", "story_annotations"]

REPEATED = 6  # articles told again by another wire


def retold(ann: Annotation, suffix: str, source: str) -> Annotation:
    """The same article's events told by another story (new article and event ids, another source)."""
    aid = ann.article.id + suffix
    return dataclasses.replace(
        ann, article=dataclasses.replace(ann.article, id=aid, source=source),
        events=tuple(dataclasses.replace(e, id=e.id + suffix, article_id=aid) for e in ann.events),
    )


def story_annotations() -> list[Annotation]:
    """40 sample articles, 6 of them told again by a second wire, one with generic mentions."""
    base = sample_annotations(n_articles=40, seed=11)
    out = base + [retold(a, "-b", "second wire") for a in base[:REPEATED]]
    generic = base[-1]
    first = generic.events[0]
    people = Entity(entity_text="people", span=first.actor[0].span, sentence_index=0, rule="sample")
    sides = Entity(entity_text="both sides", span=first.recipient[0].span, sentence_index=0, rule="sample")
    out.append(dataclasses.replace(
        retold(generic, "-g", "third wire"),
        events=(dataclasses.replace(first, id=first.id + "-g", article_id=generic.article.id + "-g",
                                    actor=(people,), recipient=(sides,)),),
    ))
    return out


def build_story_db(path: str) -> list[Annotation]:
    """Write :func:`story_annotations` to ``path``; return them."""
    anns = story_annotations()
    build_store(path, anns)
    return anns
